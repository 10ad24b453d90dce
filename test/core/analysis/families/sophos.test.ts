/** Sophos Email: the X-LASED-* verdict headers. */
import { SOPHOS } from '../../../../src/core/analysis/families/sophos/decoder';
import { decodeWith, expectRobust } from './helpers';

const HITS = [
  'X-LASED-Hits: AUTH_RES_PASS 0.000000, BODY_SIZE_4000_4999 0.000000,',
  ' HTML_00_01 0.050000, HTML_00_10 0.050000, INBOUND_SOPHOS 0.000000,',
  ' MULTIPLE_RCPTS 0.100000, __ANY_URI 0.000000,',
  ' __URI_NO_MAILTO 0.000000, __URI_NO_WWW 0.000000',
].join('\n');

describe('sophos', () => {
  test('NonSpam, no impersonation: passed, with the rules that weighed', () => {
    const { facts, verdict, log } = decodeWith(SOPHOS, [
      'X-Sophos-Email: [eu-central-1] Antispam-Engine: 5.0.0,',
      ' AntispamData: 2022.5.17.200620',
      'X-LASED-SpamProbability: 0.083173',
      HITS,
      'X-LASED-Impersonation: False',
      'X-LASED-Spam: NonSpam',
      'X-LASED-Impersonation-Category: NONE',
      '',
    ].join('\n'));
    expect(log.items).toEqual([]);
    expect(facts?.category).toBe('NONE');
    expect(verdict).toEqual({
      family: 'sophos',
      filter: 'Sophos',
      evidence: { header: 'X-LASED-Spam', value: 'NonSpam' },
      flagged: false,
      score: 0.083173,
      tests: [{ name: 'HTML_00_01', score: 0.05 }, { name: 'HTML_00_10', score: 0.05 }, { name: 'MULTIPLE_RCPTS', score: 0.1 }],
    });
  });

  test('Spam: flagged', () => {
    expect(decodeWith(SOPHOS, 'X-LASED-SpamProbability: 0.97\nX-LASED-Spam: Spam\n').verdict).toMatchObject({
      evidence: { value: 'Spam' }, flagged: true, score: 0.97,
    });
  });

  test('an impersonation: phishing, even when the spam verdict passed it', () => {
    const { verdict } = decodeWith(SOPHOS, 'X-LASED-Impersonation: True\nX-LASED-Spam: NonSpam\nX-LASED-Impersonation-Category: VIP\n');
    expect(verdict).toMatchObject({ evidence: { header: 'X-LASED-Impersonation', value: 'True' }, flagged: true, threat: 'phishing' });
  });

  test('a probability alone is no verdict', () => {
    const { facts, verdict } = decodeWith(SOPHOS, 'X-LASED-SpamProbability: 0.4\n');
    expect(facts?.probability?.value).toBe(0.4);
    expect(verdict).toBeUndefined();
  });

  test('unknown values are recorded', () => {
    const { verdict, log } = decodeWith(SOPHOS, 'X-LASED-Spam: Ham?\nX-LASED-Impersonation: Perhaps\nX-LASED-SpamProbability: 7\n');
    expect(verdict).toBeUndefined();
    expect(log.items.map((p) => p.problem)).toEqual(['unknownValue', 'unreadableValue', 'unknownValue']);
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(SOPHOS)).toBeLessThan(1000 * SOPHOS.headers.length);
  });
});
