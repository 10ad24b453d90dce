/**
 * Proxmox Mail Gateway: X-SPAM-LEVEL, `Spam detection results:  N` (its spam level, the
 * SpamAssassin score rounded) followed by one folded line per rule that scored:
 * `RULE_NAME   score description`, descriptions sometimes wrapped onto the next line.
 * PMG's default rules treat level 5 and above as spam.
 *
 * SpamAssassin writes an X-Spam-Level of stars; that one is not Proxmox's and is left alone.
 */
import type { FilterFamily } from '../family';
import type { FilterVerdict, SpamTest } from '../../types';
import { parseNumber } from '../../decoders/numbers';
import { head } from '../shared';

export const PROXMOX_FILTER = 'Proxmox Mail Gateway';
/** The spam level PMG's default rule set acts on. */
export const PROXMOX_SPAM_LEVEL = 5;
const MAX_TESTS = 300;
const MAX_DESCRIPTION = 300;

export interface ProxmoxFacts {
  header: string;
  score: number;
  /** `Spam detection results:  N`, exactly as written. */
  text: string;
  tests: SpamTest[];
}

const RESULTS = /^Spam detection results:[ \t]*([+-]?\d{1,6}(?:\.\d{1,4})?)(?![\d.])/i;
const RULE_LINE = /^([A-Z][A-Z0-9_]{1,79})[ \t]+([+-]?\d{1,4}(?:\.\d{1,6})?)(?:[ \t]+([^\n]*))?$/;
/** The same rule lines, when the paste lost the line breaks. */
const RULE_INLINE = /(?:^|[ \t])([A-Z][A-Z0-9_]{1,79})[ \t]+([+-]?\d{1,4}(?:\.\d{1,6})?)(?=[ \t]|$)/g;

function readLines(folded: string): SpamTest[] {
  const tests: SpamTest[] = [];
  const lines = folded.split('\n');
  for (let i = 1; i < lines.length && tests.length < MAX_TESTS; i++) {
    const line = head(lines[i] ?? '', 400).trim();
    if (line.length === 0) continue;
    const m = RULE_LINE.exec(line);
    const score = parseNumber(m?.[2]);
    if (m?.[1] !== undefined && score !== undefined) {
      const test: SpamTest = { name: m[1], score };
      const description = m[3]?.trim();
      if (description) test.description = description;
      tests.push(test);
      continue;
    }
    // A wrapped description: it belongs to the rule above.
    const last = tests[tests.length - 1];
    if (last !== undefined && (last.description?.length ?? 0) < MAX_DESCRIPTION) {
      last.description = last.description === undefined ? line : `${last.description} ${line}`;
    }
  }
  return tests;
}

function readInline(value: string): SpamTest[] {
  const tests: SpamTest[] = [];
  RULE_INLINE.lastIndex = 0;
  for (let m = RULE_INLINE.exec(value); m !== null && tests.length < MAX_TESTS; m = RULE_INLINE.exec(value)) {
    const score = parseNumber(m[2]);
    if (m[1] !== undefined && score !== undefined) tests.push({ name: m[1], score });
  }
  return tests;
}

export const PROXMOX: FilterFamily<ProxmoxFacts> = {
  id: 'proxmox',
  filter: PROXMOX_FILTER,
  headers: ['x-spam-level'],
  decode(fields, log) {
    for (const field of fields) {
      const value = field.value;
      // SpamAssassin's `X-Spam-Level: ****` (or an empty one): not Proxmox's.
      if (!/^spam detection results/i.test(head(value, 40))) continue;
      const m = RESULTS.exec(head(value, 80));
      const score = parseNumber(m?.[1]);
      if (m === null || score === undefined) {
        log.add(field.name, 'unreadableValue', head(value, 80));
        continue;
      }
      const folded = field.folded;
      const tests = folded.includes('\n') ? readLines(folded) : readInline(value.slice(m[0].length));
      return { header: field.name, score, text: m[0], tests };
    }
    return undefined;
  },
  verdict(facts) {
    const verdict: FilterVerdict = {
      family: 'proxmox',
      filter: PROXMOX_FILTER,
      evidence: { header: facts.header, value: facts.text },
      flagged: facts.score >= PROXMOX_SPAM_LEVEL,
      score: facts.score,
      threshold: PROXMOX_SPAM_LEVEL,
      tests: facts.tests,
    };
    return verdict;
  },
};
