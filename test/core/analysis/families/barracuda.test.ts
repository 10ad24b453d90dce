/** Barracuda: X-Barracuda-Spam-Status against its levels, the score, the flag and Bayes. */
import { BARRACUDA, barracudaAction } from '../../../../src/core/analysis/families/barracuda/decoder';
import { decodeWith, expectRobust } from './helpers';

describe('barracuda', () => {
  test('folded right after "No,": below KILL_LEVEL with tag and quarantine off, not flagged; Bayes shows as a contribution', () => {
    const { facts, verdict, log } = decodeWith(BARRACUDA, [
      'X-Barracuda-Bayes: SPAM GLOBAL 0.9990 1.0000 4.3308',
      'X-Barracuda-Spam-Score: 4.33',
      'X-Barracuda-Spam-Status: No,',
      ' SCORE=4.33 using global scores of TAG_LEVEL=1000.0 QUARANTINE_LEVEL=1000.0',
      ' KILL_LEVEL=9.0 tests=',
      'X-Barracuda-Spam-Report: Code version 3.2, rules version 3.2.3.107938',
      '\tRule breakdown below',
      '\t pts rule name              description',
      '\t---- ----------------------',
      ' --------------------------------------------------',
      '',
    ].join('\r\n'));
    expect(log.items).toEqual([]);
    expect(facts?.status).toMatchObject({ spam: false, score: 4.33, scope: 'global', levels: { tag: 1000, quarantine: 1000, kill: 9 }, tests: [] });
    expect(verdict).toEqual({
      family: 'barracuda',
      filter: 'Barracuda',
      evidence: { header: 'X-Barracuda-Spam-Status', value: 'No, SCORE=4.33' },
      flagged: false,
      score: 4.33,
      threshold: 9,
      tests: [{ name: 'Bayes SPAM', score: 4.3308 }],
    });
  });

  test('per-user scores, empty tests: the lowest level on is the threshold', () => {
    const { facts, verdict } = decodeWith(BARRACUDA, 'X-Barracuda-Spam-Score: 0.00\nX-Barracuda-Spam-Status: No, SCORE=0.00 using per-user scores of TAG_LEVEL=1000.0 QUARANTINE_LEVEL=5.0 KILL_LEVEL=1000.0 tests=\n');
    expect(facts?.status?.scope).toBe('per-user');
    expect(verdict).toMatchObject({ evidence: { value: 'No, SCORE=0.00' }, flagged: false, score: 0, threshold: 5 });
    expect(verdict?.action).toBeUndefined();
  });

  test('one rule from the status, its points from the report table', () => {
    const { verdict } = decodeWith(BARRACUDA, [
      'X-Barracuda-Spam-Status: No, SCORE=3.38 using global scores of TAG_LEVEL=1000.0 QUARANTINE_LEVEL=1000.0 KILL_LEVEL=5.0 tests=FH_DATE_PAST_20XX',
      'X-Barracuda-Spam-Report: Code version 3.2, rules version 3.2.2.138343',
      '\tRule breakdown below',
      '\t pts rule name              description',
      '\t---- ---------------------- --------------------------------------------------',
      '\t3.38 FH_DATE_PAST_20XX      The date is grossly in the future.',
      '',
    ].join('\n'));
    expect(verdict?.tests).toEqual([{ name: 'FH_DATE_PAST_20XX', score: 3.38, description: 'The date is grossly in the future.' }]);
    expect(verdict?.flagged).toBe(false);
  });

  test.each([
    ['KILL_LEVEL reached: blocked', 'Yes, SCORE=9.41 using global scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=6.0 KILL_LEVEL=9.0 tests=BSF_SC0_SA620f, HTML_MESSAGE', 'reject', 9],
    ['QUARANTINE_LEVEL reached', 'Yes, SCORE=7.10 using per-user scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=6.0 KILL_LEVEL=9.0 tests=BSF_SC5_MJ1963', 'quarantine', 6],
    ['TAG_LEVEL reached', 'Yes, SCORE=4.02 using global scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=1000.0 KILL_LEVEL=9.0 tests=MISSING_HEADERS', 'tag', 3.5],
  ])('%s', (_name, status, action, threshold) => {
    const { facts, verdict } = decodeWith(BARRACUDA, `X-Barracuda-Spam-Status: ${status}\nX-Barracuda-Spam-Flag: YES\n`);
    expect(verdict).toMatchObject({ flagged: true, action, threshold, evidence: { value: status.slice(0, status.indexOf(' using')) } });
    expect(facts?.status?.tests.length).toBeGreaterThan(0);
  });

  test('a score at a level flags the message even when the status says No', () => {
    const { verdict } = decodeWith(BARRACUDA, 'X-Barracuda-Spam-Status: No, SCORE=5.00 using global scores of TAG_LEVEL=1000.0 QUARANTINE_LEVEL=5.0 KILL_LEVEL=8.0 tests=\n');
    expect(verdict).toMatchObject({ flagged: true, action: 'quarantine', threshold: 5 });
  });

  test('the flag and the score alone', () => {
    expect(decodeWith(BARRACUDA, 'X-Barracuda-Spam-Flag: YES\nX-Barracuda-Spam-Score: 6.2\n').verdict).toMatchObject({
      evidence: { header: 'X-Barracuda-Spam-Flag', value: 'YES' }, flagged: true, score: 6.2,
    });
    const scoreOnly = decodeWith(BARRACUDA, 'X-Barracuda-Spam-Score: 1.5\n').verdict;
    expect(scoreOnly).toMatchObject({ evidence: { header: 'X-Barracuda-Spam-Score', value: '1.5' }, score: 1.5 });
    expect(scoreOnly?.flagged).toBeUndefined();
    // Bayes alone is one opinion, not Barracuda's verdict.
    const bayes = decodeWith(BARRACUDA, 'X-Barracuda-Bayes: INNOCENT GLOBAL 0.0000 1.0000 -2.0210\n');
    expect(bayes.facts?.bayes?.value).toEqual({ verdict: 'INNOCENT', contribution: -2.021 });
    expect(bayes.verdict).toBeUndefined();
  });

  test('all levels off: the action is none whatever the score', () => {
    expect(barracudaAction(50, { tag: 1000, quarantine: 1000, kill: 1000 })).toBeUndefined();
    expect(barracudaAction(50, {})).toBeUndefined();
  });

  test('garbage is recorded, not guessed', () => {
    const { facts, verdict, log } = decodeWith(BARRACUDA, 'X-Barracuda-Spam-Status: Maybe, SCORE=lots KILL_LEVEL=high\nX-Barracuda-Spam-Flag: PERHAPS\nX-Barracuda-Bayes: ???\n');
    expect(log.items.map((p) => p.problem)).toEqual(['unreadableValue', 'unreadableValue', 'unreadableValue', 'unknownValue', 'unknownValue']);
    expect(facts?.status?.spam).toBeUndefined();
    expect(verdict?.flagged).toBeUndefined();
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(BARRACUDA)).toBeLessThan(1000 * BARRACUDA.headers.length);
  });
});
