/** amavis: X-Amavis-Alert, X-Quarantine-ID, and its own BANNED finding. */
import { AMAVIS } from '../../../../src/core/analysis/families/amavis/decoder';
import { analyzeHeaders } from '../../../../src/core/analysis';
import { decodeWith, expectRobust } from './helpers';

const RECEIVED = 'Received: from mail.sender.example (mail.sender.example [203.0.113.7]) by mx.example.org (Postfix) with ESMTP id 4Q1; Mon, 3 Feb 2025 10:00:00 +0000';

describe('amavis', () => {
  test('INFECTED with a quarantine ID: malware, quarantined', () => {
    const { facts, verdict, log } = decodeWith(AMAVIS, [
      'X-Envelope-To-Blocked: <root@smtp.test>',
      'X-Quarantine-ID: <2cM5lFlY-BQ8>',
      'X-Amavis-Alert: INFECTED, message contains virus: Win.Test.EICAR_HDB-1',
      'X-Spam-Flag: NO',
      '',
    ].join('\n'));
    expect(log.items).toEqual([]);
    expect(facts?.quarantineId?.text).toBe('<2cM5lFlY-BQ8>');
    expect(verdict).toEqual({
      family: 'amavis',
      filter: 'amavis',
      evidence: { header: 'X-Amavis-Alert', value: 'INFECTED, message contains virus: Win.Test.EICAR_HDB-1' },
      flagged: true,
      threat: 'malware',
      action: 'quarantine',
      tests: [{ name: 'Win.Test.EICAR_HDB-1' }],
    });
  });

  test('several viruses; without a quarantine ID the action is not claimed', () => {
    const { verdict } = decodeWith(AMAVIS, 'X-Amavis-Alert: INFECTED, message contains virus: Eicar-Signature, Win.Test.EICAR_HDB-1\n');
    expect(verdict?.tests).toEqual([{ name: 'Eicar-Signature' }, { name: 'Win.Test.EICAR_HDB-1' }]);
    expect(verdict?.action).toBeUndefined();
  });

  test('BANNED: malware threat, the banned part kept', () => {
    const { facts, verdict } = decodeWith(AMAVIS, 'X-Quarantine-ID: <k7ZJ9Xbq3Qm2>\nX-Amavis-Alert: BANNED, message contains text/x-msdownload,.exe,.exe-ms,invoice.exe\n');
    expect(facts?.alert).toMatchObject({ kind: 'banned', banned: 'text/x-msdownload,.exe,.exe-ms,invoice.exe' });
    expect(verdict).toMatchObject({
      evidence: { value: 'BANNED, message contains text/x-msdownload,.exe,.exe-ms,invoice.exe' }, flagged: true, threat: 'malware', action: 'quarantine',
    });
  });

  test('BAD HEADER: not flagged, nothing else', () => {
    const { verdict } = decodeWith(AMAVIS, 'X-Quarantine-ID: <x>\nX-Amavis-Alert: BAD HEADER SECTION, Non-encoded 8-bit data (char C3 hex): Subject: caf\\303\\251\n');
    expect(verdict).toEqual({
      family: 'amavis', filter: 'amavis', evidence: { header: 'X-Amavis-Alert', value: 'BAD HEADER SECTION, Non-encoded 8-bit data (char C3 hex): Subject: caf\\303\\251' }, flagged: false, tests: [],
    });
  });

  test('the most severe alert wins', () => {
    const { facts } = decodeWith(AMAVIS, 'X-Amavis-Alert: BAD HEADER SECTION, Duplicate header field: "Date"\nX-Amavis-Alert: INFECTED, message contains virus: Eicar-Signature\n');
    expect(facts?.alert?.kind).toBe('infected');
  });

  test('X-Amavis-Spam-Status, where a site renamed the headers', () => {
    const { verdict } = decodeWith(AMAVIS, 'X-Quarantine-ID: <q1>\nX-Amavis-Spam-Status: Yes, score=12.3 tag=2 tag2=6.31 kill=6.31 tests=[BAYES_99=3.5, URIBL_BLACK=1.7]\n');
    expect(verdict).toMatchObject({
      evidence: { header: 'X-Amavis-Spam-Status', value: 'score=12.3' }, flagged: true, action: 'quarantine', score: 12.3,
      tests: [{ name: 'BAYES_99', score: 3.5 }, { name: 'URIBL_BLACK', score: 1.7 }],
    });
  });

  test('a quarantine ID alone does not say why', () => {
    expect(decodeWith(AMAVIS, 'X-Quarantine-ID: <abc>\n').verdict).toBeUndefined();
  });

  test('an unknown alert is recorded', () => {
    const { facts, log } = decodeWith(AMAVIS, 'X-Amavis-Alert: SOMETHING ODD\n');
    expect(facts).toBeUndefined();
    expect(log.items).toEqual([{ header: 'X-Amavis-Alert', problem: 'unknownValue', detail: 'SOMETHING ODD' }]);
  });

  test.each(['en-US', 'da-DK', 'fr-FR'] as const)('AMAVIS_BANNED explains the block in %s, above the generic malware finding', (locale) => {
    const block = [
      'X-Quarantine-ID: <k7ZJ9Xbq3Qm2>',
      'X-Amavis-Alert: BANNED, message contains text/x-msdownload,.exe,.exe-ms,invoice.exe',
      RECEIVED,
      'From: Sender <a@sender.example>',
      'Subject: invoice',
      '',
    ].join('\n');
    const verdict = analyzeHeaders(block, { locale });
    expect(verdict.category).toBe('malware');
    expect(verdict.primaryCause).toMatchObject({ kind: 'malware', layer: 'antiMalwarePolicy', findingCode: 'AMAVIS_BANNED' });
    expect(verdict.primaryCause.explanation).toContain('BANNED, message contains text/x-msdownload,.exe,.exe-ms,invoice.exe');
    expect(verdict.findings.map((f) => f.code)).toContain('FILTER_MALWARE');
    expect(verdict.recommendations[0]?.code).toBe('AMAVIS_REC_BANNED_RELEASE');
  });

  test('the texts are real translations', () => {
    const rule = AMAVIS.rules?.[0];
    expect(rule?.text['da-DK']).not.toBe(rule?.text['en-US']);
    expect(rule?.text['fr-FR']).not.toBe(rule?.text['en-US']);
    expect(rule?.recommendation?.text['da-DK']).not.toBe(rule?.recommendation?.text['en-US']);
    expect(rule?.recommendation?.text['fr-FR']).not.toBe(rule?.recommendation?.text['en-US']);
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(AMAVIS)).toBeLessThan(1000 * AMAVIS.headers.length);
  });
});
