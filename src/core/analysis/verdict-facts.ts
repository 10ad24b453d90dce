/** The decoded facts a reader wants next to the findings, in the contract's shape. */
import type { VerdictFacts } from '../../contracts/verdict';
import type { FindingsCatalog } from '../../i18n/findings';
import type { BodyFacts, DecodedFacts } from './types';
import type { DerivedFacts } from './rules/rule-types';

const MAX_LISTED_TESTS = 50;
const MAX_LISTED_HOPS = 50;

export function summarizeFacts(
  facts: DecodedFacts,
  derived: DerivedFacts,
  catalog: FindingsCatalog,
  body: BodyFacts | undefined,
): VerdictFacts {
  const out: VerdictFacts = { hops: [] };
  const set = <K extends keyof VerdictFacts>(key: K, value: VerdictFacts[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  set('from', facts.sender.from?.address);
  set('mailFrom', facts.auth.spf?.properties['smtp.mailfrom'] ?? facts.sender.returnPath?.address);
  set('senderIp', derived.senderIp);
  set('scl', facts.forefront?.scl);
  set('bcl', facts.microsoft.bcl?.level);
  set('pcl', facts.microsoft.pcl?.level);
  set('sfv', facts.forefront?.sfv);
  set('cat', facts.forefront?.cat);
  set('spf', derived.spf?.result);
  set('dkim', facts.auth.dkim[0]?.result);
  set('dmarc', facts.auth.dmarc?.result);
  const ca = facts.auth.compauth;
  if (ca !== undefined) {
    out.compauth = { result: ca.result, meaning: catalog.compauthMeanings[ca.reasonClass] };
    if (ca.reason !== undefined) out.compauth.reason = ca.reason;
  }
  const sa = facts.spamAssassin;
  if (sa !== undefined) {
    out.spamAssassin = {
      tests: sa.tests.slice(0, MAX_LISTED_TESTS).map((t) => (t.score === undefined ? { name: t.name } : { name: t.name, score: t.score })),
    };
    const isSpam = sa.isSpam ?? sa.flag?.value;
    if (isSpam !== undefined) out.spamAssassin.isSpam = isSpam;
    if (sa.score !== undefined) out.spamAssassin.score = sa.score;
    if (sa.required !== undefined) out.spamAssassin.required = sa.required;
  }
  const r = facts.rspamd;
  if (r !== undefined) {
    out.rspamd = {
      symbols: r.symbols.slice(0, MAX_LISTED_TESTS).map((s) => (s.weight === undefined ? { name: s.name } : { name: s.name, weight: s.weight })),
    };
    if (r.isSpam !== undefined) out.rspamd.isSpam = r.isSpam;
    if (r.score !== undefined) out.rspamd.score = r.score;
    if (r.threshold !== undefined) out.rspamd.threshold = r.threshold;
    if (r.action !== undefined) out.rspamd.action = r.action.value;
  }
  out.hops = facts.received.hops.slice(-MAX_LISTED_HOPS).map((h) => {
    const hop: VerdictFacts['hops'][number] = {};
    if (h.from !== undefined) hop.from = h.from;
    if (h.by !== undefined) hop.by = h.by;
    if (h.with !== undefined) hop.with = h.with;
    if (h.ip !== undefined) hop.ip = h.ip;
    if (h.date !== undefined) hop.date = h.date;
    if (h.delaySeconds !== undefined) hop.delaySeconds = h.delaySeconds;
    return hop;
  });
  set('totalDelaySeconds', facts.received.totalDelaySeconds);
  if (body !== undefined) {
    out.body = {
      linkCount: body.linkCount,
      linkDomains: body.linkDomains,
      attachments: body.attachments.map((a) => ({ ...a })),
    };
  }
  return out;
}
