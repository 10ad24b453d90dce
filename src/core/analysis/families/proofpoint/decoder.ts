/**
 * Proofpoint Email Protection: X-Proofpoint-Spam-Details, `rule=NAME policy=NAME score=N`
 * then `key=value` pairs in any order (spamscore, phishscore, malwarescore, bulkscore,
 * classifier, ...). The rule that fired is the verdict: `notspam` and `*_notspam` pass the
 * message; `spam`, `bulk`, `phish`, `malware` (and site-specific rules) flag it.
 */
import type { FilterFamily } from '../family';
import type { FilterVerdict } from '../../types';
import { parseNumber } from '../../decoders/numbers';

export interface ProofpointFacts {
  header: string;
  rule: string;
  policy?: string;
  score?: number;
  scores: Record<string, number>;
  /** `rule=…` through `score=…`, as evidence. */
  text: string;
}

const PAIR = /([a-z][a-z0-9_-]{0,40})=(\S{1,200})/gi;

export const PROOFPOINT: FilterFamily<ProofpointFacts> = {
  id: 'proofpoint',
  filter: 'Proofpoint',
  headers: ['x-proofpoint-spam-details'],
  decode(fields, log) {
    const field = fields[0];
    if (field === undefined) return undefined;
    const pairs = new Map<string, string>();
    PAIR.lastIndex = 0;
    for (let m = PAIR.exec(field.value); m !== null; m = PAIR.exec(field.value)) {
      const key = (m[1] ?? '').toLowerCase();
      if (!pairs.has(key)) pairs.set(key, m[2] ?? '');
    }
    const rule = pairs.get('rule');
    if (rule === undefined) {
      log.add(field.name, 'unreadableValue', 'no rule=');
      return undefined;
    }
    const scores: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const [key, value] of pairs) {
      const n = key.endsWith('score') ? parseNumber(value) : undefined;
      if (n !== undefined) scores[key] = n;
    }
    const text = /rule=\S+(?:\s+policy=\S+)?(?:\s+score=\S+)?/i.exec(field.value)?.[0] ?? `rule=${rule}`;
    const facts: ProofpointFacts = { header: field.name, rule: rule.toLowerCase(), scores, text };
    const policy = pairs.get('policy');
    if (policy !== undefined) facts.policy = policy;
    if (scores['score'] !== undefined) facts.score = scores['score'];
    return facts;
  },
  verdict(facts) {
    const rule = facts.rule;
    const passed = rule === 'notspam' || rule.endsWith('_notspam') || rule === 'safe' || rule.endsWith('_safe');
    const verdict: FilterVerdict = {
      family: 'proofpoint',
      filter: 'Proofpoint',
      evidence: { header: facts.header, value: facts.text },
      flagged: !passed,
      tests: Object.entries(facts.scores).filter(([k, v]) => k !== 'score' && v > 0).map(([name, score]) => ({ name, score })),
    };
    if (facts.score !== undefined) verdict.score = facts.score;
    if (!passed) {
      if (/malware|virus/.test(rule)) verdict.threat = 'malware';
      else if (/phish|impostor/.test(rule)) verdict.threat = 'phishing';
      else if (/bulk/.test(rule)) verdict.threat = 'bulk';
    }
    if (rule.includes('outbound')) verdict.outbound = true;
    return verdict;
  },
};
