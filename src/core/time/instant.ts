/**
 * The one checked parse of an RFC 3339 date-time. Every date-time that reaches the server goes
 * through it: JSON Schema's `date-time` format admits values that JavaScript time cannot hold
 * (a leap second, 23:59:60) and `Date.parse` quietly rolls impossible ones over (February 30th
 * becomes March 2nd), so neither alone can be trusted to turn text into an instant.
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

export type InstantProblem = 'syntax' | 'leapSecond' | 'outOfRange';

export type InstantParse = { ok: true; instant: Date } | { ok: false; problem: InstantProblem };

const PROBLEM_TEXT: Record<InstantProblem, string> = {
  syntax: 'is not an RFC 3339 date-time such as 2026-11-22T09:14:03Z',
  leapSecond: 'is a leap second (:60), which this server cannot store; use :59 or the next minute',
  outOfRange: 'names a day, hour, minute or offset that does not exist',
};

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseInstant(text: string): InstantParse {
  const match = RFC3339.exec(text);
  if (!match) return { ok: false, problem: 'syntax' };
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (second === 60) return { ok: false, problem: 'leapSecond' };
  const offsetHours = match[9] === undefined ? 0 : Number(match[9]);
  const offsetMinutes = match[10] === undefined ? 0 : Number(match[10]);
  if (
    month < 1 || month > 12 || day < 1 || day > daysIn(year, month) ||
    hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59
  ) {
    return { ok: false, problem: 'outOfRange' };
  }
  const ms = Date.parse(text.toUpperCase());
  if (!Number.isFinite(ms)) return { ok: false, problem: 'outOfRange' };
  return { ok: true, instant: new Date(ms) };
}

/** True when `text` is a date-time this server can use; the JSON Schema `date-time` format. */
export function isInstant(text: string): boolean {
  return parseInstant(text).ok;
}

/** A sentence for a person: `field` "value" and what is wrong with it. */
export function instantProblemText(field: string, value: string, problem: InstantProblem): string {
  return `${field} "${value.length > 64 ? `${value.slice(0, 64)}…` : value}" ${PROBLEM_TEXT[problem]}`;
}

/** The general sentence, when the value itself is not at hand (schema validation). */
export function instantRequirementText(field: string): string {
  return `${field} must be an RFC 3339 date-time such as 2026-11-22T09:14:03Z (a real day and time, no leap second)`;
}
