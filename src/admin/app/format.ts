/** Dates and numbers in the page's language, with formatters made once per locale. */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = map.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    map.set(locale, format);
  }
  return format;
}

export function formatDateTime(locale: string, iso: string | null | undefined): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return cached(dateTimeFormats, locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

export function formatDate(locale: string, iso: string | null | undefined): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return cached(dateFormats, locale, { dateStyle: 'medium' }).format(time);
}

export function formatNumber(locale: string, value: number): string {
  return value.toLocaleString(locale);
}

/** The domain of an address (after the last @), lower-cased; '' when there is none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? '' : address.slice(at + 1).toLowerCase();
}

const shortFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A list's compact date: the time for today, day and month with the time this year, the
 * date alone before that. The full date and time is the cell's title.
 */
export function formatShort(locale: string, iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const date = new Date(time);
  if (date.toDateString() === now.toDateString()) return cached(timeFormats, locale, { timeStyle: 'short' }).format(time);
  if (date.getFullYear() === now.getFullYear()) return cached(shortFormats, locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(time);
  return formatDate(locale, iso);
}
