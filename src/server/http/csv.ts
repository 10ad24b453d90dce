/**
 * CSV written by csv-stringify, with every cell safe to open in a spreadsheet: a value that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula
 * (CSV injection, OWASP), so it gets a leading apostrophe, which spreadsheets show as text.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A header row and the rows, RFC 4180 (CRLF, quotes doubled), every cell made safe. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([header.map(safeCell), ...rows.map((row) => row.map(safeCell))], { record_delimiter: 'windows', quoted_match: /[",\r\n]/ });
}
