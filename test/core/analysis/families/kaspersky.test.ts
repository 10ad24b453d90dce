/** Kaspersky Secure Mail Gateway, Linux Mail Server and Security for Exchange. */
import { KASPERSKY } from '../../../../src/core/analysis/families/kaspersky/decoder';
import { decodeWith, expectRobust } from './helpers';

describe('kaspersky', () => {
  test('KSMG not_detected: scanned and passed', () => {
    const { verdict, log } = decodeWith(KASPERSKY, [
      'X-KSMG-Rule-ID: 10',
      'X-KSMG-Message-Action: clean',
      'X-KSMG-AntiSpam-Rate: 0',
      'X-KSMG-AntiSpam-Status: not_detected',
      'X-KSMG-AntiSpam-Method: none',
      'X-KSMG-AntiSpam-Interceptor-Info: scan successful',
      'X-KSMG-AntiPhishing: Clean',
      'X-KSMG-LinksScanning: Clean',
      'X-KSMG-AntiVirus: Kaspersky Secure Mail Gateway, version 2.0.1.6960, bases: 2024/11/11 06:58:00 #26843820',
      'X-KSMG-AntiVirus-Status: Clean, skipped',
      '',
    ].join('\n'));
    expect(log.items).toEqual([]);
    expect(verdict).toEqual({
      family: 'kaspersky', filter: 'Kaspersky', evidence: { header: 'X-KSMG-AntiSpam-Status', value: 'not_detected' }, flagged: false, score: 0, tests: [],
    });
  });

  test('anti-spam and anti-phishing disabled by settings: no verdict at all', () => {
    const { facts, verdict, log } = decodeWith(KASPERSKY, [
      'X-KSMG-Message-Action: clean',
      'X-KSMG-AntiSpam-Status: not scanned, disabled by settings',
      'X-KSMG-AntiPhishing: not scanned, disabled by settings',
      'X-KSMG-AntiVirus-Status: Clean, skipped',
      '',
    ].join('\n'));
    expect(log.items).toEqual([]);
    expect(facts).toMatchObject({ spam: { value: 'neutral' }, phishing: { value: 'neutral' }, virus: { value: 'clean' } });
    expect(verdict).toBeUndefined();
  });

  test('Kaspersky for Exchange: KAS_STATUS_NOT_DETECTED, a rate that is no verdict, an encoded anti-virus status', () => {
    const { facts, verdict, log } = decodeWith(KASPERSKY, [
      'X-KSE-AntiSpam-Status: KAS_STATUS_NOT_DETECTED',
      'X-KSE-AntiSpam-Rate: 59',
      'X-KSE-Antiphishing-Info: Clean',
      'X-KSE-Antivirus-Info: =?us-ascii?Q?Clean,_bases:_2022/12/9_=3F=3F_02:22:00?=',
      '',
    ].join('\n'));
    expect(log.items).toEqual([]);
    expect(facts?.virus).toEqual({ header: 'X-KSE-Antivirus-Info', value: 'clean', text: '=?us-ascii?Q?Clean,_bases:_2022/12/9_=3F=3F_02:22:00?=' });
    expect(verdict).toMatchObject({ evidence: { value: 'KAS_STATUS_NOT_DETECTED' }, flagged: false, score: 59 });
  });

  test.each([
    ['X-KSMG-AntiSpam-Status: spam', { flagged: true }, 'spam'],
    ['X-KSMG-AntiSpam-Status: mass_mail', { flagged: true, threat: 'bulk' }, 'mass_mail'],
    ['X-KSE-AntiSpam-Status: KAS_STATUS_PROBABLE_SPAM', { flagged: true }, 'KAS_STATUS_PROBABLE_SPAM'],
    ['X-KSMG-AntiPhishing: Phishing', { flagged: true, threat: 'phishing' }, 'Phishing'],
    ['X-KLMS-AntiVirus-Status: Infected', { flagged: true, threat: 'malware' }, 'Infected'],
  ])('%s', (line, expected, token) => {
    const { verdict, log } = decodeWith(KASPERSKY, `${line}\nX-KSMG-AntiSpam-Status: not_detected\n`);
    expect(log.items).toEqual([]);
    expect(verdict).toMatchObject({ ...expected, evidence: { value: token } });
  });

  test('malware outweighs a clean anti-spam status; the action taken is read', () => {
    const { verdict } = decodeWith(KASPERSKY, 'X-KSMG-Message-Action: quarantined\nX-KSMG-AntiSpam-Status: not_detected\nX-KSMG-AntiVirus-Status: Detected\n');
    expect(verdict).toMatchObject({ flagged: true, threat: 'malware', action: 'quarantine', evidence: { header: 'X-KSMG-AntiVirus-Status', value: 'Detected' } });
  });

  test('unknown statuses are recorded, not guessed', () => {
    const { verdict, log } = decodeWith(KASPERSKY, 'X-KSMG-AntiSpam-Status: whatever\nX-KSMG-Message-Action: teleported\nX-KSMG-AntiSpam-Rate: lots\n');
    expect(verdict).toBeUndefined();
    expect(log.items.map((p) => p.problem)).toEqual(['unknownValue', 'unknownValue', 'unreadableValue']);
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(KASPERSKY)).toBeLessThan(1000 * KASPERSKY.headers.length);
  });
});
