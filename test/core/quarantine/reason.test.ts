/**
 * The reason a message is quarantined for: read from the filter headers our own boundary wrote
 * (the analyzer's decoding of real header fixtures), else from the envelope recipient's tag,
 * else organisationRule; the tag never makes a verdict less strict.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { decodeHeaders } from '../../../src/core/analysis';
import {
  QUARANTINE_REASONS,
  REASON_TAGS,
  SEVERITY,
  parseEnvelopeRecipient,
  reasonFromVerdict,
  taggedRecipient,
  type QuarantineReason,
} from '../../../src/core/quarantine';

const FIXTURES = path.join(__dirname, '../../fixtures/headers');
/** As the README tells a Postfix site to configure it: its own milters' headers count wherever they are. */
const OWN_FILTERS = { filters: ['rspamd', 'spamAssassin'] };
const facts = (name: string) => decodeHeaders(fs.readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8'), { trust: OWN_FILTERS });
const block = (...lines: string[]) => decodeHeaders(`${lines.join('\r\n')}\r\n\r\n`);

describe('the envelope recipient', () => {
  test('a tag names the reason and is taken off the mailbox', () => {
    expect(parseEnvelopeRecipient('Anna+quarantine-PHISH@Contoso.Example')).toEqual({ ok: true, mailbox: 'anna@contoso.example', domain: 'contoso.example', tag: 'phishing' });
    expect(parseEnvelopeRecipient('anna+quarantine-highConfidencePhishing@contoso.example')).toMatchObject({ ok: true, tag: 'highConfidencePhishing' });
    expect(parseEnvelopeRecipient('anna+quarantine-organizationRule@contoso.example')).toMatchObject({ ok: true, tag: 'organisationRule' });
    for (const reason of QUARANTINE_REASONS) {
      expect(parseEnvelopeRecipient(taggedRecipient('bo@contoso.example', reason))).toEqual({ ok: true, mailbox: 'bo@contoso.example', domain: 'contoso.example', tag: reason });
    }
  });

  test('other subaddresses are the mailbox\'s own; IDN domains are normalised', () => {
    expect(parseEnvelopeRecipient('anna+news@contoso.example')).toEqual({ ok: true, mailbox: 'anna+news@contoso.example', domain: 'contoso.example', tag: undefined });
    expect(parseEnvelopeRecipient('anna+news+quarantine-bulk@contoso.example')).toMatchObject({ ok: true, mailbox: 'anna+news@contoso.example', tag: 'bulk' });
    expect(parseEnvelopeRecipient('jörg@bücher.example')).toMatchObject({ ok: true, mailbox: 'jörg@xn--bcher-kva.example', domain: 'xn--bcher-kva.example' });
  });

  test('an unknown tag, a tag without a mailbox, and a non-address are refused with a reason', () => {
    expect(parseEnvelopeRecipient('anna+quarantine-spma@contoso.example')).toMatchObject({ ok: false, problem: 'unknownTag', message: expect.stringContaining('"spma" is not a quarantine tag') });
    expect(parseEnvelopeRecipient('+quarantine-spam@contoso.example')).toMatchObject({ ok: false, problem: 'invalidAddress' });
    expect(parseEnvelopeRecipient('not an address')).toMatchObject({ ok: false, problem: 'invalidAddress' });
    expect(parseEnvelopeRecipient('anna@contoso.example\r\nBcc: x@y.example')).toMatchObject({ ok: false, problem: 'invalidAddress' });
  });
});

describe('reasons from Exchange Online Protection', () => {
  test.each([
    ['eop-cat-malw', 'malware', 'CAT:MALW'],
    ['eop-cat-amp', 'malware', 'CAT:AMP'],
    ['eop-cat-sap-safe-attachments', 'malware', 'CAT:SAP'],
    ['eop-cat-hphsh-dmarc-reject', 'highConfidencePhishing', 'CAT:HPHSH'],
    ['eop-cat-hphish-spelling', 'highConfidencePhishing', 'CAT:HPHISH'],
    ['eop-cat-phsh', 'phishing', 'CAT:PHSH'],
    ['eop-cat-uimp-sfty-920', 'phishing', 'CAT:UIMP'],
    ['eop-cat-spoof-compauth-001-spf-fail', 'phishing', 'CAT:SPOOF'],
    ['eop-cat-hspm-scl9', 'highConfidenceSpam', undefined],
    ['eop-bulk-bcl8-default-threshold', 'bulk', 'CAT:BULK'],
    ['eop-sfv-spm-cat-spm-softfail-compensated', 'spam', undefined],
    ['eop-sfv-sks-transport-rule-scl9', 'highConfidenceSpam', undefined],
    ['eop-org-scl-raised-after-filter', 'spam', undefined],
  ] as const)('%s → %s', (fixture, reason, token) => {
    const decision = reasonFromVerdict(facts(fixture));
    expect(decision).toMatchObject({ reason, basis: 'headers', evidence: { header: expect.stringMatching(/^X-(Forefront-Antispam-Report|MS-Exchange-Organization-SCL)$/i) } });
    if (token !== undefined) expect(decision.evidence?.value.toUpperCase()).toBe(token);
  });

  test('SCL 5–6 is spam, 7–9 high-confidence spam; an allowed or clean message names no reason', () => {
    expect(reasonFromVerdict(block('X-Forefront-Antispam-Report: CIP:192.0.2.1;SFV:SPM;SCL:5;CAT:NONE'))).toMatchObject({ reason: 'spam', evidence: { value: 'SCL:5' } });
    expect(reasonFromVerdict(block('X-Forefront-Antispam-Report: SFV:SPM;SCL:9;CAT:SPM'))).toMatchObject({ reason: 'highConfidenceSpam', evidence: { value: 'SCL:9' } });
    expect(reasonFromVerdict(facts('eop-sfv-nspm-clean-inbox'))).toEqual({ reason: 'organisationRule', basis: 'default' });
    expect(reasonFromVerdict(facts('eop-sfv-ska-policy-allowed-compauth-bypassed'))).toEqual({ reason: 'organisationRule', basis: 'default' });
  });

  test('the sender\'s own outbound filter (DIR:OUT) names no reason', () => {
    expect(reasonFromVerdict(block('X-Forefront-Antispam-Report: SFV:SPM;SCL:9;CAT:OSPM;DIR:OUT'))).toEqual({ reason: 'organisationRule', basis: 'default' });
  });
});

describe('reasons from Rspamd and SpamAssassin', () => {
  test.each([
    ['rspamd-clamav-virus', 'malware'],
    ['rspamd-reject-bayes-rbl', 'highConfidenceSpam'],
    ['rspamd-add-header-dmarc-quarantine', 'spam'],
    ['rspamd-phishing-add-header', 'phishing'],
    ['sa-spam-bayes-dnsbl', 'spam'],
    ['sa-user-in-blocklist', 'spam'],
  ] as const)('%s → %s', (fixture, reason) => {
    expect(reasonFromVerdict(facts(fixture))).toMatchObject({ reason, basis: 'headers' });
  });

  test('ham names no reason', () => {
    for (const fixture of ['rspamd-ham-no-action', 'sa-ham-below-required', 'sa-welcomelist-ham']) {
      expect(reasonFromVerdict(facts(fixture))).toEqual({ reason: 'organisationRule', basis: 'default' });
    }
  });

  test('X-Spam-Status and X-Spamd-Result read plainly', () => {
    expect(reasonFromVerdict(block('X-Spam-Status: Yes, score=7.9 required=5.0 tests=BAYES_99 autolearn=no'))).toMatchObject({ reason: 'spam', evidence: { header: 'X-Spam-Status', value: 'score=7.9 required=5.0' } });
    expect(reasonFromVerdict(block('X-Spamd-Result: default: True [16.50 / 15.00]; BAYES_SPAM(5.10)[99.99%]'))).toMatchObject({ reason: 'highConfidenceSpam' });
    expect(reasonFromVerdict(block('X-Spamd-Result: default: True [7.20 / 15.00]; BAYES_SPAM(5.10)[99.99%]', 'X-Spam: Yes'))).toMatchObject({ reason: 'spam' });
    expect(reasonFromVerdict(block('X-Spamd-Result: default: False [1.20 / 15.00]; BAYES_HAM(-3.00)[99.99%]'))).toMatchObject({ reason: 'organisationRule' });
  });

  test('a sender\'s claims below our boundary are not evidence', () => {
    // Our Postfix (mx.contoso.example) received it from the Internet; the sender wrote the
    // X-Spam-Status beneath, calling its own phishing mail mere spam.
    const claimed = decodeHeaders(
      [
        'Received: from sender.example (sender.example [198.51.100.7]) by mx.contoso.example (Postfix) with ESMTPS id 4Q; Mon, 3 Feb 2025 10:00:00 +0000',
        'X-Spam-Status: Yes, score=5.1 required=5.0 tests=BAYES_50',
        'From: billing@sender.example',
        '',
        '',
      ].join('\r\n'),
      { trust: { boundaryHosts: ['mx.contoso.example'] } },
    );
    expect(reasonFromVerdict(claimed)).toEqual({ reason: 'organisationRule', basis: 'default' });
    expect(reasonFromVerdict(claimed, 'highConfidencePhishing')).toMatchObject({ reason: 'highConfidencePhishing', basis: 'envelopeTag' });
  });
});

describe('the envelope tag', () => {
  test('names the reason when the headers name none', () => {
    expect(reasonFromVerdict(block('From: a@example.com'), 'bulk')).toEqual({ reason: 'bulk', basis: 'envelopeTag', evidence: { header: 'envelope recipient', value: '+quarantine-bulk' } });
    expect(reasonFromVerdict(block('From: a@example.com'))).toEqual({ reason: 'organisationRule', basis: 'default' });
  });

  test('overrides the headers only to be stricter, never less strict', () => {
    const spam = block('X-Forefront-Antispam-Report: SFV:SPM;SCL:5;CAT:SPM');
    expect(reasonFromVerdict(spam, 'malware')).toMatchObject({ reason: 'malware', basis: 'envelopeTag' });
    expect(reasonFromVerdict(spam, 'bulk')).toMatchObject({ reason: 'spam', basis: 'headers' });
    expect(reasonFromVerdict(spam, 'organisationRule')).toMatchObject({ reason: 'spam', basis: 'headers' });
  });

  test('property: the reason is never less severe than the headers\' or the tag\'s', () => {
    const headerLines: Record<string, string> = {
      none: 'From: a@example.com',
      bulk: 'X-Forefront-Antispam-Report: SFV:BULK;SCL:6;CAT:BULK',
      spam: 'X-Forefront-Antispam-Report: SFV:SPM;SCL:5;CAT:SPM',
      highConfidenceSpam: 'X-Forefront-Antispam-Report: SFV:SPM;SCL:9;CAT:HSPM',
      phishing: 'X-Forefront-Antispam-Report: SFV:SPM;SCL:5;CAT:PHSH',
      highConfidencePhishing: 'X-Forefront-Antispam-Report: SFV:SPM;SCL:9;CAT:HPHSH',
      malware: 'X-Forefront-Antispam-Report: SFV:SPM;SCL:9;CAT:MALW',
    };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(headerLines)), fc.option(fc.constantFrom<QuarantineReason>(...QUARANTINE_REASONS), { nil: undefined }), (header, tag) => {
        const decision = reasonFromVerdict(block(headerLines[header] ?? ''), tag);
        if (header !== 'none') expect(SEVERITY[decision.reason]).toBeGreaterThanOrEqual(SEVERITY[header as QuarantineReason]);
        if (tag !== undefined) expect(SEVERITY[decision.reason]).toBeGreaterThanOrEqual(SEVERITY[tag]);
        if (header === 'none' && tag === undefined) expect(decision.reason).toBe('organisationRule');
      }),
    );
  });

  test('every reason has a tag', () => {
    expect(Object.keys(REASON_TAGS).sort()).toEqual([...QUARANTINE_REASONS].sort());
  });
});
