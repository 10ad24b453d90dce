/** The judge's behaviour beyond the corpus: options, now-versus-then, body facts, the rule table. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  RULES,
  analyzeHeaders,
  decodeHeaders,
  judge,
  toMessageFacts,
} from '../../../src/core/analysis';
import { FINDINGS_CATALOGS } from '../../../src/i18n/findings';
import { deriveFacts } from '../../../src/core/analysis/derive';
import { CAT_VALUES, SFV_VALUES } from '../../../src/core/analysis/decoders/forefront';
import type { RuleContext } from '../../../src/core/analysis/rules/rule-types';

const fixture = (name: string): string =>
  readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'headers', `${name}.txt`), 'utf8');

describe('the rule table', () => {
  test('codes are unique and every rule has its texts', () => {
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const rule of RULES) {
      expect(FINDINGS_CATALOGS['en-US'].findings[rule.code]).toBeTruthy();
      if (rule.recommendation !== undefined) expect(FINDINGS_CATALOGS['en-US'].recommendations[rule.recommendation]).toBeTruthy();
      // Only findings that name a cause can be one.
      if (rule.role !== 'info') expect(rule.cause).not.toBeNull();
    }
  });

  // The judge calls a rule with an `on` trigger only when the message has that token value.
  // If a rule could match without it, the index would hide a finding: this checks every rule
  // against every SFV x CAT pair (and the corpus's own SCL, SFTY, IPV and SRV values).
  test('a rule indexed by a Forefront token value never matches without that value', () => {
    const base = fixture('eop-cat-spoof-compauth-000-dkim-fail');
    expect(base).toMatch(/SFV:[A-Z]+/);
    let checked = 0;
    for (const sfv of [...SFV_VALUES, 'XYZ']) {
      for (const cat of [...CAT_VALUES, 'XYZ']) {
        const text = base.replace(/SFV:[A-Z]+/, `SFV:${sfv}`).replace(/CAT:[A-Z]+/, `CAT:${cat}`);
        const facts = decodeHeaders(text);
        const ctx: RuleContext = { facts, genericVerdicts: [], bulkThreshold: 7, bulkThresholdConfigured: false, acceptedDomains: new Set(), derived: deriveFacts(facts) };
        for (const rule of RULES) {
          if (rule.on === undefined || rule.when(ctx).length === 0) continue;
          checked++;
          // The code rides along so a failure names the rule.
          expect({ rule: rule.code, indexed: rule.on.values.includes(facts.forefront?.tokens[rule.on.key]?.value ?? '') })
            .toEqual({ rule: rule.code, indexed: true });
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(RULES.filter((r) => r.on !== undefined).length).toBeGreaterThan(30);
  });

  test('every finding text of the catalog belongs to a rule', () => {
    const codes = new Set<string>(RULES.map((r) => r.code));
    for (const code of Object.keys(FINDINGS_CATALOGS['en-US'].findings)) expect(codes).toContain(code);
  });
});

describe('example recommendations, word for word', () => {
  test('bulk threshold', () => {
    const verdict = analyzeHeaders(fixture('eop-bulk-bcl6-strict-threshold5'), { tenant: { bulkThreshold: 5 } });
    expect(verdict.recommendations[0]?.text).toBe('BCL 6 is at or above your bulk threshold 5: raise the threshold if mail like this is wanted.');
  });

  test('SPF failure', () => {
    const verdict = analyzeHeaders(fixture('eop-cat-spoof-compauth-001-spf-fail'));
    expect(verdict.recommendations.map((r) => r.text)).toContain(
      'SPF failed for example.com from 203.0.113.7: the sender must add this IP to their SPF record, or sign with DKIM so that DMARC passes.',
    );
  });
});

describe('options', () => {
  test('an invalid bulk threshold is ignored, not trusted', () => {
    for (const bulkThreshold of [0, 10, 5.5, Number.NaN]) {
      const verdict = analyzeHeaders(fixture('eop-bulk-bcl6-strict-threshold5'), { tenant: { bulkThreshold } });
      expect(verdict.primaryCause.findingCode).toBe('MS_BULK_THRESHOLD_INFERRED');
    }
  });

  test('a threshold above the observed BCL contradicts the headers, so the threshold then is inferred', () => {
    const verdict = analyzeHeaders(fixture('eop-bulk-bcl5-inferred-threshold'), { tenant: { bulkThreshold: 7 } });
    expect(verdict.primaryCause.findingCode).toBe('MS_BULK_THRESHOLD_INFERRED');
  });

  test('the precomputed "now" decision is copied next to "then"', () => {
    const now = { action: 'inbox', reason: 'Allowed by the tenant allow entry example.com (expires 2025-03-01).' };
    const verdict = analyzeHeaders(fixture('eop-sfv-blk-user-blocked-sender'), { lists: { now } });
    expect(verdict.now).toEqual(now);
    expect(verdict.then.action).toBe('junk');
    expect(analyzeHeaders(fixture('eop-sfv-blk-user-blocked-sender')).now).toBeUndefined();
  });

  test('the locale changes the words, never the codes or evidence', () => {
    const text = fixture('eop-cat-spoof-compauth-001-spf-fail');
    const en = analyzeHeaders(text);
    const da = analyzeHeaders(text, { locale: 'da-DK' });
    expect(da.findings.map((f) => [f.code, f.evidence])).toEqual(en.findings.map((f) => [f.code, f.evidence]));
    expect(da.primaryCause.explanation).not.toBe(en.primaryCause.explanation);
    expect(da.recommendations[1]?.text).toBe(
      'SPF fejlede for example.com fra 203.0.113.7: afsenderen skal tilføje denne IP-adresse til sin SPF-post eller signere med DKIM, så DMARC består.',
    );
  });

  test('judge(decodeHeaders(x)) is analyzeHeaders(x) and is deterministic', () => {
    const text = fixture('rspamd-reject-bayes-rbl');
    expect(judge(decodeHeaders(text))).toEqual(analyzeHeaders(text));
    expect(analyzeHeaders(text)).toEqual(analyzeHeaders(text));
  });
});

describe('toMessageFacts (for the lists decision function)', () => {
  test('maps sender, authentication, CAT and BCL', () => {
    expect(toMessageFacts(decodeHeaders(fixture('eop-bulk-bcl6-strict-threshold5')))).toEqual({
      senderAddress: 'offers@news.example.com',
      senderDomain: 'news.example.com',
      authentication: { spf: 'pass', dkim: 'pass', dmarc: 'pass', compauth: 'pass' },
      verdict: 'bulk',
      bcl: 6,
    });
    expect(toMessageFacts(decodeHeaders(fixture('eop-cat-hphsh-dmarc-reject')))?.verdict).toBe('highConfidencePhishing');
    expect(toMessageFacts(decodeHeaders(fixture('sa-spam-bayes-dnsbl')))?.verdict).toBe('spam');
    expect(toMessageFacts(decodeHeaders('Subject: no sender\n'))).toBeUndefined();
  });
});
