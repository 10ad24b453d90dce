/** The reporter notices' built-in texts by locale. */
import type { VerdictLocale } from '../../contracts/verdict';
import { daDK } from './da-DK';
import { enUS, type NoticeCatalog } from './en-US';
import { frFR } from './fr-FR';

export type { NoticeCatalog } from './en-US';

export const NOTICE_CATALOGS: Readonly<Record<VerdictLocale, NoticeCatalog>> = {
  'en-US': enUS,
  'da-DK': daDK,
  'fr-FR': frFR,
};
