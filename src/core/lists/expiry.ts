/**
 * When Tenant Allow/Block List entries expire. Pure: the clock is always passed in.
 *
 * Rules (Exchange Online's, where it has one):
 * - `never` is for block entries only; an allow entry always ends.
 * - Allow entries made directly must expire within 30 days (1, 7, 30 days or a date at most
 *   30 days ahead). Allow entries made from a submission may instead use "remove N days
 *   after last used" (default 45): every time the entry decides a message it lives on.
 * - A specific date must be in the future.
 * - Block entries may use any rule. (Exchange Online caps a block's specific date at 90
 *   days; we set no cap, so a block may be dated as far out as the admin needs.)
 *
 * An entry is expired from its expiry instant on (`now >= expiresAt`). An entry whose
 * stored dates cannot be read is treated the safe way: an allow entry as expired (it stops
 * letting mail through), a block entry as live (it keeps blocking).
 */
import { instantProblemText, parseInstant } from '../time/instant';
import type { EntryAction, EntrySource, Expiration, ExpirationRequest, ListError } from '../../contracts/lists';
import { DEFAULT_REMOVE_AFTER_DAYS, EXPIRATION_DAY_CHOICES, MAX_REMOVE_AFTER_DAYS } from '../../contracts/lists';
import { listErrors } from './errors';

export const DAY_MS = 86_400_000;
/** Longest life of an allow entry made directly (not from a submission). */
export const MAX_DIRECT_ALLOW_DAYS = 30;

/** The fields of an entry that decide when it expires. */
export interface ExpiringEntry {
  readonly action: EntryAction;
  readonly expiration: Expiration;
  /** When the rule was set (created, or expiration changed): `days` counts from here. */
  readonly expirationSetDateTime: string;
  readonly lastUsedDateTime: string | null;
}

/** The expiry instant in epoch ms; Infinity = never; NaN = unreadable stored dates. */
export function expiresAtMs(entry: ExpiringEntry): number {
  const exp = entry.expiration;
  if (exp.type === 'never') return Number.POSITIVE_INFINITY;
  if (exp.type === 'date') return Date.parse(exp.date);
  const setAt = Date.parse(entry.expirationSetDateTime);
  if (exp.type === 'days') return setAt + exp.days * DAY_MS;
  const lastUsed = entry.lastUsedDateTime === null ? Number.NaN : Date.parse(entry.lastUsedDateTime);
  // Last used before the rule was set (or never): count from when it was set.
  const from = Number.isNaN(lastUsed) ? setAt : Math.max(setAt, lastUsed);
  return from + exp.days * DAY_MS;
}

/** The expiry instant; null = never (or unreadable stored dates, see isExpired). */
export function entryExpiresAt(entry: ExpiringEntry): Date | null {
  const at = expiresAtMs(entry);
  return Number.isFinite(at) ? new Date(at) : null;
}

/** True when the expiry instant is readable and reached, or (for allow entries only) unreadable. */
export function isExpiredAt(action: EntryAction, expiresAt: number, nowMs: number): boolean {
  if (Number.isNaN(expiresAt)) return action === 'allow';
  return nowMs >= expiresAt;
}

export function isExpired(entry: ExpiringEntry, now: Date): boolean {
  return isExpiredAt(entry.action, expiresAtMs(entry), now.getTime());
}

/** The entries whose expiry has passed: what the expiry job removes (one audit row each). */
export function expiredEntries<T extends ExpiringEntry>(entries: readonly T[], now: Date): T[] {
  return entries.filter((e) => isExpired(e, now));
}

/** The expiry as an ISO instant for the API (`expirationDateTime`); null = never. */
export function expirationDateTime(entry: ExpiringEntry): string | null {
  return entryExpiresAt(entry)?.toISOString() ?? null;
}

/** The rule used when a request gives none: Exchange Online's defaults, within our rules. */
export function defaultExpiration(action: EntryAction, source: EntrySource): Expiration {
  if (action === 'block') return { type: 'days', days: 30 };
  return source === 'submission'
    ? { type: 'afterLastUsed', days: DEFAULT_REMOVE_AFTER_DAYS }
    : { type: 'days', days: MAX_DIRECT_ALLOW_DAYS };
}

/** A request's rule in stored form (fills in the default N of `afterLastUsed`). */
export function resolveExpiration(
  request: ExpirationRequest | undefined,
  action: EntryAction,
  source: EntrySource,
): Expiration {
  if (request === undefined) return defaultExpiration(action, source);
  if (request.type === 'afterLastUsed') {
    return { type: 'afterLastUsed', days: request.days ?? DEFAULT_REMOVE_AFTER_DAYS };
  }
  return request;
}

/** Everything wrong with a rule for this kind of entry, at `now` (empty = fine). */
export function checkExpiration(
  exp: Expiration,
  action: EntryAction,
  source: EntrySource,
  now: Date,
): ListError[] {
  switch (exp.type) {
    case 'never':
      return action === 'block' ? [] : [listErrors.neverExpiryBlockOnly()];
    case 'days':
      return (EXPIRATION_DAY_CHOICES as readonly number[]).includes(exp.days)
        ? []
        : [listErrors.invalidExpiration('choose 1, 7 or 30 days')];
    case 'date': {
      const parsed = parseInstant(exp.date);
      if (!parsed.ok) return [listErrors.invalidExpiration(instantProblemText('the date', exp.date, parsed.problem))];
      const at = parsed.instant.getTime();
      if (at <= now.getTime()) return [listErrors.expiryInPast()];
      if (action === 'allow' && at > now.getTime() + MAX_DIRECT_ALLOW_DAYS * DAY_MS) {
        return [listErrors.expiryTooFar(MAX_DIRECT_ALLOW_DAYS)];
      }
      return [];
    }
    case 'afterLastUsed': {
      if (!Number.isInteger(exp.days) || exp.days < 1 || exp.days > MAX_REMOVE_AFTER_DAYS) {
        return [listErrors.invalidExpiration(`N must be a whole number of days from 1 to ${MAX_REMOVE_AFTER_DAYS}`)];
      }
      return action === 'allow' && source === 'direct' ? [listErrors.lastUsedRuleNeedsSubmission()] : [];
    }
    default:
      return [listErrors.invalidExpiration('unknown rule')];
  }
}
