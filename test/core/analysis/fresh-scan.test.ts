/**
 * A fresh Rspamd scan in the verdict: the action summary, one finding per symbol with the
 * exact `SYMBOL(score)[options]` token, severity by score, cause by symbol family, texts in the
 * three locales from the typed table (same placeholders in every locale); and the judge weighing
 * them with the header evidence, so a scan can name the cause the headers cannot.
 */
import { Value } from '@sinclair/typebox/value';
import { Finding, VERDICT_LOCALES, type VerdictLocale } from '../../../src/contracts/verdict';
import {
  analyzeHeaders,
  freshScanFindings,
  RSPAMD_EVIDENCE_HEADER,
  RSPAMD_KNOWN_ACTIONS,
  RSPAMD_TEXTS,
  type FreshScan,
  type FreshScanSymbol,
} from '../../../src/core/analysis';

const sym = (name: string, score: number, extra: Partial<FreshScanSymbol> = {}): FreshScanSymbol => ({ name, score, options: [], ...extra });
const rspamdFindings = (scan: FreshScan, { locale = 'en-US' }: { locale?: VerdictLocale } = {}): Finding[] =>
  freshScanFindings(scan, locale).map((f) => f.finding);

const SCAN: FreshScan = {
  action: 'reject',
  score: 21.4,
  requiredScore: 15,
  isSkipped: false,
  symbols: [
    sym('CLAM_VIRUS', 12, { options: ['Eicar-Signature'] }),
    sym('BAYES_SPAM', 5.1, { description: 'Message probably spam, probability: ', options: ['99.99%'] }),
    sym('R_SPF_FAIL', 1.5, { options: ['-all'] }),
    sym('DCC_BULK', 1),
    sym('PHISHING', 0.5, { options: ['bank.example->evil.example'] }),
    sym('RCVD_NO_TLS_LAST', 0.1),
    sym('FROM_HAS_DN', 0),
    sym('MIME_GOOD', -0.1, { description: 'Known content-type', options: ['text/plain'] }),
  ],
  messages: { smtp_message: 'Spam message rejected' },
};

describe('rspamdFindings', () => {
  const findings = rspamdFindings(SCAN);

  test('every finding is a valid verdict Finding on the rspamd layer with /checkv2 evidence', () => {
    expect(findings).toHaveLength(SCAN.symbols.length + 1);
    for (const finding of findings) {
      expect(Value.Check(Finding, finding)).toBe(true);
      expect(finding.layer).toBe('rspamd');
      expect(finding.evidence.header).toBe(RSPAMD_EVIDENCE_HEADER);
    }
  });

  test('the action summary comes first, with the score against the threshold and the SMTP reply', () => {
    expect(findings[0]).toEqual({
      code: 'RSPAMD_ACTION',
      severity: 'high',
      // It held the message back; its strongest symbol (CLAM_VIRUS) says what for.
      causeKind: 'malware',
      layer: 'rspamd',
      evidence: { header: RSPAMD_EVIDENCE_HEADER, value: 'reject [21.40 / 15.00]' },
      explanation:
        'A fresh Rspamd scan scored the message 21.40 against a reject threshold of 15.00; its action is: reject. ' +
        'Rspamd\'s reply to the sending server would be: "Spam message rejected".',
      params: {
        action: 'reject',
        score: '21.40',
        required: '15.00',
        symbols: 'CLAM_VIRUS, BAYES_SPAM, R_SPF_FAIL, DCC_BULK, PHISHING, RCVD_NO_TLS_LAST, FROM_HAS_DN, MIME_GOOD',
        message: 'Spam message rejected',
      },
    });
  });

  test('each symbol: the token as Rspamd prints it, severity by score, cause by family', () => {
    expect(findings.slice(1).map((f) => [f.evidence.value, f.severity, f.causeKind])).toEqual([
      ['CLAM_VIRUS(12.00)[Eicar-Signature]', 'critical', 'malware'],
      ['BAYES_SPAM(5.10)[99.99%]', 'high', 'contentFilter'],
      ['R_SPF_FAIL(1.50)[-all]', 'medium', 'senderAuthentication'],
      ['DCC_BULK(1.00)[]', 'low', 'bulk'],
      ['PHISHING(0.50)[bank.example->evil.example]', 'low', 'phishing'],
      ['RCVD_NO_TLS_LAST(0.10)[]', 'low', 'contentFilter'],
      ['FROM_HAS_DN(0.00)[]', 'info', null],
      ['MIME_GOOD(-0.10)[text/plain]', 'info', null],
    ]);
    expect(findings.every((f, i) => i === 0 || f.code === 'RSPAMD_SYMBOL')).toBe(true);
  });

  test('symbol explanations quote Rspamd\'s description and options', () => {
    const mime = findings.find((f) => f.params['symbol'] === 'MIME_GOOD');
    expect(mime?.explanation).toBe('Rspamd symbol MIME_GOOD scored -0.10 ("Known content-type"). It matched: text/plain.');
    expect(mime?.params).toEqual({ symbol: 'MIME_GOOD', score: '-0.10', description: 'Known content-type', options: 'text/plain' });
    expect(findings.find((f) => f.params['symbol'] === 'FROM_HAS_DN')?.explanation).toBe('Rspamd symbol FROM_HAS_DN scored 0.00.');
  });

  test('da-DK and fr-FR write scores the local way; evidence and params stay as Rspamd prints them', () => {
    const da = rspamdFindings(SCAN, { locale: 'da-DK' });
    const fr = rspamdFindings(SCAN, { locale: 'fr-FR' });
    expect(da[0]?.explanation).toContain('gav beskeden 21,40 point mod en afvisningsgrænse på 15,00; handlingen er: afvis.');
    expect(fr[0]?.explanation).toContain('un score de 21,40 pour un seuil de rejet de 15,00 ; son action est : rejeter.');
    expect(da[2]?.explanation).toBe('Rspamd-symbolet BAYES_SPAM gav 5,10 point ("Message probably spam, probability: "). Det ramte: 99.99%.');
    expect(da.map((f) => f.evidence)).toEqual(findings.map((f) => f.evidence));
    expect(fr.map((f) => f.params)).toEqual(findings.map((f) => f.params));
  });

  test.each<[string, string, string | null]>([
    ['no action', 'info', null],
    ['greylist', 'low', null],
    ['add header', 'medium', 'contentFilter'],
    ['soft reject', 'medium', 'contentFilter'],
    ['discard', 'high', 'contentFilter'],
    ['my custom action', 'medium', 'contentFilter'],
  ])('action "%s" is %s with cause %s', (action, severity, causeKind) => {
    const [summary] = rspamdFindings({ ...SCAN, action, messages: {}, symbols: [sym('BAYES_SPAM', 5.1)] });
    expect(summary).toMatchObject({ severity, causeKind });
    expect(summary?.explanation).not.toContain('{');
  });

  test('a custom action is shown as Rspamd names it', () => {
    expect(rspamdFindings({ ...SCAN, action: 'my custom action', messages: {} })[0]?.explanation).toContain('its action is: my custom action.');
  });

  test('a pre-filter decision without symbols says so instead of listing nothing', () => {
    const [summary, ...rest] = rspamdFindings({ ...SCAN, isSkipped: true, symbols: [], messages: {} });
    expect(rest).toEqual([]);
    expect(summary?.explanation).toBe('A fresh Rspamd scan decided "reject" before scoring, because a pre-filter matched (no symbol reported).');
  });

  test('no text is left with an unfilled placeholder, in any locale', () => {
    for (const locale of VERDICT_LOCALES) {
      for (const finding of rspamdFindings(SCAN, { locale })) expect(finding.explanation).not.toMatch(/\{[A-Za-z]+\}/);
    }
  });
});

describe('RSPAMD_TEXTS', () => {
  const placeholders = (text: string): string[] => [...text.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1] ?? '').sort();

  test.each(VERDICT_LOCALES.filter((l) => l !== 'en-US'))('%s uses the same placeholders as en-US for every text', (locale) => {
    const en = RSPAMD_TEXTS['en-US'];
    const other = RSPAMD_TEXTS[locale];
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const a = en[key];
      const b = other[key];
      if (typeof a === 'string' && typeof b === 'string') expect([key, placeholders(b)]).toEqual([key, placeholders(a)]);
    }
    for (const action of RSPAMD_KNOWN_ACTIONS) expect(other.actions[action]).not.toBe('');
  });
});

describe('the judge weighs a fresh scan with the header evidence', () => {
  /** Exchange Online stamped nothing about spam: the headers cannot say why it was held. */
  const SILENT = [
    'From: Billing <billing@supplier.example>',
    'To: anna@contoso.example',
    'Subject: Invoice 4411',
    'Message-ID: <a@supplier.example>',
    '',
  ].join('\r\n');
  /** SpamAssassin, which the organisation runs (its milter appends its headers), flagged it. */
  const FLAGGED = [
    'Received: from mx.supplier.example (mx.supplier.example [203.0.113.7]) by mx.contoso.example (Postfix) with ESMTPS id 1; Mon, 23 Nov 2026 08:00:00 +0000',
    'X-Spam-Status: Yes, score=7.1 required=5.0 tests=BAYES_99,URIBL_BLACK autolearn=no',
    'X-Spam-Flag: YES',
    SILENT,
  ].join('\r\n');

  test('with no verdict in the headers, a scan that held the message back names the cause, of its strongest kind', () => {
    const before = analyzeHeaders(SILENT);
    expect(before.primaryCause.kind).toBe('undetermined');
    const after = analyzeHeaders(SILENT, { scan: { ...SCAN, symbols: [sym('PHISHED_PAYPAL', 6), sym('BAYES_SPAM', 5)] } });
    expect(after.primaryCause).toMatchObject({ kind: 'phishing', layer: 'rspamd', findingCode: 'RSPAMD_ACTION' });
    expect(after.category).toBe('phishing');
    expect(after.contributingCauses.map((c) => c.findingCode)).toContain('RSPAMD_SYMBOL');
  });

  test("the headers' own filter verdict stays the primary cause; the scan contributes", () => {
    const verdict = analyzeHeaders(FLAGGED, { trust: { filters: ['spamAssassin'] }, scan: { ...SCAN, symbols: [sym('BAYES_SPAM', 5)] } });
    expect(verdict.primaryCause.kind).toBe('contentFilter');
    expect(verdict.primaryCause.findingCode).not.toBe('RSPAMD_ACTION');
    expect(verdict.primaryCause.layer).not.toBe('rspamd');
    expect(verdict.contributingCauses.map((c) => c.findingCode)).toContain('RSPAMD_ACTION');
    expect(verdict.findings.filter((f) => f.layer === 'rspamd')).toHaveLength(2);
  });

  test('a scan that would deliver the message names no cause', () => {
    const verdict = analyzeHeaders(SILENT, { scan: { ...SCAN, action: 'no action', symbols: [sym('MIME_GOOD', -0.1)] } });
    expect(verdict.primaryCause.kind).toBe('undetermined');
    expect(verdict.findings.find((f) => f.code === 'RSPAMD_ACTION')?.severity).toBe('info');
  });
});
