/** Mimecast: spam score, spam and bulk signatures, Impersonation Protect. */
import { MIMECAST } from '../../../../src/core/analysis/families/mimecast/decoder';
import { decodeWith, expectRobust } from './helpers';

const IMPERSONATION_CLEAN = [
  'X-Mimecast-Impersonation-Protect: Policy=CLT - Impersonation Protection',
  '\tDefinition; Similar Internal Domain=false;',
  '\tSimilar Monitored External Domain=false;',
  '\tCustom External Domain=false; Mimecast External Domain=false;',
  '\tNewly Observed Domain=false; Internal User Name=false;',
  '\tCustom Display Name List=false; Reply-to Address Mismatch=false;',
  '\tTargeted Threat Dictionary=false;',
  '\tMimecast Threat Dictionary=false; Custom Threat Dictionary=false',
].join('\n');

describe('mimecast', () => {
  test('score 0 and no signature: not flagged', () => {
    const { verdict, log } = decodeWith(MIMECAST, 'X-Mimecast-Spam-Score: 0\nX-Mimecast-Originator: redhat.com\n');
    expect(log.items).toEqual([]);
    expect(verdict).toEqual({
      family: 'mimecast', filter: 'Mimecast', evidence: { header: 'X-Mimecast-Spam-Score', value: '0' }, flagged: false, score: 0, tests: [],
    });
  });

  test('spam signature yes: flagged spam, whatever the score', () => {
    const { facts, verdict, log } = decodeWith(MIMECAST, `${IMPERSONATION_CLEAN}\nX-Mimecast-Spam-Signature: yes\nX-Mimecast-Spam-Score: 0\n`);
    expect(log.items).toEqual([]);
    expect(facts?.impersonation).toEqual({ header: 'X-Mimecast-Impersonation-Protect', policy: 'CLT - Impersonation Protection Definition', hits: [] });
    expect(verdict).toMatchObject({ evidence: { header: 'X-Mimecast-Spam-Signature', value: 'yes' }, flagged: true, score: 0 });
    expect(verdict?.threat).toBeUndefined();
  });

  test('bulk signatures: flagged bulk', () => {
    const both = decodeWith(MIMECAST, `${IMPERSONATION_CLEAN}\nX-Mimecast-Bulk-Signature: yes\nX-Mimecast-Spam-Signature: bulk\nX-Mimecast-Spam-Score: 0\n`).verdict;
    expect(both).toMatchObject({ evidence: { header: 'X-Mimecast-Spam-Signature', value: 'bulk' }, flagged: true, threat: 'bulk' });
    const bulkOnly = decodeWith(MIMECAST, 'X-Mimecast-Bulk-Signature: yes\nX-Mimecast-Spam-Score: 2\n').verdict;
    expect(bulkOnly).toMatchObject({ evidence: { header: 'X-Mimecast-Bulk-Signature', value: 'yes' }, flagged: true, threat: 'bulk' });
  });

  test('an impersonation indicator that is true: phishing, quoted exactly', () => {
    const block = IMPERSONATION_CLEAN.replace('Similar Internal Domain=false', 'Similar Internal Domain=true')
      .replace('Reply-to Address Mismatch=false', 'Reply-to Address Mismatch=true');
    const { verdict } = decodeWith(MIMECAST, `${block}\nX-Mimecast-Spam-Score: 1\n`);
    expect(verdict).toMatchObject({
      evidence: { header: 'X-Mimecast-Impersonation-Protect', value: 'Similar Internal Domain=true' },
      flagged: true,
      threat: 'phishing',
      tests: [{ name: 'Similar Internal Domain' }, { name: 'Reply-to Address Mismatch' }],
    });
  });

  test('Impersonation Protect with every indicator false says nothing about spam', () => {
    expect(decodeWith(MIMECAST, `${IMPERSONATION_CLEAN}\n`).verdict).toBeUndefined();
  });

  test('a positive score without a signature is no verdict either way', () => {
    const { verdict } = decodeWith(MIMECAST, 'X-Mimecast-Spam-Score: 3\n');
    expect(verdict?.score).toBe(3);
    expect(verdict?.flagged).toBeUndefined();
  });

  test('unknown values are recorded', () => {
    const { log } = decodeWith(MIMECAST, 'X-Mimecast-Spam-Signature: perhaps\nX-Mimecast-Bulk-Signature: 7\nX-Mimecast-Spam-Score: n/a\nX-Mimecast-Impersonation-Protect: Policy=X; Odd=maybe; junk\n');
    expect(log.items.map((p) => p.problem)).toEqual(['unreadableValue', 'unknownValue', 'unknownValue', 'unknownValue', 'unreadableValue']);
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(MIMECAST)).toBeLessThan(1000 * MIMECAST.headers.length);
  });
});
