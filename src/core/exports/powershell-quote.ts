/**
 * Quoting for generated PowerShell. Every value that came from a person (addresses,
 * domains, notes, mailbox names) goes into the script ONLY as a single-quoted string
 * literal, in which PowerShell expands nothing: no `$(...)`, no `$var`, no backtick escapes.
 *
 * The one way out of a single-quoted literal is a quote character, and PowerShell treats
 * FOUR characters as single quotes: ' (U+0027), ‘ (U+2018), ’ (U+2019), ‚ (U+201A) and
 * ‛ (U+201B). Inside the literal, any of them written twice stands for itself, so every one
 * of them is doubled. Line breaks would not end the literal either, but a generated line
 * must stay one line (reviewable, and checkable line by line), so values with control
 * characters are refused and notes have them replaced.
 */

const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what we look for
const CONTROL_OR_SEPARATOR = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Bidi overrides and isolates: they make a line read differently from what it is. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export function isScriptSafe(value: string): boolean {
  CONTROL_OR_SEPARATOR.lastIndex = 0;
  BIDI_CONTROLS.lastIndex = 0;
  return !CONTROL_OR_SEPARATOR.test(value) && !BIDI_CONTROLS.test(value);
}

/** A single-quoted PowerShell literal for the value. Throws on control characters: a
 * caller that gets here with one has skipped the check it must make. */
export function psLiteral(value: string): string {
  if (!isScriptSafe(value)) throw new RangeError('control characters cannot be written into a script');
  return `'${value.replace(SINGLE_QUOTES, (q) => q + q)}'`;
}

/** Free text (a note) made safe to quote: control characters become spaces, bidi controls go. */
export function sanitiseText(text: string): string {
  return text.replace(CONTROL_OR_SEPARATOR, ' ').replace(BIDI_CONTROLS, '');
}

/** `'a','b','c'`: a PowerShell array of literals. */
export const psList = (values: readonly string[]): string => values.map(psLiteral).join(',');
