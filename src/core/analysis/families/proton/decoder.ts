/**
 * Proton Mail: X-Pm-Spamscore (an integer; 0 on ordinary mail) and X-Pm-Spam-Action, the
 * action Proton's filter (Rspamd underneath) chose: `dunno` or `inbox` when it did nothing,
 * else `spam`, `phishing`, `reject`, `quarantine`, `add header` ... Any action beyond "none"
 * means the message was flagged.
 */
import type { FilterFamily } from '../family';
import type { FilterAction, FilterVerdict } from '../../types';
import { head, newest, type Stamp } from '../shared';

export const PROTON_FILTER = 'Proton Mail';

export interface ProtonFacts {
  score?: Stamp<number>;
  /** The action, lower-cased, blanks collapsed. */
  action?: Stamp<string>;
}

/** Actions that are "nothing done". */
const NONE = new Set(['dunno', 'no action', 'none', 'inbox', 'ham']);
interface Meaning {
  action?: FilterAction;
  threat?: FilterVerdict['threat'];
  flagged?: boolean;
}
const KNOWN: ReadonlyMap<string, Meaning> = new Map<string, Meaning>([
  ['reject', { action: 'reject', flagged: true }],
  ['discard', { action: 'reject', flagged: true }],
  ['quarantine', { action: 'quarantine', flagged: true }],
  ['spam', { action: 'junk', flagged: true }],
  ['junk', { action: 'junk', flagged: true }],
  ['phishing', { action: 'junk', flagged: true, threat: 'phishing' }],
  ['add header', { action: 'tag', flagged: true }],
  ['rewrite subject', { action: 'tag', flagged: true }],
  // Rspamd's temporary actions: a delay, not a judgement.
  ['greylist', { action: 'defer' }],
  ['soft reject', { action: 'defer' }],
]);

export const PROTON: FilterFamily<ProtonFacts> = {
  id: 'proton',
  filter: PROTON_FILTER,
  headers: ['x-pm-spamscore', 'x-pm-spam-action'],
  decode(fields, log) {
    const facts: ProtonFacts = {};
    const scoreField = newest(fields, 'x-pm-spamscore');
    const actionField = newest(fields, 'x-pm-spam-action');
    if (scoreField !== undefined) {
      const text = scoreField.value.trim();
      if (/^[+-]?\d{1,9}$/.test(head(text, 20)) && text.length <= 20) facts.score = { header: scoreField.name, value: Number(text), text };
      else log.add(scoreField.name, 'unreadableValue', text);
    }
    if (actionField !== undefined) {
      const text = actionField.value.trim();
      const value = head(text, 60).toLowerCase().replace(/[\s_]+/g, ' ');
      if (text.length === 0 || text.length > 60) log.add(actionField.name, 'unreadableValue', text);
      else {
        if (!NONE.has(value) && !KNOWN.has(value)) log.add(actionField.name, 'unknownValue', text);
        facts.action = { header: actionField.name, value, text };
      }
    }
    return facts.score === undefined && facts.action === undefined ? undefined : facts;
  },
  verdict(facts) {
    const action = facts.action;
    const evidence = action ?? facts.score;
    if (evidence === undefined) return undefined;
    const verdict: FilterVerdict = { family: 'proton', filter: PROTON_FILTER, evidence: { header: evidence.header, value: evidence.text }, tests: [] };
    if (facts.score !== undefined) verdict.score = facts.score.value;
    if (action !== undefined) {
      if (NONE.has(action.value)) {
        verdict.flagged = false;
        if (action.value === 'inbox') verdict.action = 'deliver';
      } else {
        // Unknown actions count as flagged: Proton writes the header only to say what it did.
        const known = KNOWN.get(action.value) ?? { flagged: true };
        if (known.flagged !== undefined) verdict.flagged = known.flagged;
        if (known.action !== undefined) verdict.action = known.action;
        if (known.threat !== undefined) verdict.threat = known.threat;
      }
    } else if (facts.score !== undefined && facts.score.value <= 0) verdict.flagged = false;
    return verdict;
  },
};
