/**
 * The list health report: what an admin should look at before it bites.
 * - entries that expire within 7 days (an allow that quietly ends brings the problem back);
 * - entries not used for 30 days (or never, once 30 days old): candidates for removal;
 * - allow entries shadowed by a block entry (they can never act: block beats allow);
 * - users near their Safe Senders limit (90% or more of it);
 * - domain-entry suggestions (7+ allowed addresses in one domain).
 * Pure: every input is a plain array and the clock is passed in.
 */
import type { HealthReport } from '../../contracts/lists';
import { DAY_MS, expiresAtMs, isExpiredAt } from './expiry';
import { buildTenantIndex, findMatch, findWildcardMatch, type Match } from './matching-index';
import { suggestDomainEntries } from './suggestions';
import type { TenantEntry } from './types';
import { DEFAULT_USER_LIST_LIMIT } from './user-lists';
import { storedValueKey } from './value-keys';

export interface HealthEntry extends TenantEntry {
  readonly createdDateTime: string;
}

export interface SafeSendersUsage {
  readonly user: string;
  readonly used: number;
  /** This user's limit, when it differs from the default. */
  readonly limit?: number;
}

export interface HealthInputs {
  readonly now: Date;
  readonly tenantEntries: readonly HealthEntry[];
  readonly safeSendersUsage: readonly SafeSendersUsage[];
  readonly safeSendersLimit?: number;
  readonly acceptedDomains?: readonly string[];
  readonly expiringWithinDays?: number;
  readonly unusedForDays?: number;
  /** Flag users at or above this share of their limit. */
  readonly nearLimitRatio?: number;
}

const ref = (e: { id: string; value: string; action: TenantEntry['action'] }) => ({ id: e.id, value: e.value, action: e.action });

function shadowingBlock(allowValue: string, index: ReturnType<typeof buildTenantIndex>, nowMs: number): Match | null {
  const parsed = storedValueKey(allowValue);
  if (parsed === null) return null;
  if (parsed.kind === 'address') return findMatch(index, 'block', { address: parsed.value, domain: parsed.domain }, nowMs);
  // A *.domain allow is only fully covered by a *.domain block at or above it.
  if (parsed.wildcard) return findWildcardMatch(index, 'block', parsed.domain, nowMs);
  return findMatch(index, 'block', { address: null, domain: parsed.domain }, nowMs);
}

export function computeHealthReport(inputs: HealthInputs): HealthReport {
  const nowMs = inputs.now.getTime();
  const soonMs = nowMs + (inputs.expiringWithinDays ?? 7) * DAY_MS;
  const unusedSinceMs = nowMs - (inputs.unusedForDays ?? 30) * DAY_MS;
  const live = inputs.tenantEntries
    .map((e) => ({ e, expiresAt: expiresAtMs(e) }))
    .filter(({ e, expiresAt }) => !isExpiredAt(e.action, expiresAt, nowMs));

  const expiringSoon = live
    .filter(({ expiresAt }) => Number.isFinite(expiresAt) && expiresAt <= soonMs)
    .sort((a, b) => a.expiresAt - b.expiresAt)
    .map(({ e, expiresAt }) => ({ ...ref(e), expirationDateTime: new Date(expiresAt).toISOString() }));

  const unused = live
    .filter(({ e }) => {
      const created = Date.parse(e.createdDateTime);
      const lastUsed = e.lastUsedDateTime === null ? Number.NaN : Date.parse(e.lastUsedDateTime);
      const reference = Number.isNaN(lastUsed) ? created : lastUsed;
      return !Number.isNaN(reference) && reference <= unusedSinceMs;
    })
    .map(({ e }) => ({ ...ref(e), lastUsedDateTime: e.lastUsedDateTime, createdDateTime: e.createdDateTime }));

  const index = buildTenantIndex(live.map(({ e }) => e));
  const shadowedAllows: HealthReport['shadowedAllows'] = [];
  for (const { e } of live) {
    if (e.action !== 'allow') continue;
    const block = shadowingBlock(e.value, index, nowMs);
    if (block !== null) shadowedAllows.push({ allow: ref(e), block: ref(block.entry) });
  }

  const ratio = inputs.nearLimitRatio ?? 0.9;
  const usersNearSafeSendersLimit = inputs.safeSendersUsage
    .map((u) => ({ user: u.user, used: u.used, limit: u.limit ?? inputs.safeSendersLimit ?? DEFAULT_USER_LIST_LIMIT }))
    .filter((u) => u.used >= Math.ceil(u.limit * ratio))
    .sort((a, b) => b.used / b.limit - a.used / a.limit || a.user.localeCompare(b.user));

  return {
    generatedDateTime: inputs.now.toISOString(),
    expiringSoon,
    unused,
    shadowedAllows,
    usersNearSafeSendersLimit,
    domainSuggestions: suggestDomainEntries(inputs.tenantEntries, {
      now: inputs.now,
      acceptedDomains: inputs.acceptedDomains ?? [],
    }),
  };
}
