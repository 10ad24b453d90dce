/** Proxmox Mail Gateway: X-SPAM-LEVEL with its rule lines. */
import { PROXMOX } from '../../../../src/core/analysis/families/proxmox/decoder';
import { decodeWith, expectRobust } from './helpers';

describe('proxmox', () => {
  test('level 0 with tab-indented rule lines: passed, every rule read', () => {
    const { verdict, log } = decodeWith(PROXMOX, [
      'X-SPAM-LEVEL: Spam detection results:  0',
      '\tAWL                     0.571 Adjusted score from AWL reputation of From: address',
      '\tBAYES_00                 -1.9 Bayes spam probability is 0 to 1%',
      '\tDMARC_PASS               -0.1 DMARC pass policy',
      '\tSPF_PASS               -0.001 SPF: sender matches SPF record',
      '',
    ].join('\r\n'));
    expect(log.items).toEqual([]);
    expect(verdict).toEqual({
      family: 'proxmox',
      filter: 'Proxmox Mail Gateway',
      evidence: { header: 'X-SPAM-LEVEL', value: 'Spam detection results:  0' },
      flagged: false,
      score: 0,
      threshold: 5,
      tests: [
        { name: 'AWL', score: 0.571, description: 'Adjusted score from AWL reputation of From: address' },
        { name: 'BAYES_00', score: -1.9, description: 'Bayes spam probability is 0 to 1%' },
        { name: 'DMARC_PASS', score: -0.1, description: 'DMARC pass policy' },
        { name: 'SPF_PASS', score: -0.001, description: 'SPF: sender matches SPF record' },
      ],
    });
  });

  test('wrapped descriptions join the rule above', () => {
    const { verdict } = decodeWith(PROXMOX, [
      'X-SPAM-LEVEL: Spam detection results:  1',
      ' DKIM_SIGNED               0.1 Message has a DKIM or DK signature,',
      ' not necessarily valid',
      ' HEADER_FROM_DIFFERENT_DOMAINS 0.25 From and EnvelopeFrom 2nd level mail',
      ' domains are different',
      '',
    ].join('\n'));
    expect(verdict?.tests).toEqual([
      { name: 'DKIM_SIGNED', score: 0.1, description: 'Message has a DKIM or DK signature, not necessarily valid' },
      { name: 'HEADER_FROM_DIFFERENT_DOMAINS', score: 0.25, description: 'From and EnvelopeFrom 2nd level mail domains are different' },
    ]);
    expect(verdict?.flagged).toBe(false);
  });

  test('level 5 and above is spam by PMG\'s default rules', () => {
    expect(decodeWith(PROXMOX, 'X-SPAM-LEVEL: Spam detection results:  5\n BAYES_99 3.5 Bayes spam probability is 99 to 100%\n').verdict)
      .toMatchObject({ flagged: true, score: 5, threshold: 5, evidence: { value: 'Spam detection results:  5' } });
  });

  test('rule lines whose line breaks were lost are still read', () => {
    const { verdict } = decodeWith(PROXMOX, 'X-Spam-Level: Spam detection results: 12 BAYES_99 3.5 Bayes spam URIBL_BLACK 1.7 Contains an URL\n');
    expect(verdict).toMatchObject({ flagged: true, score: 12, tests: [{ name: 'BAYES_99', score: 3.5 }, { name: 'URIBL_BLACK', score: 1.7 }] });
  });

  test('SpamAssassin\'s X-Spam-Level stars are not Proxmox\'s, and not a problem', () => {
    const { facts, log } = decodeWith(PROXMOX, 'X-Spam-Level: ******\n');
    expect(facts).toBeUndefined();
    expect(log.items).toEqual([]);
    expect(decodeWith(PROXMOX, 'X-Spam-Level: \n').facts).toBeUndefined();
  });

  test('a results line without a number is recorded', () => {
    const { facts, log } = decodeWith(PROXMOX, 'X-SPAM-LEVEL: Spam detection results: lots\n');
    expect(facts).toBeUndefined();
    expect(log.items[0]?.problem).toBe('unreadableValue');
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(PROXMOX)).toBeLessThan(1000 * PROXMOX.headers.length);
  });
});
