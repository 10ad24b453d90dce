/**
 * Would an allow entry for this value be spoofable? The entry matches the From address, which
 * anyone can write; only authentication aligned with the From domain (DMARC) shows the mail
 * really came from it. When the analysed message did not pass that, an entry for its sender
 * would let forged mail in too, and the admin is warned before saving.
 */
import type { Verdict } from '../../../contracts/verdict';

function domainOfValue(value: string): string {
  const at = value.lastIndexOf('@');
  return (at === -1 ? value : value.slice(at + 1)).trim().toLowerCase().replace(/^\*\./, '');
}

/** Relaxed alignment: the same domain, or one a subdomain of the other. */
export function aligned(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

export interface SpoofCheck {
  spoofable: boolean;
  domain: string;
}

export function spoofCheck(verdict: Verdict, value: string): SpoofCheck {
  const domain = domainOfValue(value);
  const facts = verdict.facts;
  const dmarcFailed = verdict.findings.some((f) => f.code === 'AUTH_DMARC_FAIL' && aligned(f.params['domain'] ?? domain, domain));
  if (dmarcFailed) return { spoofable: true, domain };
  if (facts.dmarc === 'pass') return { spoofable: false, domain };
  if (facts.compauth?.result === 'pass') return { spoofable: false, domain };
  const mailFromDomain = facts.mailFrom ? domainOfValue(facts.mailFrom) : '';
  if (facts.spf === 'pass' && mailFromDomain && aligned(mailFromDomain, domain)) return { spoofable: false, domain };
  return { spoofable: true, domain };
}
