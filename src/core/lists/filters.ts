/**
 * The list filters of GET /api/allow-block-entries as a pure predicate, for stores that
 * filter in memory and as the reference the SQL version is tested against.
 */
import type { ListAllowBlockEntriesQuery } from '../../contracts/lists';
import { DAY_MS, expiresAtMs, isExpiredAt } from './expiry';
import type { TenantEntry } from './types';
import { displayValue } from './values';

export type EntryFilter = Omit<ListAllowBlockEntriesQuery, 'cursor' | 'limit'>;

export function entryMatchesFilter(entry: TenantEntry & { readonly note: string }, filter: EntryFilter, now: Date): boolean {
  if (filter.action !== undefined && entry.action !== filter.action) return false;
  if (filter.type !== undefined) {
    const type = entry.value.includes('@') ? 'address' : 'domain';
    if (type !== filter.type) return false;
  }
  if (filter.neverUsed !== undefined && (entry.lastUsedDateTime === null) !== filter.neverUsed) return false;
  if (filter.expiringWithinDays !== undefined) {
    const at = expiresAtMs(entry);
    const nowMs = now.getTime();
    if (!Number.isFinite(at) || isExpiredAt(entry.action, at, nowMs)) return false;
    if (at > nowMs + filter.expiringWithinDays * DAY_MS) return false;
  }
  if (filter.search !== undefined) {
    const needle = filter.search.trim().toLowerCase();
    const haystacks = [entry.value, displayValue(entry.value), entry.note.toLowerCase()];
    if (!haystacks.some((h) => h.includes(needle))) return false;
  }
  return true;
}
