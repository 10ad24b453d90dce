/** Shared helpers of the family unit tests: decode a header block with one family, and garbage. */
import { ProblemLog } from '../../../../src/core/analysis/problem-log';
import { splitHeaderFields } from '../../../../src/core/analysis/header-fields';
import type { FilterFamily } from '../../../../src/core/analysis/families/family';
import { analyzeHeaders, type FilterVerdict } from '../../../../src/core/analysis';

export interface Decoded<F> {
  facts: F | undefined;
  verdict: FilterVerdict | undefined;
  log: ProblemLog;
}

export function decodeWith<F>(family: FilterFamily<F>, block: string): Decoded<F> {
  const log = new ProblemLog();
  const names = new Set(family.headers);
  const fields = splitHeaderFields(block, new ProblemLog()).filter((f) => names.has(f.lowerName));
  const facts = family.decode(fields, log);
  return { facts, verdict: facts === undefined ? undefined : family.verdict(facts), log };
}

/** Values built to hit a decoder's worst case: long runs, NUL, unbalanced brackets, folds. */
export function hostileValues(n: number): string[] {
  return [
    'A'.repeat(n),
    '('.repeat(n),
    '['.repeat(n),
    ']'.repeat(n),
    '\u0000'.repeat(n),
    `Yes, ${'\u0000'.repeat(n)}`,
    ' '.repeat(n) + 'x',
    '1'.repeat(n),
    '-'.repeat(n) + '.',
    `Yes, SCORE=${'9'.repeat(n)}`,
    `No, SCORE=1.0 ${'TAG_LEVEL='.repeat(n / 10)}`,
    `No, SCORE=1 tests=${'A_B, '.repeat(n / 5)}`,
    'a=true;'.repeat(n / 7),
    'Similar Internal Domain=true'.repeat(n / 28),
    'A_B 1.0, '.repeat(n / 9),
    'INFECTED, message contains virus: ' + 'x,'.repeat(n / 2),
    'BANNED, message contains ' + '('.repeat(n),
    'Infected (' + 'x'.repeat(n),
    `Spam detection results:  7${'\n A_B 1.0 x'.repeat(n / 11)}`,
    `Spam detection results:  7 ${'A_B 1.0 '.repeat(n / 8)}`,
    `Spam detection results:  7${'\n lower case continuation'.repeat(n / 25)}`,
    'SPAM GLOBAL ' + '0.1 '.repeat(n / 4),
    'junk:' + '1'.repeat(n),
    'notjunk:1;' + 'V03:K0:'.repeat(n / 7),
    '=?us-ascii?Q?' + 'Clean,_'.repeat(n / 7) + '?=',
    'Spam : ' + 'YES '.repeat(n / 4),
    'KAS_STATUS_' + '_'.repeat(n),
    `${'\u0000('.repeat(n / 2)}]]]`,
  ];
}

/** Every hostile value under every header the family reads: no throw, and all of it fast. */
export function expectRobust<F>(family: FilterFamily<F>, n = 200_000): number {
  const start = process.hrtime.bigint();
  for (const header of family.headers) {
    for (const value of hostileValues(n)) {
      const log = new ProblemLog();
      const block = `${header}: ${value}\r\n${header}: ${value.slice(0, 1000)}\r\n`;
      const fields = splitHeaderFields(block, new ProblemLog());
      expect(() => {
        const facts = family.decode(fields, log);
        if (facts !== undefined) family.verdict(facts);
      }).not.toThrow();
      expect(log.items.length).toBeLessThanOrEqual(ProblemLog.MAX_ITEMS);
    }
    // The whole pipeline too (boundary, rules, texts), on a shorter copy written inside the boundary.
    for (const value of hostileValues(n / 20)) {
      const block = `${header}: ${value}\r\nReceived: from a.example ([203.0.113.7]) by mx.example.org; Mon, 3 Feb 2025 10:00:00 +0000\r\n`;
      expect(() => analyzeHeaders(block, { locale: 'da-DK' })).not.toThrow();
    }
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}
