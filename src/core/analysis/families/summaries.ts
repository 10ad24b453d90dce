/**
 * The three filter families with detailed rules of their own (Exchange Online, SpamAssassin,
 * Rspamd) summarised into the common FilterVerdict: what the generic rules use to quote a
 * filter written outside the boundary, and to name a filter that acted when no detailed rule
 * explained it.
 */
import type { FilterAction, FilterVerdict, ForefrontFacts, MicrosoftFacts, RspamdFacts, SpamAssassinFacts } from '../types';

/** The families the judge has detailed rules for; the generic rules stand back for them. */
export const DETAILED_FAMILIES: ReadonlySet<string> = new Set(['exchangeOnline', 'spamAssassin', 'rspamd']);

const MALWARE_CAT = ['MALW', 'AMP', 'SAP'];
const PHISH_CAT = ['PHSH', 'HPHSH', 'HPHISH', 'SPOOF', 'UIMP', 'DIMP', 'GIMP', 'BIMP'];
const SPAM_CAT = ['SPM', 'HSPM', 'OSPM', 'INTOS', 'BULK', ...PHISH_CAT, ...MALWARE_CAT];
const ALLOW_SFV = ['SFE', 'SKA', 'SKN', 'SKI'];
const BLOCK_SFV = ['BLK', 'SKB', 'SKS'];

export function exchangeOnlineVerdict(ff: ForefrontFacts | undefined, ms: MicrosoftFacts): FilterVerdict | undefined {
  const delivery = ms.mailboxDelivery;
  if (ff === undefined && delivery === undefined) return undefined;
  const cat = ff?.cat;
  const sfv = ff?.sfv;
  const header = ff?.header ?? delivery?.header ?? 'X-Forefront-Antispam-Report';
  const token = (key: string): string | undefined => ff?.tokens[key]?.text;
  const evidenceText =
    (cat !== undefined && cat !== 'NONE' ? token('CAT') : undefined) ?? token('SFV') ?? token('SCL') ?? delivery?.tokens['dest']?.text ?? '';
  const verdict: FilterVerdict = {
    family: 'exchangeOnline',
    filter: 'Exchange Online Protection',
    evidence: { header: ff === undefined ? (delivery?.header ?? header) : header, value: evidenceText },
    tests: [],
  };
  if (cat !== undefined && MALWARE_CAT.includes(cat)) verdict.threat = 'malware';
  else if (cat !== undefined && PHISH_CAT.includes(cat)) verdict.threat = 'phishing';
  else if (cat === 'BULK') verdict.threat = 'bulk';
  if (sfv !== undefined && ALLOW_SFV.includes(sfv)) verdict.list = 'allow';
  else if (sfv !== undefined && BLOCK_SFV.includes(sfv)) verdict.list = 'block';
  else if (ff?.ipv === 'CAL') verdict.list = 'allow';
  const scl = ms.orgScl?.value ?? ff?.scl;
  const flagged = sfv === 'SPM' || (cat !== undefined && SPAM_CAT.includes(cat)) || (scl !== undefined && scl >= 5) || delivery?.dest === 'J';
  if (flagged) verdict.flagged = true;
  else if (sfv === 'NSPM' || (scl !== undefined && scl <= 1)) verdict.flagged = false;
  const dest = delivery?.dest;
  if (dest === 'J') verdict.action = 'junk';
  else if (dest === 'I') verdict.action = 'deliver';
  else if (verdict.threat === 'malware' || cat === 'HPHSH' || cat === 'HPHISH') verdict.action = 'quarantine';
  if (scl !== undefined) verdict.score = scl;
  if (ff?.dir === 'OUT') verdict.outbound = true;
  return verdict;
}

const SA_WELCOMELIST = /^USER_IN_(DEF_)?(WELCOMELIST|WHITELIST)(_TO)?$/;
const SA_BLOCKLIST = /^USER_IN_(BLOCKLIST|BLACKLIST)(_TO)?$/;

export function spamAssassinVerdict(sa: SpamAssassinFacts): FilterVerdict {
  const flagged = sa.isSpam ?? sa.flag?.value ?? (sa.score !== undefined && sa.required !== undefined ? sa.score >= sa.required : undefined);
  const verdict: FilterVerdict = {
    family: 'spamAssassin',
    filter: sa.filter ?? 'SpamAssassin',
    evidence: sa.scoreText !== undefined
      ? { header: sa.header, value: sa.scoreText }
      : sa.flag !== undefined ? { header: sa.flag.header, value: sa.flag.text } : { header: sa.header, value: flagged === true ? 'Yes' : flagged === false ? 'No' : '' },
    tests: sa.tests,
  };
  if (flagged !== undefined) verdict.flagged = flagged;
  if (flagged === true) verdict.action = 'tag';
  if (sa.score !== undefined) verdict.score = sa.score;
  if (sa.required !== undefined) verdict.threshold = sa.required;
  if (sa.tests.some((t) => SA_WELCOMELIST.test(t.name))) verdict.list = 'allow';
  else if (sa.tests.some((t) => SA_BLOCKLIST.test(t.name))) verdict.list = 'block';
  return verdict;
}

const RSPAMD_ACTION: Readonly<Record<string, FilterAction>> = {
  reject: 'reject',
  'soft reject': 'defer',
  discard: 'reject',
  quarantine: 'quarantine',
  'add header': 'tag',
  'rewrite subject': 'tag',
  greylist: 'defer',
  'no action': 'deliver',
};
/** Rspamd's default add_header threshold: what a score alone (no action header) is judged by. */
export const RSPAMD_DEFAULT_TAG_SCORE = 6;
const RSPAMD_PHISH = /^(PHISHING|PHISHED_\w+|SPOOF_DISPLAY_NAME|DBL_PHISH|PH_SURBL_MULTI|GOOGLE_SAFEBROWSING)$/;
const RSPAMD_VIRUS = /VIRUS|^JUST_EICAR$|^CLAM_|^F_PROT|^SOPHOS_|^KASPERSKY_/;

export function rspamdVerdict(r: RspamdFacts): FilterVerdict {
  const action = r.action === undefined ? undefined : RSPAMD_ACTION[r.action.value];
  // `default: False [score / threshold]` compares against the reject threshold only; X-Spam
  // (written at the add-header threshold) says whether Rspamd flagged it.
  const flagged =
    action !== undefined ? action === 'reject' || action === 'quarantine' || action === 'tag'
      : r.xSpam?.value ?? r.isSpam ?? (r.score !== undefined ? r.score >= (r.threshold ?? RSPAMD_DEFAULT_TAG_SCORE) : undefined);
  const evidence =
    r.action !== undefined ? { header: r.action.header, value: r.action.value }
      : r.header !== undefined && r.metricText !== undefined ? { header: r.header, value: r.metricText }
        : r.xSpam !== undefined ? { header: r.xSpam.header, value: r.xSpam.text } : { header: r.header ?? 'X-Spamd-Result', value: '' };
  const scored = r.symbols.filter((s) => s.weight === undefined || s.weight > 0);
  const verdict: FilterVerdict = {
    family: 'rspamd',
    filter: 'Rspamd',
    evidence,
    tests: r.symbols.map((s) => (s.weight === undefined ? { name: s.name } : { name: s.name, score: s.weight })),
  };
  if (flagged !== undefined) verdict.flagged = flagged;
  if (action !== undefined) verdict.action = action;
  if (r.score !== undefined) verdict.score = r.score;
  if (r.threshold !== undefined) verdict.threshold = r.threshold;
  if (scored.some((s) => RSPAMD_VIRUS.test(s.name))) verdict.threat = 'malware';
  else if (phishingDominates(r.symbols)) verdict.threat = 'phishing';
  return verdict;
}

/**
 * Phishing symbols decide the verdict only when they carry a large share of the score: Rspamd's
 * PHISHING fires on any link whose text names another domain, which plenty of newsletters do;
 * it is the cause when it (or a listed phishing link, an imitated display name) weighs most.
 */
export function phishingDominates(symbols: readonly { name: string; weight?: number }[]): boolean {
  let phishing = 0;
  let total = 0;
  for (const s of symbols) {
    const weight = s.weight ?? 0;
    if (weight <= 0) continue;
    total += weight;
    if (RSPAMD_PHISH.test(s.name)) phishing += weight;
  }
  return phishing > 0 && phishing >= total * PHISHING_SHARE;
}

/** The share of the positive score phishing symbols need to be the verdict. */
const PHISHING_SHARE = 0.4;
