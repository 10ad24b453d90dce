/**
 * A user's own Safe Senders and Blocked Senders lists: validation of an addition.
 *
 * Outlook silently drops Safe Senders entries past 1,024; we refuse out loud instead and
 * say how many are used. The limit applies to each list separately and is configurable.
 */
import type { ListValueType } from '../../contracts/lists';
import { listErrors, fail, ok, type Result } from './errors';
import { acceptedDomainSet, coveredAcceptedDomain } from './own-domains';
import { storedValueKey } from './value-keys';
import { displayValue, parseListValue } from './values';

export const DEFAULT_USER_LIST_LIMIT = 1024;

export interface UserListContext {
  readonly acceptedDomains: readonly string[];
  /** The values already on this list. */
  readonly existing: readonly string[];
  readonly limit?: number;
}

export interface UserListDraft {
  value: string;
  displayValue: string;
  valueType: ListValueType;
}

export function validateUserListAdd(raw: string, ctx: UserListContext): Result<UserListDraft> {
  const parsed = parseListValue(raw);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (v.kind === 'domain' && v.wildcard) {
    return fail(listErrors.invalidSyntax('*.domain entries are not supported here; enter the domain itself'));
  }
  if (v.kind === 'domain') {
    const own = coveredAcceptedDomain(v.domain, false, acceptedDomainSet(ctx.acceptedDomains));
    if (own !== null) return fail(listErrors.ownAcceptedDomain(own));
  }
  const existing = new Set(ctx.existing.map((e) => storedValueKey(e)?.value ?? e.toLowerCase()));
  if (existing.has(v.value)) return fail(listErrors.duplicate(v.value));
  const limit = ctx.limit ?? DEFAULT_USER_LIST_LIMIT;
  if (ctx.existing.length >= limit) return fail(listErrors.limitReached(ctx.existing.length, limit));
  return ok({ value: v.value, displayValue: displayValue(v.value), valueType: v.kind });
}

/** The one form of a value for DELETE /api/me/.../{value}, so any spelling removes it. */
export function userListValueKey(raw: string): string | null {
  const parsed = parseListValue(raw);
  return parsed.ok ? parsed.value.value : null;
}
