/**
 * Rspamd's X-Spamd-Result (`default: True [16.50 / 15.00]; SYMBOL(weight)[opt1,opt2]; ...`,
 * the format milter_headers' extended_spam_headers writes) and X-Rspamd-Action.
 */
import type { HeaderField, RspamdFacts, RspamdSymbol } from '../types';
import type { ProblemLog } from '../problem-log';
import { parseNumber } from './numbers';

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
