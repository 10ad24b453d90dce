/**
 * Small helpers the family decoders share: finding a family's fields by name, and reading a
 * verdict header's leading word without looking at more of a hostile value than needed.
 */
import type { HeaderField } from '../types';

/** A value read from one header, with the exact text it was read from (the evidence). */
export interface Stamp<T> {
  header: string;
  value: T;
  text: string;
}

/** The newest field named `name` (a family's fields come newest first). */
export function newest(fields: readonly HeaderField[], name: string): HeaderField | undefined {
  return fields.find((f) => f.lowerName === name);
}

/** Past this many characters a verdict word is not where a filter writes it. */
export const HEAD = 200;

/** The start of a value: what a verdict header's leading word is read from. */
export function head(value: string, max = HEAD): string {
  return value.length <= max ? value : value.slice(0, max);
}

/** `text` lower-cased with everything but letters removed ("Not_Detected" → "notdetected"). */
export function letters(text: string): string {
  return head(text).toLowerCase().replace(/[^a-z]+/g, '');
}

/** The value's first segment before `separator`, trimmed, read from its head only. */
export function firstSegment(value: string, separator: string): string {
  const start = head(value);
  const at = start.indexOf(separator);
  return (at === -1 ? start : start.slice(0, at)).trim();
}
