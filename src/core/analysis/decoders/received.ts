/**
 * The Received chain (RFC 5321 4.4): `from A (comment [ip]) by B with P id X for <r>; date`.
 * Headers are stamped top-down, newest first; hops are returned oldest first with the
 * delay each one added, which is where greylisting or a stuck queue shows.
 */
import type { HeaderField, ReceivedFacts, ReceivedHop } from '../types';
import type { ProblemLog } from '../problem-log';
import { findIp, isIpAddress } from '../../net/addresses';
import { stripComments } from './comments';

/** Longer values are not real Received headers; parsing them would only cost time. */
const MAX_VALUE = 8192;
const BRACKETED_IP = /\[(?:IPv6:)?([0-9A-Fa-f:.]{2,45})\]/;
const PARENTHESIZED_IP = /\(([0-9A-Fa-f:.]{2,45})\)/;
/** `from HOST (comment) by HOST [(comment)] [with PROTO]`: one comment at most in each place. */
const COMMON_SHAPE = /^from[ \t]+([^\s()]+)(?:[ \t]+\(([^()]*)\))?[ \t]+by[ \t]+([^\s()]+)(?:[ \t]+\([^()]*\))?(?:[ \t]+with[ \t]+([^\s()]+))?/;

/** The IP in a from clause or its comment: a literal in [] or (), else any IP in it. */
function ipIn(text: string): string | undefined {
  const literal = (text.includes('[') ? BRACKETED_IP.exec(text)?.[1] : undefined) ?? PARENTHESIZED_IP.exec(text)?.[1];
  if (literal !== undefined && isIpAddress(literal)) return literal;
  // A bare comment like "2603:10a6:20b:462::12" is the IP itself.
  if (isIpAddress(text)) return text;
  return findIp(text);
}

export function parseReceivedHop(field: HeaderField, log: ProblemLog): ReceivedHop {
  const hop: ReceivedHop = {};
  const value = field.value.length > MAX_VALUE ? field.value.slice(0, MAX_VALUE) : field.value;
  const semi = value.lastIndexOf(';');
  const route = semi === -1 ? value : value.slice(0, semi);
  if (semi === -1) log.add(field.name, 'badDate', 'no "; date" at the end');
  else {
    const dateText = value.slice(semi + 1).trim();
    if (dateText.length > 0) {
      hop.date = dateText;
      const paren = dateText.indexOf('(');
      const time = Date.parse(paren === -1 ? dateText : dateText.slice(0, paren));
      if (Number.isNaN(time)) log.add(field.name, 'badDate', dateText);
      else hop.time = time;
    } else log.add(field.name, 'badDate', 'empty date');
  }

  // The common stamp shape (Exchange Online, most MTAs' internal hops) in one anchored,
  // non-backtracking regex; anything else takes the general comment-aware path.
  const common = COMMON_SHAPE.exec(route);
  if (common !== null) {
    hop.from = common[1] ?? '';
    hop.by = common[3] ?? '';
    if (common[4] !== undefined) hop.with = common[4];
    const rest = route.slice(common[0].length);
    const id = clauseValue(rest.includes('\t') ? rest.replace(/\t/g, ' ') : rest, 'id');
    if (id !== undefined) hop.id = id;
    const ip = common[2] === undefined ? undefined : ipIn(common[2]);
    if (ip !== undefined) hop.ip = ip;
    return hop;
  }
  const { text } = stripComments(route);
  const flat = text.includes('\t') ? text.replace(/\t/g, ' ') : text;
  const from = clauseValue(flat, 'from');
  const by = clauseValue(flat, 'by');
  const via = clauseValue(flat, 'with');
  const id = clauseValue(flat, 'id');
  if (from !== undefined) hop.from = from;
  if (by !== undefined) hop.by = by;
  if (via !== undefined) hop.with = via;
  if (id !== undefined) hop.id = id;
  // The connecting IP is in the from clause: "(helo [203.0.113.7])" or "(2603:10a6::1)".
  const byAt = route.search(/\sby\s/i);
  const fromPart = byAt === -1 ? route : route.slice(0, byAt);
  if (/^\s*from\s/i.test(fromPart)) {
    const ip = ipIn(fromPart);
    if (ip !== undefined) hop.ip = ip;
  }
  return hop;
}

const CLAUSE_ANY_CASE: Readonly<Record<string, RegExp>> = {
  from: /(?:^|\s)from\s/i,
  by: /(?:^|\s)by\s/i,
  with: /(?:^|\s)with\s/i,
  id: /(?:^|\s)id\s/i,
};

/**
 * The word after a clause keyword (`from`, `by`, `with`, `id`) in the comment-free route.
 * Stamps write the keywords in lower case (found with indexOf); other spellings take a regex.
 */
function clauseValue(text: string, keyword: 'from' | 'by' | 'with' | 'id'): string | undefined {
  let after: number;
  if (text.startsWith(`${keyword} `)) after = keyword.length;
  else {
    const at = text.indexOf(` ${keyword} `);
    if (at !== -1) after = at + 1 + keyword.length;
    else {
      const m = CLAUSE_ANY_CASE[keyword]?.exec(text);
      if (m === null || m === undefined) return undefined;
      after = m.index + m[0].length - 1;
    }
  }
  let start = after;
  while (start < text.length && text.charCodeAt(start) === 32) start++;
  if (start >= text.length) return undefined;
  const end = text.indexOf(' ', start);
  return text.slice(start, end === -1 ? text.length : end);
}

/** `fields` in header order (newest first). */
export function buildReceivedChain(hopsNewestFirst: ReceivedHop[]): ReceivedFacts {
  const hops = hopsNewestFirst.slice().reverse();
  let firstTime: number | undefined;
  let lastTime: number | undefined;
  let previous: number | undefined;
  for (const hop of hops) {
    if (hop.time === undefined) continue;
    if (previous !== undefined) hop.delaySeconds = Math.round((hop.time - previous) / 1000);
    previous = hop.time;
    firstTime ??= hop.time;
    lastTime = hop.time;
  }
  const facts: ReceivedFacts = { hops };
  if (firstTime !== undefined && lastTime !== undefined && hops.length > 1) {
    facts.totalDelaySeconds = Math.round((lastTime - firstTime) / 1000);
  }
  return facts;
}
