/**
 * Evidence comes only from the organisation's own boundary. Each forged-evidence fixture
 * carries authentication results or filter verdicts a sender could have written (below the
 * Received field where the message entered, an untrusted authserv-id or ARC sealer, headers
 * Exchange Online renamed): none may become an authentication pass, an allow (as a cause or
 * as advice), or a passing authentication result in the facts the lists decide on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeHeaders, decodeHeaders, toMessageFacts } from '../../../src/core/analysis';
import type { TrustSettings } from '../../../src/core/analysis/trust/settings';

interface ForgedCase {
  description: string;
  trust: Partial<TrustSettings>;
  /** A statement the forger wrote, which must show up as a claim. */
  claimed: string[];
  /** Filter families whose verdict headers the forger wrote, which must show up as claims. */
  claimedFilters?: string[];
}

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'forged');
const CASES = JSON.parse(readFileSync(path.join(DIR, 'cases.json'), 'utf8')) as Record<string, ForgedCase>;

/** Advice to allow the sender, in any form. */
const ALLOW_ADVICE = ['REC_TEMPORARY_ALLOW', 'REC_TRUSTED_SENDER_IMPERSONATION', 'REC_TRUSTED_DOMAIN_IMPERSONATION'];
const PASSING = ['pass', 'bestguesspass'];

describe.each(Object.entries(CASES))('%s', (name, forged) => {
  const text = readFileSync(path.join(DIR, `${name}.txt`), 'utf8');
  const verdict = analyzeHeaders(text, { trust: forged.trust });
  const facts = decodeHeaders(text, { trust: forged.trust });

  test('no authentication pass is found', () => {
    expect(verdict.findings.map((f) => f.code)).not.toContain('AUTH_PASS');
    expect(PASSING).not.toContain(facts.auth.dmarc?.result);
    expect(PASSING).not.toContain(facts.auth.compauth?.result);
    expect(facts.auth.dkim.filter((d) => d.result === 'pass')).toEqual([]);
    expect(PASSING).not.toContain(verdict.facts.dmarc);
  });

  test('nothing recommends allowing the sender', () => {
    const codes = verdict.recommendations.map((r) => r.code);
    for (const code of ALLOW_ADVICE) expect(codes).not.toContain(code);
  });

  test('no allow is the cause, and the category is not "not junk"', () => {
    expect(verdict.primaryCause.kind === 'tenantConfiguration' && verdict.findings.some((f) => f.code === verdict.primaryCause.findingCode && /SFV_S[FK]|IPV_CAL|SAFE_SENDER|WELCOMELIST|ALLOWLIST/.test(f.code))).toBe(false);
    expect(verdict.category).not.toBe('notJunk');
  });

  test('the forged results are reported as claims, not evidence', () => {
    const claims = facts.claims.auth.map((s) => s.text);
    for (const statement of forged.claimed) expect(claims.join(' | ')).toContain(statement);
    expect(verdict.findings.some((f) => f.code === 'AUTH_CLAIM_CONTRADICTED' || f.code === 'AUTH_CLAIMS_OUTSIDE')).toBe(true);
  });

  test('forged spam verdicts are claims too, and none of them counts as evidence', () => {
    const claimedFamilies = new Set(facts.claims.filters.map((f) => f.family));
    for (const family of forged.claimedFilters ?? []) expect({ family, claimed: claimedFamilies.has(family) }).toEqual({ family, claimed: true });
    expect(facts.filters.filter((f) => f.list === 'allow' || f.flagged === false)).toEqual([]);
  });

  test('the lists see no passing authentication either', () => {
    const message = toMessageFacts(facts);
    expect(PASSING).not.toContain(message?.authentication.dmarc);
    expect(PASSING).not.toContain(message?.authentication.compauth);
  });
});

describe('a phish whose sender wrote a passing Authentication-Results below our edge', () => {
  const text = readFileSync(path.join(DIR, 'lower-forged-authentication-results-eop.txt'), 'utf8');

  test("says the sender's pass was forged, not that the sender authenticated", () => {
    const verdict = analyzeHeaders(text);
    const contradiction = verdict.findings.find((f) => f.code === 'AUTH_CLAIM_CONTRADICTED');
    expect(contradiction?.severity).toBe('high');
    expect(contradiction?.explanation).toMatch(/written outside your organisation/);
    expect(verdict.findings.map((f) => f.explanation).join(' ')).not.toMatch(/The sender authenticated/);
    expect(verdict.recommendations.map((r) => r.code)).toContain('REC_NO_ALLOW_UNAUTHENTICATED');
  });
});
