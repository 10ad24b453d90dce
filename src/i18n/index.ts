/**
 * Picks the message catalog for Outlook's display language. Outlook reports a BCP 47 tag
 * such as "da-DK", "fr-CA" or "en-GB"; an exact match wins, then the language prefix
 * ("fr-CA" reads French), then English.
 */
import { daDK } from './da-DK';
import { enUS, type Catalog } from './en-US';
import { frFR } from './fr-FR';

export type { Catalog, RequestErrorCode, ServerErrorCode } from './en-US';

export const CATALOGS = {
  'en-US': enUS,
  'da-DK': daDK,
  'fr-FR': frFR,
} as const satisfies Record<string, Catalog>;

export type Locale = keyof typeof CATALOGS;

export const DEFAULT_LOCALE: Locale = 'en-US';

const LOCALES = Object.keys(CATALOGS) as Locale[];

/** The supported locale that best fits `displayLanguage`. */
export function pickLocale(displayLanguage: string | undefined | null): Locale {
  const wanted = (displayLanguage ?? '').trim().toLowerCase();
  if (wanted === '') return DEFAULT_LOCALE;
  const exact = LOCALES.find((locale) => locale.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split(/[-_]/)[0];
  const byPrefix = LOCALES.find((locale) => locale.toLowerCase().split('-')[0] === language);
  return byPrefix ?? DEFAULT_LOCALE;
}

/** The catalog for `displayLanguage`, falling back by language prefix, then to en-US. */
export function pickCatalog(displayLanguage: string | undefined | null): Catalog {
  return CATALOGS[pickLocale(displayLanguage)];
}
