/**
 * The header reader against the library parser: on every header fixture and on generated
 * well-formed blocks, splitHeaderFields and mailsplit's Headers (@zone-eu/mailsplit) must read
 * the same fields, in the same order, with the same unfolded values. The reader is ours for
 * speed (see header-fields.ts); this keeps it honest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import MailsplitHeaders from '@zone-eu/mailsplit/lib/headers';
import { splitHeaderFields } from '../../../src/core/analysis/header-fields';
import { ProblemLog } from '../../../src/core/analysis/problem-log';

/** What mailsplit reads: (name, unfolded value) per field, by RFC 5322's unfolding rule. */
function library(block: string): Array<[string, string]> {
  const end = block.search(/\r?\n\r?\n/);
  const section = end === -1 ? block : block.slice(0, end);
  return new MailsplitHeaders(section).getList().flatMap(({ line }) => {
    const colon = line.indexOf(':');
    if (colon <= 0) return [];
    return [[line.slice(0, colon).trim(), line.slice(colon + 1).replace(/\r?\n(?=[ \t])/g, '').trim()] as [string, string]];
  });
}

function ours(block: string): Array<[string, string]> {
  return splitHeaderFields(block, new ProblemLog()).map((f) => [f.name, f.value]);
}

const FIXTURES = ['headers', 'real-world', 'forged'].flatMap((dir) => {
  const root = path.join(__dirname, '../../fixtures', dir);
  try {
    return readdirSync(root).filter((f) => f.endsWith('.txt')).map((f) => [`${dir}/${f}`, readFileSync(path.join(root, f), 'utf8')] as const);
  } catch {
    return [];
  }
});

/** Fixtures whose posters lost the indentation of folded lines: no two parsers agree on those. */
const broken = (text: string): boolean => text.split(/\r?\n/).some((line) => line.length > 0 && !/^[ \t]/.test(line) && !/^[!-9;-~]+[ \t]*:/.test(line) && !line.startsWith('From '));

describe('the header reader agrees with mailsplit', () => {
  test.each(FIXTURES.filter(([, text]) => !broken(text)))('%s', (_name, text) => {
    expect(ours(text)).toEqual(library(text));
  });

  test('on generated well-formed blocks', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,30}$/);
    const word = fc.stringMatching(/^[!-~]{1,20}$/);
    const value = fc.array(fc.tuple(word, fc.constantFrom(' ', '\r\n ', '\r\n\t', ' \t')), { minLength: 1, maxLength: 8 })
      .map((parts) => parts.map(([w, sep], i) => (i === 0 ? w : `${sep}${w}`)).join(''));
    const block = fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 20 })
      .map((fields) => fields.map(([n, v]) => `${n}: ${v}`).join('\r\n') + '\r\n\r\nbody: not a header\r\n');
    fc.assert(fc.property(block, (text) => {
      expect(ours(text)).toEqual(library(text));
    }), { numRuns: 500 });
  });
});
