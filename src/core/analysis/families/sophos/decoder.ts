/**
 * Sophos Email (Central) gateway, whose verdict headers are the X-LASED-* ones:
 * - X-LASED-Spam: `NonSpam` or `Spam` (the verdict);
 * - X-LASED-SpamProbability: 0 to 1;
 * - X-LASED-Impersonation: `True` / `False` (display-name or domain impersonation: phishing),
 *   with X-LASED-Impersonation-Category (`NONE` ...);
 * - X-LASED-Hits: `RULE 0.050000, RULE 0.000000, …`, the rules with their weights.
 * The X-Sophos-* headers (Email-ID, SenderHistory, Antispam-Engine version, MH-Mail-Info-Key)
 * carry no verdict and are not read.
 */
import type { FilterFamily } from '../family';
import type { FilterVerdict, HeaderField, SpamTest } from '../../types';
import type { ProblemLog } from '../../problem-log';
import { parseNumber } from '../../decoders/numbers';
import { head, newest, type Stamp } from '../shared';

export const SOPHOS_FILTER = 'Sophos';
const MAX_HITS = 300;

export interface SophosFacts {
  spam?: Stamp<'nonspam' | 'spam' | 'suspect' | 'bulk'>;
  probability?: Stamp<number>;
  impersonation?: Stamp<boolean>;
  category?: string;
  /** The rules with a weight other than zero. */
  hits: SpamTest[];
}

const SPAM_VALUES: ReadonlyMap<string, 'nonspam' | 'spam' | 'suspect' | 'bulk'> = new Map([
  ['nonspam', 'nonspam'], ['notspam', 'nonspam'], ['spam', 'spam'], ['suspect', 'suspect'], ['suspected', 'suspect'], ['bulk', 'bulk'],
] as const);

const HIT = /^([A-Za-z0-9_]{1,100})\s+([+-]?\d{1,6}(?:\.\d{1,8})?)$/;

function readHits(field: HeaderField): SpamTest[] {
  const hits: SpamTest[] = [];
  let read = 0;
  for (const part of field.value.split(',')) {
    if (++read > 5 * MAX_HITS || hits.length >= MAX_HITS) break;
    const m = HIT.exec(head(part, 140).trim());
    const score = parseNumber(m?.[2]);
    if (m?.[1] !== undefined && score !== undefined && score !== 0) hits.push({ name: m[1], score });
  }
  return hits;
}

function trimmed(field: HeaderField): string {
  return field.value.trim();
}

function readSpam(field: HeaderField, log: ProblemLog): SophosFacts['spam'] {
  const text = trimmed(field);
  const value = SPAM_VALUES.get(text.toLowerCase());
  if (value !== undefined) return { header: field.name, value, text };
  log.add(field.name, 'unknownValue', head(text, 80));
  return undefined;
}

export const SOPHOS: FilterFamily<SophosFacts> = {
  id: 'sophos',
  filter: SOPHOS_FILTER,
  headers: ['x-lased-spam', 'x-lased-spamprobability', 'x-lased-impersonation', 'x-lased-impersonation-category', 'x-lased-hits'],
  decode(fields, log) {
    const facts: SophosFacts = { hits: [] };
    const spam = newest(fields, 'x-lased-spam');
    const probability = newest(fields, 'x-lased-spamprobability');
    const impersonation = newest(fields, 'x-lased-impersonation');
    const category = newest(fields, 'x-lased-impersonation-category');
    const hits = newest(fields, 'x-lased-hits');
    const s = spam === undefined ? undefined : readSpam(spam, log);
    if (s !== undefined) facts.spam = s;
    if (probability !== undefined) {
      const text = trimmed(probability);
      const n = parseNumber(head(text, 40));
      if (n !== undefined && n >= 0 && n <= 1) facts.probability = { header: probability.name, value: n, text };
      else log.add(probability.name, 'unreadableValue', head(text, 80));
    }
    if (impersonation !== undefined) {
      const text = trimmed(impersonation);
      const v = text.toLowerCase();
      if (v === 'true' || v === 'false') facts.impersonation = { header: impersonation.name, value: v === 'true', text };
      else log.add(impersonation.name, 'unknownValue', head(text, 80));
    }
    if (category !== undefined) facts.category = head(trimmed(category), 80);
    if (hits !== undefined) facts.hits = readHits(hits);
    return facts.spam === undefined && facts.probability === undefined && facts.impersonation === undefined ? undefined : facts;
  },
  verdict(facts) {
    const impersonated = facts.impersonation?.value === true ? facts.impersonation : undefined;
    const decisive = impersonated ?? facts.spam;
    // A probability alone is no verdict: the threshold is Sophos's own.
    if (decisive === undefined) return undefined;
    const verdict: FilterVerdict = {
      family: 'sophos',
      filter: SOPHOS_FILTER,
      evidence: { header: decisive.header, value: decisive.text },
      tests: facts.hits,
    };
    if (impersonated !== undefined) {
      verdict.flagged = true;
      verdict.threat = 'phishing';
    } else if (facts.spam !== undefined) {
      verdict.flagged = facts.spam.value !== 'nonspam';
      if (facts.spam.value === 'bulk') verdict.threat = 'bulk';
    }
    if (facts.probability !== undefined) verdict.score = facts.probability.value;
    return verdict;
  },
};
