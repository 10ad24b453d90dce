/**
 * Rspamd's X-Spamd-Result (`default: True [16.50 / 15.00]; SYMBOL(weight)[opt1,opt2]; ...`,
 * the format milter_headers' extended_spam_headers writes) and X-Rspamd-Action.
 */
import type { HeaderField, RspamdFacts, RspamdSymbol } from '../types';
import type { ProblemLog } from '../problem-log';
import { parseNumber } from './numbers';
import { parseSymbolList } from './symbol-list';

const METRIC = /^([A-Za-z0-9_-]+):\s*(true|false)\s*\[\s*(-?[\d.]+)\s*\/\s*(-?[\d.]+)\s*\]/i;
// No nested or overlapping quantifiers: garbage segments fail in linear time.
const SYMBOL = /^([A-Za-z0-9_]{1,100})(?:\(([^()]*)\))?[ \t]*(?:\[([\s\S]*)\])?$/;
const MAX_SEGMENT = 4096;
export const RSPAMD_ACTIONS = [
  'no action', 'greylist', 'add header', 'rewrite subject', 'soft reject', 'reject', 'discard', 'quarantine',
] as const;
const ACTION_SET: ReadonlySet<string> = new Set(RSPAMD_ACTIONS);

export function parseSpamdResult(field: HeaderField, facts: RspamdFacts, log: ProblemLog): void {
  if (facts.header !== undefined) return; // the top-most (our own) scan wins
  facts.header = field.name;
  const segments = splitOutsideBrackets(field.value);
  const head = segments.shift() ?? '';
  const metric = METRIC.exec(head);
  if (metric) {
    facts.isSpam = metric[2]?.toLowerCase() === 'true';
    const score = parseNumber(metric[3]);
    const threshold = parseNumber(metric[4]);
    if (score !== undefined) facts.score = score;
    if (threshold !== undefined) facts.threshold = threshold;
    facts.metricText = metric[0];
    // Rspamd 1.x wrote the symbols on the same line, space-separated: `… [6.37 / 15.00] BAYES_SPAM(0.87) …`.
    const rest = head.slice(metric[0].length).trim();
    for (const test of rest.length > 0 && rest.length <= MAX_SEGMENT ? parseSymbolList(rest) : []) {
      const symbol: RspamdSymbol = { name: test.name, options: [], text: test.score === undefined ? test.name : `${test.name}(${test.score})` };
      if (test.score !== undefined) symbol.weight = test.score;
      facts.symbols.push(symbol);
    }
  } else {
    log.add(field.name, 'unreadableValue', `no "default: True|False [score / threshold]": ${head}`);
    if (head.length <= MAX_SEGMENT && SYMBOL.test(head)) segments.unshift(head);
  }
  for (const segment of segments) {
    const m = segment.length > MAX_SEGMENT ? null : SYMBOL.exec(segment);
    if (!m || m[1] === undefined) {
      log.add(field.name, 'unreadableValue', `not a SYMBOL(weight)[options]: ${segment}`);
      continue;
    }
    const symbol: RspamdSymbol = {
      name: m[1],
      options: m[3] === undefined || m[3] === '' ? [] : m[3].split(',').map((o) => o.trim()),
      text: segment,
    };
    const weight = parseNumber(m[2]?.trim());
    if (weight !== undefined) symbol.weight = weight;
    facts.symbols.push(symbol);
  }
}

export function parseRspamdAction(field: HeaderField, facts: RspamdFacts, log: ProblemLog): void {
  if (facts.action !== undefined) return;
  const value = field.value.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!ACTION_SET.has(value)) log.add(field.name, 'unknownValue', field.value);
  facts.action = { header: field.name, value };
}

/**
 * Rspamd as WildDuck and Haraka write it: X-Rspamd-Report (the symbols), X-Rspamd-Score (the
 * sum) and X-Rspamd-Bar (`+++` a point each, `/` for about zero). No action is written, so
 * what Rspamd would have done is judged from the score against Rspamd's default thresholds.
 */
export function parseRspamdReport(
  report: HeaderField | undefined,
  score: HeaderField | undefined,
  bar: HeaderField | undefined,
  facts: RspamdFacts,
  log: ProblemLog,
): void {
  if (facts.header !== undefined) return;
  const header = report ?? score ?? bar;
  if (header === undefined) return;
  facts.header = header.name;
  if (report !== undefined) {
    for (const test of parseSymbolList(report.value)) {
      const symbol: RspamdSymbol = { name: test.name, options: [], text: test.score === undefined ? test.name : `${test.name}(${test.score})` };
      if (test.score !== undefined) symbol.weight = test.score;
      facts.symbols.push(symbol);
    }
  }
  const value = score === undefined ? undefined : parseNumber(score.value);
  if (score !== undefined && value === undefined) log.add(score.name, 'unreadableValue', score.value);
  if (score !== undefined && value !== undefined) {
    facts.score = value;
    facts.metricText = score.value.trim();
  } else if (bar !== undefined) {
    const text = bar.value.trim();
    const plus = /^\++$/.test(text) ? text.length : /^-+$/.test(text) ? -text.length : text === '/' ? 0 : undefined;
    if (plus === undefined) log.add(bar.name, 'unreadableValue', text);
    else {
      facts.score = plus;
      facts.metricText = text;
    }
  }
}

function splitOutsideBrackets(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 91) depth++;
    else if (c === 93 && depth > 0) depth--;
    else if (c === 59 && depth === 0) {
      const piece = value.slice(start, i).trim();
      if (piece.length > 0) out.push(piece);
      start = i + 1;
    }
  }
  const last = value.slice(start).trim();
  if (last.length > 0) out.push(last);
  return out;
}
