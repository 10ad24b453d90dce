/**
 * Small presentation helpers: dates in the user's language, and the one-line summary of a
 * submission's result (whose shape the server grows over time).
 */
import type { Submission } from '../../contracts/submissions';
import type { Catalog } from '../../i18n';

export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

const RESULT_TEXT_FIELDS = ['summary', 'verdict', 'message', 'detail'] as const;

/** A readable line for a result: the first text field it has, else the status alone. */
export function resultText(submission: Submission, strings: Catalog): string {
  const result = submission.result as Record<string, unknown> | null;
  if (result === null) return strings.status.noResultYet;
  for (const field of RESULT_TEXT_FIELDS) {
    const value = result[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return strings.status[submission.status];
}
