/** hMailServer's X-Spam-Status: `18.8/5.0, autolearn=…`, score over required without Yes or No. */
import { ProblemLog } from '../../../src/core/analysis/problem-log';
import { splitHeaderFields } from '../../../src/core/analysis/header-fields';
import { parseSpamStatus } from '../../../src/core/analysis/decoders/spamassassin';
import type { HeaderField } from '../../../src/core/analysis';

function field(raw: string): HeaderField {
  const first = splitHeaderFields(raw, new ProblemLog())[0];
  if (first === undefined) throw new Error(`no field in ${raw}`);
  return first;
}

describe('X-Spam-Status as hMailServer writes it', () => {
  test('score over required: spam when the score reaches it, the pair as evidence, no problem', () => {
    const log = new ProblemLog();
    const sa = parseSpamStatus(field('X-Spam-Status: 18.8/5.0, autolearn=no autolearn_force=no, shortcircuit=_SC_, bayes=0.5000'), log);
    expect(sa).toMatchObject({ isSpam: true, score: 18.8, required: 5, scoreText: '18.8/5.0', tests: [] });
    expect(log.items).toEqual([]);
  });

  test('below required: not spam; at required: spam', () => {
    expect(parseSpamStatus(field('X-Spam-Status: 1.2/5.0, autolearn=ham'), new ProblemLog()).isSpam).toBe(false);
    expect(parseSpamStatus(field('X-Spam-Status: 5.0/5.0'), new ProblemLog()).isSpam).toBe(true);
    expect(parseSpamStatus(field('X-Spam-Status: -0.5/6'), new ProblemLog())).toMatchObject({ isSpam: false, score: -0.5, required: 6 });
  });

  test('the Yes/No form is unchanged, and other shapes are still recorded', () => {
    expect(parseSpamStatus(field('X-Spam-Status: Yes, score=7.9 required=5.0 tests=A,B'), new ProblemLog())).toMatchObject({ isSpam: true, score: 7.9, required: 5, scoreText: 'score=7.9 required=5.0' });
    const log = new ProblemLog();
    const odd = parseSpamStatus(field('X-Spam-Status: 18.8 of 5.0'), log);
    expect(odd.isSpam).toBeUndefined();
    expect(log.items[0]?.detail).toBe('does not start with Yes or No');
  });

  test('a long hostile value is read in linear time', () => {
    const value = `${'9'.repeat(500_000)}/${'9'.repeat(500_000)}`;
    const start = Date.now();
    parseSpamStatus(field(`X-Spam-Status: ${value}`), new ProblemLog());
    parseSpamStatus(field(`X-Spam-Status: 1/${'1.'.repeat(300_000)}`), new ProblemLog());
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
