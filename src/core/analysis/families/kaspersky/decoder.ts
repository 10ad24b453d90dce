/**
 * Kaspersky's mail filters: Secure Mail Gateway (X-KSMG-*), Security for Linux Mail Server
 * (X-KLMS-*, the same shapes) and Security for Microsoft Exchange (X-KSE-*):
 * - X-KSMG-AntiSpam-Status: `not_detected`, `not scanned, disabled by settings`, or a
 *   detection (`spam`, `probable_spam`, `mass_mail`, `detected` ...); X-KSE-AntiSpam-Status:
 *   `KAS_STATUS_NOT_DETECTED`, `KAS_STATUS_SPAM` ...;
 * - X-KSMG-AntiPhishing / X-KSE-Antiphishing-Info: `Clean`, `NotDetected`, or `Phishing`,
 *   `Detected`;
 * - X-KSMG-AntiVirus-Status / X-KSE-Antivirus-Info: `Clean, skipped`, `Clean, bases: …`, or
 *   `Infected`, `Detected` ...;
 * - X-KSMG-AntiSpam-Rate: a number (not a verdict: 59 appears on mail it passed);
 * - X-KSMG-Message-Action: `clean`, `skipped`, or what it did (`rejected`, `quarantined` ...).
 * `not scanned` and `skipped` say nothing either way.
 */
import type { FilterFamily } from '../family';
import type { FilterAction, FilterVerdict, HeaderField } from '../../types';
import type { ProblemLog } from '../../problem-log';
import { parseNumber } from '../../decoders/numbers';
import { decodeEncodedWords } from '../../encoded-words';
import { firstSegment, head, letters, type Stamp } from '../shared';

export const KASPERSKY_FILTER = 'Kaspersky';

type Check = 'spam' | 'phishing' | 'virus' | 'rate' | 'action';

/** What each header reports, for all three products. */
const CHECK_OF: ReadonlyMap<string, Check> = new Map<string, Check>([
  ...['ksmg', 'klms'].flatMap((p) => [
    [`x-${p}-antispam-status`, 'spam'],
    [`x-${p}-antiphishing`, 'phishing'],
    [`x-${p}-antivirus-status`, 'virus'],
    [`x-${p}-antispam-rate`, 'rate'],
    [`x-${p}-message-action`, 'action'],
  ] as const),
  ['x-kse-antispam-status', 'spam'],
  ['x-kse-antiphishing-info', 'phishing'],
  ['x-kse-antivirus-info', 'virus'],
  ['x-kse-antispam-rate', 'rate'],
]);

/** A status: `clean` (scanned, nothing found), `neutral` (not scanned), or what was found. */
export type KasperskyFinding = 'clean' | 'neutral' | 'spam' | 'bulk' | 'phishing' | 'malware';

export interface KasperskyFacts {
  spam?: Stamp<KasperskyFinding>;
  phishing?: Stamp<KasperskyFinding>;
  virus?: Stamp<KasperskyFinding>;
  rate?: Stamp<number>;
  action?: Stamp<string>;
}

const CLEAN = new Set(['notdetected', 'clean', 'nonspam', 'notspam', 'ok', 'none', 'notinfected']);
const NEUTRAL = new Set(['notscanned', 'skipped', 'disabled', 'error', 'unknown']);
const SPAM: ReadonlyMap<string, KasperskyFinding> = new Map<string, KasperskyFinding>([
  ['spam', 'spam'], ['detected', 'spam'], ['probablespam', 'spam'], ['probable', 'spam'], ['blacklisted', 'spam'],
  ['blocklisted', 'spam'], ['dnsbl', 'spam'], ['mass', 'bulk'], ['massmail', 'bulk'], ['massmailing', 'bulk'], ['formal', 'bulk'],
]);
const FOUND: Readonly<Record<'phishing' | 'virus', ReadonlySet<string>>> = {
  phishing: new Set(['phishing', 'detected', 'suspicious', 'malicious']),
  virus: new Set(['infected', 'detected', 'virus', 'malware', 'probablyinfected', 'suspicious', 'malicious']),
};

/** `KAS_STATUS_NOT_DETECTED`, `Not_Detected`, `not scanned, disabled by settings` → a finding. */
function classify(check: 'spam' | 'phishing' | 'virus', text: string): KasperskyFinding | undefined {
  let word = letters(firstSegment(text, ','));
  if (word.startsWith('kasstatus')) word = word.slice('kasstatus'.length);
  if (CLEAN.has(word)) return 'clean';
  if (NEUTRAL.has(word)) return 'neutral';
  if (check === 'spam') return SPAM.get(word);
  if (FOUND[check].has(word)) return check === 'phishing' ? 'phishing' : 'malware';
  return undefined;
}

const ACTIONS: ReadonlyMap<string, FilterAction | 'none'> = new Map<string, FilterAction | 'none'>([
  ['clean', 'none'], ['skipped', 'none'], ['delivered', 'deliver'], ['passed', 'none'],
  ['rejected', 'reject'], ['reject', 'reject'], ['deleted', 'reject'], ['delete', 'reject'], ['blocked', 'reject'],
  ['quarantined', 'quarantine'], ['quarantine', 'quarantine'], ['backup', 'quarantine'],
  ['markedasspam', 'tag'], ['tagged', 'tag'], ['modified', 'tag'],
]);

function read(field: HeaderField, check: Check, facts: KasperskyFacts, log: ProblemLog): void {
  const raw = field.value.trim();
  // Kaspersky for Exchange may write its status as an encoded word (=?us-ascii?Q?Clean,_bases…?=).
  const text = raw.startsWith('=?') ? decodeEncodedWords(head(raw, 400), field.name, log) : raw;
  if (check === 'rate') {
    const n = parseNumber(head(text, 40));
    if (n !== undefined) facts.rate = { header: field.name, value: n, text: raw };
    else log.add(field.name, 'unreadableValue', head(raw, 80));
    return;
  }
  if (check === 'action') {
    if (ACTIONS.has(letters(firstSegment(text, ',')))) facts.action = { header: field.name, value: letters(firstSegment(text, ',')), text: raw };
    else log.add(field.name, 'unknownValue', head(raw, 80));
    return;
  }
  const finding = classify(check, text);
  if (finding === undefined) log.add(field.name, 'unknownValue', head(raw, 80));
  else facts[check] ??= { header: field.name, value: finding, text: raw };
}

export const KASPERSKY: FilterFamily<KasperskyFacts> = {
  id: 'kaspersky',
  filter: KASPERSKY_FILTER,
  headers: [...CHECK_OF.keys()],
  decode(fields, log) {
    const facts: KasperskyFacts = {};
    // Newest first: the first of each check decides (`??=` in read).
    for (const field of fields) {
      const check = CHECK_OF.get(field.lowerName);
      if (check === 'rate' && facts.rate !== undefined) continue;
      if (check === 'action' && facts.action !== undefined) continue;
      if (check !== undefined) read(field, check, facts, log);
    }
    const said = facts.spam ?? facts.phishing ?? facts.virus ?? facts.rate ?? facts.action;
    return said === undefined ? undefined : facts;
  },
  verdict(facts) {
    const found = [facts.virus, facts.phishing, facts.spam].find((s) => s !== undefined && s.value !== 'clean' && s.value !== 'neutral');
    const action = facts.action === undefined ? undefined : ACTIONS.get(facts.action.value);
    // Only an anti-spam scan that ran says "not spam"; a clean virus scan is no verdict on spam.
    const decisive = found ?? (facts.spam?.value === 'clean' ? facts.spam : undefined);
    if (decisive === undefined) return undefined;
    const verdict: FilterVerdict = {
      family: 'kaspersky',
      filter: KASPERSKY_FILTER,
      evidence: { header: decisive.header, value: decisive.text },
      flagged: found !== undefined,
      tests: [],
    };
    if (found?.value === 'malware') verdict.threat = 'malware';
    else if (found?.value === 'phishing') verdict.threat = 'phishing';
    else if (found?.value === 'bulk') verdict.threat = 'bulk';
    if (action !== undefined && action !== 'none') verdict.action = action;
    if (facts.rate !== undefined) verdict.score = facts.rate.value;
    return verdict;
  },
};
