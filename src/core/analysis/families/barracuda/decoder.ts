/**
 * Barracuda Email Security Gateway (Spam Firewall) and Email Gateway Defense:
 * - X-Barracuda-Spam-Status: `Yes|No, SCORE=5.59 using global|per-user scores of
 *   TAG_LEVEL=3.5 QUARANTINE_LEVEL=1000.0 KILL_LEVEL=5.0 tests=A, B`, often folded right
 *   after `No,`; a level of 1000.0 (or more) is switched off;
 * - X-Barracuda-Spam-Score (the score alone), X-Barracuda-Spam-Flag (YES/NO);
 * - X-Barracuda-Bayes: `SPAM|INNOCENT GLOBAL 0.9990 1.0000 4.3308` (the last number is what
 *   Bayes added to the score);
 * - X-Barracuda-Spam-Report: the rule breakdown table (` 3.38 RULE  description`), for the
 *   points of each test.
 * The score against the levels says what Barracuda did: at KILL_LEVEL it blocks, at
 * QUARANTINE_LEVEL it quarantines, at TAG_LEVEL it tags.
 */
import type { FilterFamily } from '../family';
import type { FilterAction, FilterVerdict, HeaderField, SpamTest } from '../../types';
import type { ProblemLog } from '../../problem-log';
import { parseNumber } from '../../decoders/numbers';
import { parseSpamReport } from '../../decoders/spamassassin';
import { head, newest, type Stamp } from '../shared';

export const BARRACUDA_FILTER = 'Barracuda';
/** A level at or above this is switched off. */
export const BARRACUDA_DISABLED_LEVEL = 1000;
const MAX_TESTS = 300;

export interface BarracudaLevels {
  tag?: number;
  quarantine?: number;
  kill?: number;
}

export interface BarracudaStatus {
  header: string;
  /** `Yes` / `No` at the start of the value. */
  spam?: boolean;
  score?: number;
  /** Whose levels were applied: the system's (`global`) or the recipient's (`per-user`). */
  scope?: 'global' | 'per-user';
  levels: BarracudaLevels;
  tests: SpamTest[];
  /** `No, SCORE=4.33` (or the part of it that is there), exactly as written. */
  text: string;
}

export interface BarracudaFacts {
  status?: BarracudaStatus;
  score?: Stamp<number>;
  flag?: Stamp<boolean>;
  bayes?: Stamp<{ verdict: string; contribution?: number }>;
  /** Points per rule from X-Barracuda-Spam-Report. */
  reportTests: SpamTest[];
}

const YES_NO = /^(yes|no)\b/i;
const SCORE = /\bSCORE=([+-]?\d{1,6}(?:\.\d{1,6})?)(?![\d.])/i;
const SCOPE = /\busing (global|per-user) scores\b/i;
const LEVEL = /\b(TAG|QUARANTINE|KILL)_LEVEL=(\S{0,20})/gi;
const TEST_NAME = /^[A-Za-z0-9_]{1,80}$/;

function parseStatus(field: HeaderField, log: ProblemLog): BarracudaStatus {
  const value = field.value;
  const status: BarracudaStatus = { header: field.name, levels: {}, tests: [], text: '' };
  const yesNo = YES_NO.exec(value);
  if (yesNo?.[1] !== undefined) status.spam = yesNo[1].toLowerCase() === 'yes';
  else log.add(field.name, 'unreadableValue', 'does not start with Yes or No');
  const score = SCORE.exec(value);
  const n = parseNumber(score?.[1]);
  if (n !== undefined) status.score = n;
  else log.add(field.name, 'unreadableValue', 'no SCORE=');
  // The evidence: `No, SCORE=4.33` when they stand together (folding leaves only blanks between).
  if (yesNo !== null && score !== null && /^[\s,]*$/.test(value.slice(yesNo[0].length, score.index))) {
    status.text = value.slice(0, score.index + score[0].length);
  } else status.text = score?.[0] ?? yesNo?.[0] ?? head(value, 40).trim();
  const scope = SCOPE.exec(value)?.[1]?.toLowerCase();
  if (scope === 'global' || scope === 'per-user') status.scope = scope;
  LEVEL.lastIndex = 0;
  for (let m = LEVEL.exec(value); m !== null; m = LEVEL.exec(value)) {
    const level = parseNumber(m[2]);
    const name = (m[1] ?? '').toLowerCase() as keyof BarracudaLevels;
    if (level === undefined) log.add(field.name, 'unreadableValue', m[0]);
    else if (status.levels[name] === undefined) status.levels[name] = level;
  }
  const testsAt = value.search(/\btests=/i);
  if (testsAt !== -1) status.tests = readTests(value.slice(testsAt + 6));
  return status;
}

/** `tests=A, B,C` up to the next `key=` (Barracuda writes the list last). */
function readTests(text: string): SpamTest[] {
  const tests: SpamTest[] = [];
  for (const word of text.split(/[\s,]+/)) {
    if (word.length === 0) continue;
    if (word.includes('=') || tests.length >= MAX_TESTS) break;
    if (TEST_NAME.test(word)) tests.push({ name: word });
  }
  return tests;
}

function parseFlag(field: HeaderField, log: ProblemLog): Stamp<boolean> | undefined {
  const text = field.value.trim();
  const v = text.toLowerCase();
  if (v === 'yes' || v === 'no') return { header: field.name, value: v === 'yes', text };
  log.add(field.name, 'unknownValue', text);
  return undefined;
}

function parseScore(field: HeaderField, log: ProblemLog): Stamp<number> | undefined {
  const text = field.value.trim();
  const n = parseNumber(head(text, 40));
  if (n !== undefined) return { header: field.name, value: n, text };
  log.add(field.name, 'unreadableValue', text);
  return undefined;
}

const BAYES = /^(SPAM|INNOCENT|UNKNOWN)\b[^\n]{0,80}?([+-]?\d{1,4}\.\d{1,6})?\s*$/i;

function parseBayes(field: HeaderField, log: ProblemLog): BarracudaFacts['bayes'] {
  const text = field.value.trim();
  const m = text.length <= 120 ? BAYES.exec(text) : null;
  if (m?.[1] === undefined) {
    log.add(field.name, 'unknownValue', text);
    return undefined;
  }
  const value: { verdict: string; contribution?: number } = { verdict: m[1].toUpperCase() };
  const contribution = parseNumber(m[2]);
  if (contribution !== undefined) value.contribution = contribution;
  return { header: field.name, value, text };
}

/** The action the score reached: the highest switched-on level at or below it. */
export function barracudaAction(score: number, levels: BarracudaLevels): { action: FilterAction; level: number } | undefined {
  const on = (level: number | undefined): level is number => level !== undefined && level < BARRACUDA_DISABLED_LEVEL;
  if (on(levels.kill) && score >= levels.kill) return { action: 'reject', level: levels.kill };
  if (on(levels.quarantine) && score >= levels.quarantine) return { action: 'quarantine', level: levels.quarantine };
  if (on(levels.tag) && score >= levels.tag) return { action: 'tag', level: levels.tag };
  return undefined;
}

function lowestLevel(levels: BarracudaLevels): number | undefined {
  const on = [levels.tag, levels.quarantine, levels.kill].filter((l): l is number => l !== undefined && l < BARRACUDA_DISABLED_LEVEL);
  return on.length === 0 ? undefined : Math.min(...on);
}

export const BARRACUDA: FilterFamily<BarracudaFacts> = {
  id: 'barracuda',
  filter: BARRACUDA_FILTER,
  headers: ['x-barracuda-spam-status', 'x-barracuda-spam-score', 'x-barracuda-spam-flag', 'x-barracuda-bayes', 'x-barracuda-spam-report'],
  decode(fields, log) {
    const facts: BarracudaFacts = { reportTests: [] };
    const status = newest(fields, 'x-barracuda-spam-status');
    const score = newest(fields, 'x-barracuda-spam-score');
    const flag = newest(fields, 'x-barracuda-spam-flag');
    const bayes = newest(fields, 'x-barracuda-bayes');
    const report = newest(fields, 'x-barracuda-spam-report');
    if (status !== undefined) facts.status = parseStatus(status, log);
    const s = score === undefined ? undefined : parseScore(score, log);
    if (s !== undefined) facts.score = s;
    const f = flag === undefined ? undefined : parseFlag(flag, log);
    if (f !== undefined) facts.flag = f;
    const b = bayes === undefined ? undefined : parseBayes(bayes, log);
    if (b !== undefined) facts.bayes = b;
    if (report !== undefined) facts.reportTests = parseSpamReport(report).tests.slice(0, MAX_TESTS);
    return facts.status === undefined && facts.score === undefined && facts.flag === undefined && facts.bayes === undefined ? undefined : facts;
  },
  verdict(facts) {
    const status = facts.status;
    const score = status?.score ?? facts.score?.value;
    const levels = status?.levels ?? {};
    const reached = score === undefined ? undefined : barracudaAction(score, levels);
    const lowest = lowestLevel(levels);
    const evidence = status !== undefined ? { header: status.header, value: status.text }
      : facts.flag !== undefined ? { header: facts.flag.header, value: facts.flag.text }
        : facts.score !== undefined ? { header: facts.score.header, value: facts.score.text } : undefined;
    if (evidence === undefined) return undefined; // Bayes alone is one opinion, not the verdict.
    const verdict: FilterVerdict = { family: 'barracuda', filter: BARRACUDA_FILTER, evidence, tests: testsOf(facts) };
    if (status?.spam === true || facts.flag?.value === true || reached !== undefined) verdict.flagged = true;
    else if (status?.spam === false || facts.flag?.value === false || (score !== undefined && lowest !== undefined)) verdict.flagged = false;
    if (reached !== undefined) verdict.action = reached.action;
    if (score !== undefined) verdict.score = score;
    const threshold = reached?.level ?? lowest;
    if (threshold !== undefined) verdict.threshold = threshold;
    return verdict;
  },
};

/** The status's tests with the report's points, and what Bayes added. */
function testsOf(facts: BarracudaFacts): SpamTest[] {
  const points = new Map(facts.reportTests.map((t) => [t.name, t] as const));
  const tests: SpamTest[] = (facts.status?.tests ?? []).map((t) => {
    const fromReport = points.get(t.name);
    points.delete(t.name);
    return fromReport === undefined ? { ...t } : { ...t, ...fromReport };
  });
  tests.push(...points.values());
  const bayes = facts.bayes?.value;
  if (bayes?.contribution !== undefined && bayes.contribution !== 0 && !tests.some((t) => /bayes/i.test(t.name))) {
    tests.push({ name: `Bayes ${bayes.verdict}`, score: bayes.contribution });
  }
  return tests;
}
