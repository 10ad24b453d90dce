/**
 * A date as a notice in `locale` writes it: long date and time, in UTC and saying so (a notice
 * is read wherever its reader is; the portal shows local times instead).
 */
import type { VerdictLocale } from '../../contracts/verdict';

export function noticeDate(iso: string, locale: VerdictLocale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}
