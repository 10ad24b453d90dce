/**
 * Garbage in, a verdict out: random bytes and random header soup never throw, never take
 * super-linear time, and a megabyte of headers decodes well within budget.
 *
 * The timing checks compare an input of size n with one of size 4n, best of several runs,
 * against a ratio of 10 (linear is ~4, quadratic ~16), so machine load does not make
 * them flaky while a quadratic path still fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Value } from '@sinclair/typebox/value';
import { analyzeHeaders, decodeHeaders } from '../../../src/core/analysis';
import { Verdict } from '../../../src/contracts/verdict';
import { splitHeaderFields } from '../../../src/core/analysis/header-fields';
import { ProblemLog } from '../../../src/core/analysis/problem-log';

const HEADER_NAMES = [
  'Authentication-Results', 'ARC-Authentication-Results', 'Received-SPF', 'X-Forefront-Antispam-Report',
  'X-Microsoft-Antispam', 'X-MS-Exchange-Organization-SCL', 'X-Microsoft-Antispam-Mailbox-Delivery',
  'X-CustomSpam', 'X-Spam-Status', 'X-Spam-Flag', 'X-Spam-Report', 'X-Spamd-Result', 'X-Rspamd-Action',
  'X-Spam', 'Received', 'From', 'Return-Path', 'Subject', 'Message-ID', 'Date',
];
const SOUP_CHARS = [
  ...'abcXYZ019 \t;:=()[]{}"\\<>@,.-_/?*+%!#$&|~',
  '=?utf-8?B?', '=?x?Q?', '?=', 'SFV:', 'CAT:', 'SCL:', 'BCL:', 'spf=', 'dkim=', 'dmarc=', 'compauth=',
  'reason=', 'default: True [', ' / ', '];', 'tests=', 'score=', 'required=', 'from ', ' by ', '; Mon, 3 Feb 2025 10:00:00 +0000',
  '\n ', '\n\t', '\r\n ', 'é', '\u0000', '\uffff', '🙂',
];

const soupValue = fc.array(fc.constantFrom(...SOUP_CHARS), { maxLength: 60 }).map((parts) => parts.join(''));
const soupLine = fc.tuple(fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.string({ maxLength: 12 })), soupValue)
  .map(([name, value]) => `${name}: ${value}`);
const soup = fc.tuple(fc.array(soupLine, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'))
  .map(([lines, eol]) => lines.join(eol));

function expectValidVerdict(input: string): void {
  const verdict = analyzeHeaders(input);
  expect(Value.Check(Verdict, verdict)).toBe(true);
  if (verdict.category === 'undetermined') expect(verdict.absentEvidence.length).toBeGreaterThan(0);
}

describe('never throws', () => {
  test('on random bytes, read as UTF-8 and as Latin-1', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        expectValidVerdict(buffer.toString('utf8'));
        expectValidVerdict(buffer.toString('latin1'));
      }),
      { numRuns: 300, seed: 4242 },
    );
  });

  test('on random header soup, in every locale', () => {
    fc.assert(
      fc.property(soup, fc.constantFrom('en-US' as const, 'da-DK' as const, 'fr-FR' as const), (block, locale) => {
        const verdict = analyzeHeaders(block, { locale, tenant: { bulkThreshold: 5, acceptedDomains: ['example.org'] } });
        expect(Value.Check(Verdict, verdict)).toBe(true);
        const facts = decodeHeaders(block);
        expect(facts.problems.length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 500, seed: 1717 },
    );
  });

  test('on non-string input from untyped callers', () => {
    expect(() => decodeHeaders(undefined as unknown as string)).not.toThrow();
    expect(() => analyzeHeaders(42 as unknown as string)).not.toThrow();
  });
});

/** Best of `runs` timings of f, in milliseconds. */
function bestTime(f: () => void, runs = 5): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    f();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

const N = 25_000;
/** Inputs built to hit the worst case of each decoder (open comments, long whitespace runs ...). */
const ADVERSARIAL: Record<string, (n: number) => string> = {
  'open comments': (n) => `Authentication-Results: ${'('.repeat(n)}`,
  'whitespace before a missing close': (n) => `Authentication-Results: spf=pass (a${' '.repeat(n)}x`,
  'statements without results': (n) => `Authentication-Results: ${'a;'.repeat(n / 2)}`,
  'comments before a far separator': (n) => `Authentication-Results: spf=pass ${'(a)'.repeat(n / 3)};`,
  'colon-free lines then a field': (n) => `${'garbage line without a colon\n'.repeat(n / 29)}X: y`,
  'rspamd weight never closed': (n) => `X-Spamd-Result: default: True [1 / 2]; A(${' '.repeat(n)}x`,
  'rspamd brackets': (n) => `X-Spamd-Result: default: False [1 / 2]; ${'A['.repeat(n / 2)}`,
  'rspamd symbols': (n) => `X-Spamd-Result: default: False [1 / 2]; ${'A(1)[b];'.repeat(n / 8)}`,
  'received words': (n) => `Received: from ${'a '.repeat(n / 2)}; Mon, 3 Feb 2025 10:00:00 +0000`,
  'received parens': (n) => `Received: from a ${'(['.repeat(n / 2)} by b`,
  'angle brackets in From': (n) => `From: ${'<'.repeat(n)}a@example.com>`,
  'encoded-word starts': (n) => `Subject: ${'=?utf-8?q?'.repeat(n / 10)}`,
  'spam tests': (n) => `X-Spam-Status: Yes, score=1 required=1 tests=${'A_B,'.repeat(n / 4)}`,
  'spam report lines': (n) => `X-Spam-Report: ${'* 1.0 RULE_X x\n\t'.repeat(n / 16)}`,
  'forefront tokens': (n) => `X-Forefront-Antispam-Report: ${'SFV:;'.repeat(n / 5)}`,
  'colonless tokens': (n) => `X-Microsoft-Antispam: ${'x;'.repeat(n / 2)}`,
  'many Received headers': (n) => 'Received: from a ([203.0.113.7]) by b; Mon, 3 Feb 2025 10:00:00 +0000\n'.repeat(n / 70),
  'continuation lines': (n) => `X-A: a\n${' b\n'.repeat(n / 3)}`,
  'garbage lines': (n) => 'garbage line\n'.repeat(n / 13),
  'random soup, repeated': (n) => {
    const unit = fc.sample(soup, { numRuns: 1, seed: 99 })[0] ?? 'X: y';
    return `${unit}\n`.repeat(Math.ceil(n / Math.max(unit.length, 1)));
  },
};

describe('never takes super-linear time', () => {
  test.each(Object.entries(ADVERSARIAL))('%s', (_name, make) => {
    const small = make(N);
    const large = make(4 * N);
    analyzeHeaders(small); // warm up the JIT
    const tSmall = bestTime(() => analyzeHeaders(small));
    const tLarge = bestTime(() => analyzeHeaders(large));
    expect(tLarge).toBeLessThan(10 * tSmall + 5);
  });
});

describe('speed on real header sets', () => {
  const dir = path.join(__dirname, '..', '..', 'fixtures', 'headers');
  const corpus = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('');

  test('1 MB of headers decodes in under 200 ms', () => {
    const megabyte = corpus.repeat(Math.ceil(1_048_576 / corpus.length));
    expect(megabyte.length).toBeGreaterThanOrEqual(1_048_576);
    decodeHeaders(megabyte);
    expect(bestTime(() => decodeHeaders(megabyte), 3)).toBeLessThan(200);
    expect(bestTime(() => analyzeHeaders(megabyte), 3)).toBeLessThan(200);
  });
});

describe('field values', () => {
  // One-line values are trimmed by index (the fast path); they must read exactly as trim() would.
  test('a one-line value reads as its trim(), whatever white space surrounds it', () => {
    const space = fc.constantFrom(' ', '\t', '\u000b', '\f', '\u00a0', '\u2003', '\ufeff', 'x', 'é', ':');
    fc.assert(
      fc.property(fc.array(space, { maxLength: 6 }), fc.string({ maxLength: 20 }), fc.array(space, { maxLength: 6 }), (lead, middle, tail) => {
        const value = `${lead.join('')}${middle.replace(/[\r\n]/g, '')}${tail.join('')}`;
        const field = splitHeaderFields(`X-Test:${value}\r\n`, new ProblemLog())[0];
        expect(field?.value).toBe(value.trim());
      }),
    );
  });
});
