/** Cisco Secure Email (IronPort): only a readable verdict is a verdict. */
import { IRONPORT } from '../../../../src/core/analysis/families/ironport/decoder';
import { decodeWith, expectRobust } from './helpers';

describe('ironport', () => {
  test('filtered, with an opaque result: facts, but no verdict', () => {
    const { facts, verdict, log } = decodeWith(IRONPORT, [
      'X-IronPort-Anti-Spam-Filtered: true',
      'X-IronPort-Anti-Spam-Result: AiYBAMPW5EdRVjni/2dsb2JhbAAIqDI',
      'X-IronPort-AV: E=Sophos;i="5.90,264,1643670000"; ',
      '   d="scan\'208";a="32013508"',
      'X-Ironport-Dmarc-Check-Result: validskip',
      'X-Amp-Result: SKIPPED(no attachment in message)',
      '',
    ].join('\n'));
    expect(log.items).toEqual([]);
    expect(facts).toMatchObject({ filtered: true, result: 'AiYBAMPW5EdRVjni/2dsb2JhbAAIqDI', dmarc: { value: 'validskip' }, amp: { value: 'skipped', text: 'SKIPPED' } });
    expect(facts?.av).toContain('E=Sophos');
    expect(verdict).toBeUndefined();
  });

  test.each([
    ['POSITIVE', true],
    ['SUSPECT', true],
    ['NEGATIVE', false],
  ])('X-IronPort-Anti-Spam: %s', (value, flagged) => {
    const { verdict } = decodeWith(IRONPORT, `X-IronPort-Anti-Spam-Filtered: true\nX-IronPort-Anti-Spam: ${value}\n`);
    expect(verdict).toEqual({
      family: 'ironport', filter: 'Cisco Secure Email (IronPort)', evidence: { header: 'X-IronPort-Anti-Spam', value }, flagged, tests: [],
    });
  });

  test('a DMARC reject or quarantine the gateway applied', () => {
    expect(decodeWith(IRONPORT, 'X-Ironport-Dmarc-Check-Result: quarantine\n').verdict).toMatchObject({
      evidence: { header: 'X-Ironport-Dmarc-Check-Result', value: 'quarantine' }, flagged: true, action: 'quarantine',
    });
    expect(decodeWith(IRONPORT, 'X-Ironport-Dmarc-Check-Result: reject\nX-IronPort-Anti-Spam: NEGATIVE\n').verdict).toMatchObject({ flagged: true, action: 'reject' });
  });

  test('Advanced Malware Protection found malware', () => {
    expect(decodeWith(IRONPORT, 'X-Amp-Result: MALICIOUS\nX-IronPort-Anti-Spam: NEGATIVE\n').verdict).toMatchObject({
      evidence: { header: 'X-Amp-Result', value: 'MALICIOUS' }, flagged: true, threat: 'malware',
    });
  });

  test('unknown values are recorded and claim nothing', () => {
    const { verdict, log } = decodeWith(IRONPORT, 'X-IronPort-Anti-Spam: MAYBE\nX-IronPort-Anti-Spam-Filtered: sure\nX-Ironport-Dmarc-Check-Result: ???\n');
    expect(verdict).toBeUndefined();
    expect(log.items.map((p) => p.problem)).toEqual(['unknownValue', 'unknownValue', 'unknownValue']);
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(IRONPORT)).toBeLessThan(1000 * IRONPORT.headers.length);
  });
});
