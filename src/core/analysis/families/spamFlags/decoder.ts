/**
 * The one- or two-header "this is spam" stamps of smaller filters, each a family of its own
 * (a message can carry several: a sender's GMX outbound stamp and its recipient's Gandi one):
 * - X-Rspam-Status / X-Rspam-Flag: a site's Rspamd with its headers renamed, SpamAssassin's
 *   format (`Yes, score=15.20 required=5.0`, `YES`);
 * - X-VA-Spam-Flag: SourceForge's list servers (VA Software's SpamAssassin), `YES` / `NO`;
 * - X-GND-Status (`SPAM` / `LEGIT`) and X-GND-Spam-Score: Gandi's mail relays;
 * - X-Spam-Info (`Spam : YES`), X-hMailServer-Spam and X-hMailServer-Reason-Score: hMailServer;
 * - X-UI-Out-Filterresults (outbound) and X-UI-Filterresults (inbound): GMX, WEB.DE and 1&1,
 *   `notjunk:1;V03:K0:…`, `junk:10;…`, `unknown:2;…`.
 */
import type { FilterFamily } from '../family';
import type { FilterVerdict, HeaderField, SpamAssassinFacts } from '../../types';
import type { ProblemLog } from '../../problem-log';
import { parseNumber } from '../../decoders/numbers';
import { parseSpamStatus } from '../../decoders/spamassassin';
import { head, newest, type Stamp } from '../shared';

/** `YES` / `NO` (and `true` / `false`), exactly as written. */
function yesNo(field: HeaderField, log: ProblemLog): Stamp<boolean> | undefined {
  const text = field.value.trim();
  const v = text.toLowerCase();
  if (v === 'yes' || v === 'true') return { header: field.name, value: true, text };
  if (v === 'no' || v === 'false') return { header: field.name, value: false, text };
  log.add(field.name, 'unknownValue', head(text, 80));
  return undefined;
}

function numberOf(field: HeaderField, log: ProblemLog): Stamp<number> | undefined {
  const text = field.value.trim();
  const n = parseNumber(head(text, 40));
  if (n !== undefined) return { header: field.name, value: n, text };
  log.add(field.name, 'unreadableValue', head(text, 80));
  return undefined;
}

function base(family: string, filter: string, evidence: { header: string; text: string }): FilterVerdict {
  return { family, filter, evidence: { header: evidence.header, value: evidence.text }, tests: [] };
}

// ---- X-Rspam-Status / X-Rspam-Flag --------------------------------------------------------

export const RSPAM_FILTER = 'Rspamd (X-Rspam-Status)';

export interface RspamFacts {
  status?: SpamAssassinFacts;
  flag?: Stamp<boolean>;
}

export const RSPAM_STATUS: FilterFamily<RspamFacts> = {
  id: 'rspamStatus',
  filter: RSPAM_FILTER,
  headers: ['x-rspam-status', 'x-rspam-flag'],
  decode(fields, log) {
    const facts: RspamFacts = {};
    const status = newest(fields, 'x-rspam-status');
    const flag = newest(fields, 'x-rspam-flag');
    if (status !== undefined) facts.status = parseSpamStatus(status, log);
    const f = flag === undefined ? undefined : yesNo(flag, log);
    if (f !== undefined) facts.flag = f;
    return facts.status === undefined && facts.flag === undefined ? undefined : facts;
  },
  verdict(facts) {
    const s = facts.status;
    const flagged = s?.isSpam ?? facts.flag?.value ?? (s?.score !== undefined && s.required !== undefined ? s.score >= s.required : undefined);
    const evidence = s?.scoreText !== undefined ? { header: s.header, text: s.scoreText } : facts.flag ?? (s === undefined ? undefined : { header: s.header, text: '' });
    if (evidence === undefined) return undefined;
    const verdict = base('rspamStatus', RSPAM_FILTER, evidence);
    verdict.tests = s?.tests ?? [];
    if (flagged !== undefined) verdict.flagged = flagged;
    if (s?.score !== undefined) verdict.score = s.score;
    if (s?.required !== undefined) verdict.threshold = s.required;
    return verdict;
  },
};

// ---- X-VA-Spam-Flag -----------------------------------------------------------------------

export const VA_FILTER = 'SourceForge SpamAssassin (X-VA-Spam-Flag)';

export const VA_SPAM_FLAG: FilterFamily<Stamp<boolean>> = {
  id: 'vaSpamFlag',
  filter: VA_FILTER,
  headers: ['x-va-spam-flag'],
  decode(fields, log) {
    const field = fields[0];
    return field === undefined ? undefined : yesNo(field, log);
  },
  verdict(flag) {
    const verdict = base('vaSpamFlag', VA_FILTER, flag);
    verdict.flagged = flag.value;
    // The list server tags the subject ([SPAM]) and passes the message on.
    if (flag.value) verdict.action = 'tag';
    return verdict;
  },
};

// ---- Gandi --------------------------------------------------------------------------------

export const GANDI_FILTER = 'Gandi';

export interface GandiFacts {
  status?: Stamp<'spam' | 'legit'>;
  score?: Stamp<number>;
}

export const GANDI: FilterFamily<GandiFacts> = {
  id: 'gandi',
  filter: GANDI_FILTER,
  headers: ['x-gnd-status', 'x-gnd-spam-score'],
  decode(fields, log) {
    const facts: GandiFacts = {};
    const status = newest(fields, 'x-gnd-status');
    const score = newest(fields, 'x-gnd-spam-score');
    if (status !== undefined) {
      const text = status.value.trim();
      const v = text.toLowerCase();
      if (v === 'spam' || v === 'legit') facts.status = { header: status.name, value: v, text };
      else log.add(status.name, 'unknownValue', head(text, 80));
    }
    const s = score === undefined ? undefined : numberOf(score, log);
    if (s !== undefined) facts.score = s;
    return facts.status === undefined && facts.score === undefined ? undefined : facts;
  },
  verdict(facts) {
    // The score's scale is Gandi's own (300 and 400 come with SPAM): only the status is a verdict.
    if (facts.status === undefined) return undefined;
    const verdict = base('gandi', GANDI_FILTER, facts.status);
    verdict.flagged = facts.status.value === 'spam';
    if (facts.score !== undefined) verdict.score = facts.score.value;
    return verdict;
  },
};

// ---- hMailServer --------------------------------------------------------------------------

export const HMAILSERVER_FILTER = 'hMailServer';

export interface HMailServerFacts {
  spam?: Stamp<boolean>;
  score?: Stamp<number>;
}

const SPAM_INFO = /^spam[ \t]*:[ \t]*(yes|no)\b/i;

export const HMAILSERVER: FilterFamily<HMailServerFacts> = {
  id: 'hMailServer',
  filter: HMAILSERVER_FILTER,
  headers: ['x-spam-info', 'x-hmailserver-spam', 'x-hmailserver-reason-score'],
  decode(fields, log) {
    const facts: HMailServerFacts = {};
    const info = newest(fields, 'x-spam-info');
    const spam = newest(fields, 'x-hmailserver-spam');
    const score = newest(fields, 'x-hmailserver-reason-score');
    if (info !== undefined) {
      const m = SPAM_INFO.exec(head(info.value, 40));
      if (m?.[1] !== undefined) facts.spam = { header: info.name, value: m[1].toLowerCase() === 'yes', text: m[0] };
      else log.add(info.name, 'unknownValue', head(info.value, 80));
    }
    if (facts.spam === undefined && spam !== undefined) {
      const s = yesNo(spam, log);
      if (s !== undefined) facts.spam = s;
    }
    const n = score === undefined ? undefined : numberOf(score, log);
    if (n !== undefined) facts.score = n;
    return facts.spam === undefined && facts.score === undefined ? undefined : facts;
  },
  verdict(facts) {
    if (facts.spam === undefined) return undefined;
    const verdict = base('hMailServer', HMAILSERVER_FILTER, facts.spam);
    verdict.flagged = facts.spam.value;
    if (facts.score !== undefined) verdict.score = facts.score.value;
    return verdict;
  },
};

// ---- GMX / WEB.DE (United Internet) -------------------------------------------------------

export const UNITED_INTERNET_FILTER = 'GMX / WEB.DE';

export interface UnitedInternetFacts {
  /** `notjunk`, `junk` or `unknown`, with its count. */
  result: Stamp<{ word: string; count: number }>;
  outbound: boolean;
}

const UI_RESULT = /^([a-z]{1,20}):(\d{1,6})(?=;|\s|$)/i;
const UI_WORDS = new Set(['notjunk', 'junk', 'unknown']);

function readUi(field: HeaderField, log: ProblemLog): UnitedInternetFacts | undefined {
  const m = UI_RESULT.exec(head(field.value, 40));
  const word = m?.[1]?.toLowerCase();
  if (m === null || word === undefined || !UI_WORDS.has(word)) {
    log.add(field.name, 'unknownValue', head(field.value, 80));
    return undefined;
  }
  return { result: { header: field.name, value: { word, count: Number(m[2]) }, text: m[0] }, outbound: field.lowerName === 'x-ui-out-filterresults' };
}

export const UNITED_INTERNET: FilterFamily<UnitedInternetFacts> = {
  id: 'unitedInternet',
  filter: UNITED_INTERNET_FILTER,
  headers: ['x-ui-filterresults', 'x-ui-out-filterresults'],
  decode(fields, log) {
    // The recipient side's inbound stamp, when there is one, over the sender's outbound one.
    const inbound = newest(fields, 'x-ui-filterresults');
    const outbound = newest(fields, 'x-ui-out-filterresults');
    return (inbound === undefined ? undefined : readUi(inbound, log)) ?? (outbound === undefined ? undefined : readUi(outbound, log));
  },
  verdict(facts) {
    const { word, count } = facts.result.value;
    const verdict = base('unitedInternet', UNITED_INTERNET_FILTER, facts.result);
    if (word === 'notjunk') verdict.flagged = false;
    else if (word === 'junk') verdict.flagged = count > 0;
    if (facts.outbound) verdict.outbound = true;
    return verdict;
  },
};

