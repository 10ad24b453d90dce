/**
 * What happened to the message then, from the most specific evidence to the least: the
 * mailbox's own delivery record, Rspamd's action, the EOP verdict, SpamAssassin's flag.
 * An ordered table of (predicate, action); the first that applies wins.
 */
import type { Evidence, OutcomeAction } from '../../contracts/verdict';
import type { DecodedFacts, FilterAction } from './types';

interface OutcomeRule {
  action: OutcomeAction;
  when(facts: DecodedFacts): Evidence | undefined;
}

const token = (facts: DecodedFacts, key: string, values: readonly string[]): Evidence | undefined => {
  const ff = facts.forefront;
  const t = ff?.tokens[key];
  return ff !== undefined && t !== undefined && values.includes(t.value)
    ? { header: ff.header, value: t.text } : undefined;
};

const dest = (facts: DecodedFacts, value: string): Evidence | undefined => {
  const md = facts.microsoft.mailboxDelivery;
  const t = md?.tokens['dest'];
  return md !== undefined && t !== undefined && t.value.toUpperCase() === value ? { header: md.header, value: t.text } : undefined;
};

const rspamdAction = (facts: DecodedFacts, values: readonly string[]): Evidence | undefined => {
  const a = facts.rspamd?.action;
  return a !== undefined && values.includes(a.value) ? { header: a.header, value: a.value } : undefined;
};

const sclAtLeast = (facts: DecodedFacts, min: number): Evidence | undefined => {
  const scl = facts.forefront?.scl;
  return scl !== undefined && scl >= min ? token(facts, 'SCL', [String(scl)]) : undefined;
};

const saFlagged = (facts: DecodedFacts, spam: boolean): Evidence | undefined => {
  const sa = facts.spamAssassin;
  if (sa?.flag !== undefined && sa.flag.value === spam) return { header: sa.flag.header, value: sa.flag.text };
  if (sa?.isSpam === spam) return { header: sa.header, value: spam ? 'Yes' : 'No' };
  const x = facts.rspamd?.xSpam;
  return x !== undefined && x.value === spam ? { header: x.header, value: x.text } : undefined;
};

// Exchange Online, SpamAssassin and Rspamd have their own rows above and below; every other
// family (families/) reports its action in one shape, and the newest one written inside the
// boundary decides.
const BUILT_IN_FAMILIES: ReadonlySet<string> = new Set(['exchangeOnline', 'spamAssassin', 'rspamd']);

const familyAction = (facts: DecodedFacts, actions: readonly FilterAction[]): Evidence | undefined => {
  const v = facts.filters.find((f) => f.outbound !== true && !BUILT_IN_FAMILIES.has(f.family) && f.action !== undefined);
  return v?.action !== undefined && actions.includes(v.action) ? { header: v.evidence.header, value: v.evidence.value } : undefined;
};

const OUTCOME_RULES: readonly OutcomeRule[] = [
  { action: 'releasedFromQuarantine', when: (f) => token(f, 'SFV', ['SKQ']) },
  { action: 'junk', when: (f) => dest(f, 'J') },
  { action: 'inbox', when: (f) => dest(f, 'I') },
  { action: 'customFolder', when: (f) => dest(f, 'C') },
  { action: 'rejected', when: (f) => rspamdAction(f, ['reject', 'soft reject', 'discard']) },
  { action: 'quarantine', when: (f) => rspamdAction(f, ['quarantine']) },
  { action: 'deferred', when: (f) => rspamdAction(f, ['greylist']) },
  { action: 'flaggedAsSpam', when: (f) => rspamdAction(f, ['add header', 'rewrite subject']) },
  { action: 'inbox', when: (f) => rspamdAction(f, ['no action']) },
  { action: 'rejected', when: (f) => familyAction(f, ['reject']) },
  { action: 'quarantine', when: (f) => familyAction(f, ['quarantine']) },
  { action: 'junk', when: (f) => familyAction(f, ['junk']) },
  { action: 'deferred', when: (f) => familyAction(f, ['defer']) },
  { action: 'flaggedAsSpam', when: (f) => familyAction(f, ['tag']) },
  { action: 'inbox', when: (f) => familyAction(f, ['deliver']) },
  // Default policies quarantine malware and high-confidence phishing.
  { action: 'quarantine', when: (f) => token(f, 'CAT', ['MALW', 'AMP', 'SAP', 'FTBP', 'HPHSH', 'HPHISH']) },
  { action: 'junk', when: (f) => token(f, 'SFV', ['BLK']) },
  { action: 'junkOrQuarantine', when: (f) => token(f, 'SFV', ['SPM', 'SKS', 'SKB']) ?? sclAtLeast(f, 5) },
  { action: 'flaggedAsSpam', when: (f) => saFlagged(f, true) },
  { action: 'inbox', when: (f) => token(f, 'SFV', ['NSPM', 'SFE', 'SKA', 'SKN', 'SKI']) },
  { action: 'inbox', when: (f) => saFlagged(f, false) },
];

const BLOCKING: ReadonlySet<OutcomeAction> = new Set([
  'junk', 'quarantine', 'junkOrQuarantine', 'rejected', 'flaggedAsSpam', 'releasedFromQuarantine',
]);

export interface ThenOutcome {
  action: OutcomeAction;
  evidence?: Evidence;
  /** true/false when the headers say; undefined when they do not. */
  blocked?: boolean;
}

export function outcomeOf(facts: DecodedFacts): ThenOutcome {
  for (const rule of OUTCOME_RULES) {
    const evidence = rule.when(facts);
    if (evidence !== undefined) {
      return { action: rule.action, evidence, blocked: BLOCKING.has(rule.action) };
    }
  }
  return { action: 'unknown' };
}
