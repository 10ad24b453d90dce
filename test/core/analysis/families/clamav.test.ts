/** ClamAV: X-Virus-Status and X-Virus-Scanned. */
import { CLAMAV } from '../../../../src/core/analysis/families/clamav/decoder';
import { decodeWith, expectRobust } from './helpers';

describe('clamav', () => {
  test('Infected with NAME: malware, quarantined, the signature named', () => {
    const { facts, verdict, log } = decodeWith(CLAMAV, [
      'Subject: [Virus] Exploit.PDF-9669',
      'X-Virus-Scanned: ClamAV 0.88.7/10275/Fri Jan  8 17:06:46 2010 on shards.monkeyblade.net',
      'X-Virus-Status: Infected with Exploit.PDF-9669',
      '',
    ].join('\n'));
    expect(log.items).toEqual([]);
    expect(facts?.scanner).toBe('ClamAV 0.88.7/10275/Fri Jan  8 17:06:46 2010 on shards.monkeyblade.net');
    expect(verdict).toEqual({
      family: 'clamav',
      filter: 'ClamAV',
      evidence: { header: 'X-Virus-Status', value: 'Infected with Exploit.PDF-9669' },
      flagged: true,
      threat: 'malware',
      action: 'quarantine',
      tests: [{ name: 'Exploit.PDF-9669' }],
    });
  });

  test('clamav-milter\'s Infected (NAME)', () => {
    expect(decodeWith(CLAMAV, 'X-Virus-Status: Infected (Win.Test.EICAR_HDB-1)\nX-Virus-Scanned: clamav-milter 0.103.8 at mx.example.org\n').verdict)
      .toMatchObject({ flagged: true, threat: 'malware', tests: [{ name: 'Win.Test.EICAR_HDB-1' }], evidence: { value: 'Infected (Win.Test.EICAR_HDB-1)' } });
  });

  test('Clean: not flagged', () => {
    const { verdict } = decodeWith(CLAMAV, 'X-Virus-Scanned: clamav-milter 0.103.8 at mx.example.org\nX-Virus-Status: Clean\n');
    expect(verdict).toEqual({ family: 'clamav', filter: 'ClamAV', evidence: { header: 'X-Virus-Status', value: 'Clean' }, flagged: false, tests: [] });
  });

  test('an infected stamp outweighs a newer Clean one', () => {
    expect(decodeWith(CLAMAV, 'X-Virus-Status: Clean\nX-Virus-Status: Infected (Eicar-Signature)\n').verdict?.threat).toBe('malware');
  });

  test('X-Virus-Scanned alone: a scanner looked, nothing is claimed', () => {
    const { facts, verdict } = decodeWith(CLAMAV, 'X-Virus-Scanned: Debian amavisd-new at example.org\n');
    expect(facts?.scanner).toBe('Debian amavisd-new at example.org');
    expect(verdict).toBeUndefined();
  });

  test('an unknown status is recorded', () => {
    const { verdict, log } = decodeWith(CLAMAV, 'X-Virus-Status: Suspicious-ish\n');
    expect(verdict).toBeUndefined();
    expect(log.items).toEqual([{ header: 'X-Virus-Status', problem: 'unknownValue', detail: 'Suspicious-ish' }]);
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(CLAMAV)).toBeLessThan(1000 * CLAMAV.headers.length);
  });
});
