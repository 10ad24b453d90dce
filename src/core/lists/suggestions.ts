/**
 * "Offer a domain entry": when 7 or more addresses of one domain are allowed, suggest one
 * domain entry instead. Only an offer: a domain entry also lets in every other sender of
 * that domain, which the admin must choose knowingly.
 *
 * No suggestion is made for a domain that an allow entry already covers, that a block
 * entry covers (the domain entry would be shadowed), or that is one of the organisation's
 * own accepted domains (such entries are refused).
 */
import type { TenantEntry } from './types';
import { buildTenantIndex, lookupSender } from './matching-index';
import { isExpired } from './expiry';
import { acceptedDomainSet, coveredAcceptedDomain } from './own-domains';
import { storedValueKey } from './value-keys';

export const DOMAIN_SUGGESTION_THRESHOLD = 7;

export interface DomainSuggestion {
  domain: string;
  addressCount: number;
  entryIds: string[];
}

export interface SuggestionOptions {
  readonly now: Date;
  readonly acceptedDomains?: readonly string[];
  readonly threshold?: number;
  /** Only this domain (e.g. the domain of the entry just created). */
  readonly forDomain?: string;
}

export function suggestDomainEntries(entries: readonly TenantEntry[], options: SuggestionOptions): DomainSuggestion[] {
  const threshold = options.threshold ?? DOMAIN_SUGGESTION_THRESHOLD;
  const accepted = acceptedDomainSet(options.acceptedDomains ?? []);
  const only = options.forDomain === undefined ? null : (storedValueKey(options.forDomain)?.domain ?? null);
  const live = entries.filter((e) => !isExpired(e, options.now));
  const index = buildTenantIndex(live);
  const nowMs = options.now.getTime();
  const byDomain = new Map<string, string[]>();
  for (const e of live) {
    if (e.action !== 'allow') continue;
    const parsed = storedValueKey(e.value);
    if (parsed === null || parsed.kind !== 'address') continue;
    if (only !== null && parsed.domain !== only) continue;
    const ids = byDomain.get(parsed.domain);
    if (ids === undefined) byDomain.set(parsed.domain, [e.id]);
    else ids.push(e.id);
  }
  const out: DomainSuggestion[] = [];
  for (const [domain, ids] of byDomain) {
    if (ids.length < threshold) continue;
    const keys = { address: null, domain };
    const covered = lookupSender(index, keys, nowMs);
    if (covered.allow !== null || covered.block !== null) continue;
    if (coveredAcceptedDomain(domain, false, accepted) !== null) continue;
    out.push({ domain, addressCount: ids.length, entryIds: ids });
  }
  return out.sort((a, b) => b.addressCount - a.addressCount || a.domain.localeCompare(b.domain));
}
