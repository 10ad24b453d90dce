/**
 * Lists of scored symbols as several filters write them: Rspamd's X-Rspamd-Report
 * (`BAYES_SPAM(5.10) R_SPF_FAIL(1.00)`, WildDuck and Haraka) and Stalwart's X-Spam-Result
 * (`BAYES_SPAM (5.10),\n\tSPF_FAIL (1.00)`). One linear regex pass; names without a score
 * are kept without one.
 */
import type { SpamTest } from '../types';
import { parseNumber } from './numbers';

const SYMBOL = /([A-Za-z][A-Za-z0-9_]{0,99})[ \t]*(?:\(\s*([+-]?\d+(?:\.\d+)?)\s*\))?/g;
const MAX_SYMBOLS = 300;

export function parseSymbolList(text: string): SpamTest[] {
  const tests: SpamTest[] = [];
  SYMBOL.lastIndex = 0;
  for (let m = SYMBOL.exec(text); m !== null && tests.length < MAX_SYMBOLS; m = SYMBOL.exec(text)) {
    if (m[1] === undefined) continue;
    const test: SpamTest = { name: m[1] };
    const score = parseNumber(m[2]);
    if (score !== undefined) test.score = score;
    tests.push(test);
  }
  return tests;
}
