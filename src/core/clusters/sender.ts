/**
 * Whose mail a report is, for clustering: the sender domain the organisation's own servers
 * authenticated. A cluster groups one sender's mail, so it must rest on what the sender could
 * not forge: reports of a look-alike that claims `From: billing@northwind.example` without
 * passing authentication never join the real Northwind's cluster (nor inherit its decision).
 *
 * Read from the analyzer's decoded facts, which hold only evidence written inside the
 * organisation's boundary (decodeHeaders; claims from outside are kept apart and ignored here):
 *
 * 1. DMARC pass (or Exchange's `bestguesspass`: aligned, without a published policy) for the
 *    From domain;
 * 2. otherwise a passing DKIM signature whose `d=` is aligned with the From domain (relaxed
 *    alignment: the same domain, or one a subdomain of the other; without the Public Suffix
 *    List, which no one can sign for anyway);
 * 3. otherwise nothing authenticated the sender, and the From domain is used as it is written:
 *    the key says so (`from:` instead of `auth:`), so unauthenticated mail only ever clusters
 *    with unauthenticated mail claiming the same domain.
 *
 * At mailbox providers everyone shares a domain (gmail.com, outlook.com, …): there the sender
 * is the address, not the domain, so two strangers' messages never form one cluster.
 */
import type { DecodedFacts } from '../analysis/types';

export type SenderBasis = 'dmarc' | 'dkim' | 'from';

export interface ClusterSender {
  /** The From domain, lower-cased ('' when there is none). */
  domain: string;
  /** What established it: an authentication result, or only the From field. */
  basis: SenderBasis;
  /** Reports join only clusters with the same key. */
  key: string;
}

/** Domains where every user has an address of their own: the address is the sender. */
export const SHARED_MAILBOX_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'outlook.dk', 'hotmail.dk', 'live.dk',
  'outlook.fr', 'hotmail.fr', 'live.fr', 'hotmail.co.uk', 'yahoo.com', 'ymail.com', 'yahoo.dk', 'yahoo.fr', 'yahoo.co.uk',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'pm.me', 'gmx.com', 'gmx.net', 'gmx.de',
  'gmx.fr', 'web.de', 'mail.com', 'yandex.com', 'yandex.ru', 'zoho.com', 'fastmail.com', 'orange.fr', 'wanadoo.fr',
  'free.fr', 'laposte.net', 'sfr.fr', 'mail.dk', 'jubii.dk', 'ofir.dk',
]);

function aligned(signingDomain: string, fromDomain: string): boolean {
  if (signingDomain === fromDomain) return true;
  const [shorter, longer] = signingDomain.length < fromDomain.length ? [signingDomain, fromDomain] : [fromDomain, signingDomain];
  return shorter.includes('.') && longer.endsWith(`.${shorter}`);
}

function basisOf(facts: DecodedFacts, fromDomain: string): SenderBasis {
  if (fromDomain === '') return 'from';
  const dmarc = facts.auth.dmarc;
  if (dmarc !== undefined && (dmarc.result === 'pass' || dmarc.result === 'bestguesspass')) {
    const headerFrom = dmarc.properties['header.from']?.toLowerCase();
    if (headerFrom === undefined || headerFrom === fromDomain) return 'dmarc';
  }
  for (const dkim of facts.auth.dkim) {
    if (dkim.result !== 'pass') continue;
    const d = (dkim.properties['header.d'] ?? dkim.properties['header.i']?.replace(/^.*@/, ''))?.toLowerCase();
    if (d !== undefined && d.length > 0 && aligned(d, fromDomain)) return 'dkim';
  }
  return 'from';
}

/**
 * The cluster sender of a message from its decoded headers; `reportedSender` (the address the
 * reporter's mail client showed) stands in when the headers name no From address.
 */
export function clusterSenderOf(facts: DecodedFacts, reportedSender: string): ClusterSender {
  const address = (facts.sender.from?.address ?? reportedSender).trim().toLowerCase();
  const at = address.lastIndexOf('@');
  const domain = (facts.sender.from?.domain ?? (at === -1 ? '' : address.slice(at + 1))).toLowerCase();
  const basis = basisOf(facts, domain);
  const who = SHARED_MAILBOX_DOMAINS.has(domain) ? `${domain}:${address}` : domain;
  return { domain, basis, key: `${basis === 'from' ? 'from' : 'auth'}:${who}` };
}
