/**
 * The organisation's own accepted domains (from config). A list entry for one of them, or
 * for a subdomain of one, is refused: allowing your own domain lets anyone who spoofs it
 * in, and blocking it stops your own mail. Individual addresses are still fine.
 */
import { domainKey } from './value-keys';

export type AcceptedDomains = ReadonlySet<string>;

/** Normalises the configured domains once; invalid ones are dropped. */
export function acceptedDomainSet(domains: readonly string[]): AcceptedDomains {
  const set = new Set<string>();
  for (const d of domains) {
    const key = domainKey(d.startsWith('@') ? d.slice(1) : d);
    if (key !== null) set.add(key);
  }
  return set;
}

const isSameOrSubdomain = (domain: string, parent: string): boolean =>
  domain === parent || domain.endsWith(`.${parent}`);

/**
 * The accepted domain a domain entry would cover, or null. `wildcard` entries also cover
 * every subdomain, so `*.example.com` is refused when mail.example.com is accepted.
 */
export function coveredAcceptedDomain(domain: string, wildcard: boolean, accepted: AcceptedDomains): string | null {
  for (const own of accepted) {
    if (isSameOrSubdomain(domain, own)) return own;
    if (wildcard && isSameOrSubdomain(own, domain)) return own;
  }
  return null;
}
