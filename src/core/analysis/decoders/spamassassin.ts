/**
 * SpamAssassin's X-Spam-Status (`Yes, score=7.9 required=5.0 tests=A,B autolearn=no
 * version=4.0.0`, tests optionally as `NAME=score`; hMailServer's `18.8/5.0, autolearn=no`),
 * X-Spam-Flag and X-Spam-Report (per-rule points, either `* 3.5 BAYES_99 ...` lines or the "Content analysis details"
 * table). Rspamd's milter_headers writes a compatible `Yes, score=16.50` status too.
 */
import type { HeaderField, SpamAssassinFacts, SpamTest } from '../types';
import type { ProblemLog } from '../problem-log';
import { parseNumber } from './numbers';

const TEST_TOKEN = /^([A-Z0-9_]{2,80})(?:=(-?\d+(?:\.\d+)?))?$/;

export function parseSpamStatus(field: HeaderField, log: ProblemLog): SpamAssassinFacts {
  const value = field.value;
  const facts: SpamAssassinFacts = { header: field.name, tests: [] };
  const yesNo = /^\s*(yes|no)\b/i.exec(value);
  if (yesNo?.[1] !== undefined) facts.isSpam = yesNo[1].toLowerCase() === 'yes';
  else if (readScoreOverRequired(value, facts)) return readRest(value, facts);
  else log.add(field.name, 'unreadableValue', 'does not start with Yes or No');

  const score = /\b(?:score|hits)=(\S+)/.exec(value);
  const required = /\brequired=(\S+)/.exec(value);
  const s = parseNumber(score?.[1]);
  const r = parseNumber(required?.[1]);
  if (s !== undefined) facts.score = s;
  else if (score) log.add(field.name, 'unreadableValue', score[0]);
  if (r !== undefined) facts.required = r;
  else if (required) log.add(field.name, 'unreadableValue', required[0]);
  // The evidence is the exact text from `score=` through `required=` (amavis puts
  // tagged_above= between them).
  if (score) {
    const end = required && required.index > score.index ? required.index + required[0].length : score.index + score[0].length;
    facts.scoreText = value.slice(score.index, end);
  }

  return readRest(value, facts);
}

/**
 * hMailServer writes the status as `18.8/5.0, autolearn=no …`: score over required, no Yes or
 * No. Spam when the score reaches the required one, as SpamAssassin judges it.
 */
const SCORE_OVER_REQUIRED = /^\s*([+-]?\d{1,6}(?:\.\d{1,6})?)\/([+-]?\d{1,6}(?:\.\d{1,6})?)(?=[\s,;]|$)/;

function readScoreOverRequired(value: string, facts: SpamAssassinFacts): boolean {
  const m = SCORE_OVER_REQUIRED.exec(value.length > 60 ? value.slice(0, 60) : value);
  const score = parseNumber(m?.[1]);
  const required = parseNumber(m?.[2]);
  if (m === null || score === undefined || required === undefined) return false;
  facts.score = score;
  facts.required = required;
  facts.isSpam = score >= required;
  facts.scoreText = m[0].trim();
  return true;
}

/** The tests list, wherever the status puts it. */
function readRest(value: string, facts: SpamAssassinFacts): SpamAssassinFacts {
  const testsAt = value.indexOf('tests=');
  if (testsAt !== -1) facts.tests = readTests(value.slice(testsAt + 6));
  return facts;
}

function readTests(text: string): SpamTest[] {
  const tests: SpamTest[] = [];
  for (const raw of text.split(/[\s,]+/)) {
    if (raw.length === 0) continue;
    if (/^[a-z_]+=/.test(raw)) break; // the next key (autolearn=, version=) ends the list
    // amavis writes the list in brackets: tests=[BAYES_99=3.5, DKIM_SIGNED=0.1]
    const word = raw.replace(/^\[/, '').replace(/\]$/, '');
    const m = TEST_TOKEN.exec(word);
    if (!m || m[1] === undefined) continue;
    const test: SpamTest = { name: m[1] };
    const score = parseNumber(m[2]);
    if (score !== undefined) test.score = score;
    tests.push(test);
  }
  return tests;
}

const REPORT_LINE = /(?:^|[\n*])[ \t]*(-?\d{1,4}(?:\.\d+)?)[ \t]+([A-Z][A-Z0-9_]{1,79})(?=[ \t\n]|$)([^\n*]*)/g;

/** Per-rule points from X-Spam-Report. */
export function parseSpamReport(field: HeaderField): { tests: SpamTest[]; score?: number; required?: number } {
  const text = field.folded;
  const tests: SpamTest[] = [];
  for (const m of text.matchAll(REPORT_LINE)) {
    const score = parseNumber(m[1]);
    if (m[2] === undefined) continue;
    const test: SpamTest = { name: m[2] };
    if (score !== undefined) test.score = score;
    const description = m[3]?.trim();
    if (description) test.description = description;
    tests.push(test);
  }
  const out: { tests: SpamTest[]; score?: number; required?: number } = { tests };
  const summary = /\(\s*(-?\d+(?:\.\d+)?) points?,\s*(-?\d+(?:\.\d+)?) required\)/.exec(text);
  const score = parseNumber(summary?.[1]);
  const required = parseNumber(summary?.[2]);
  if (score !== undefined) out.score = score;
  if (required !== undefined) out.required = required;
  return out;
}

/** Fills in the per-test scores the status line lacked from the report. */
export function mergeReport(facts: SpamAssassinFacts, report: ReturnType<typeof parseSpamReport>): void {
  const byName = new Map(report.tests.map((t) => [t.name, t] as const));
  for (const test of facts.tests) {
    const fromReport = byName.get(test.name);
    if (fromReport === undefined) continue;
    if (test.score === undefined && fromReport.score !== undefined) test.score = fromReport.score;
    if (fromReport.description !== undefined) test.description = fromReport.description;
    byName.delete(test.name);
  }
  if (facts.tests.length === 0) facts.tests.push(...byName.values());
  if (facts.score === undefined && report.score !== undefined) facts.score = report.score;
  if (facts.required === undefined && report.required !== undefined) facts.required = report.required;
}

export function parseYesNo(field: HeaderField, log: ProblemLog): { header: string; value: boolean; text: string } | undefined {
  const v = field.value.trim().toLowerCase();
  if (v === 'yes' || v === 'true') return { header: field.name, value: true, text: field.value.trim() };
  if (v === 'no' || v === 'false') return { header: field.name, value: false, text: field.value.trim() };
  log.add(field.name, 'unknownValue', field.value);
  return undefined;
}
