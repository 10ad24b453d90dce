/**
 * Why a message is in quarantine, from what the organisation's own filters wrote on it (the
 * analyzer's decoded headers: only fields inside the boundary, never a sender's claims) and,
 * failing that, from the envelope recipient's tag (envelope-tag.ts).
 *
 * Exchange Online Protection (X-Forefront-Antispam-Report, X-MS-Exchange-Organization-SCL):
 * - CAT:MALW, AMP, SAP → malware; CAT:HPHSH, HPHISH → highConfidencePhishing;
 *   CAT:PHSH, SPOOF, UIMP, DIMP, GIMP, BIMP (phishing, spoofing, impersonation) → phishing;
 *   CAT:HSPM → highConfidenceSpam; CAT:SPM, OSPM, INTOS → spam; CAT:BULK → bulk;
 * - SCL 7–9 → highConfidenceSpam; SCL 5–6, or SFV:SPM, BLK, SKB, SKS → spam.
 * Rspamd (X-Spamd-Result, X-Rspamd-Action, X-Spam): virus symbols → malware; phishing symbols
 * carrying the score → phishing; the reject threshold reached (`default: True [16.5 / 15.0]`)
 * or the action reject or discard → highConfidenceSpam; flagged otherwise (add header, quarantine, X-Spam:
 * yes, a score over the tag threshold) → spam.
 * SpamAssassin (X-Spam-Status, X-Spam-Flag) and every other filter family the analyzer reads:
 * its malware, phishing or bulk verdict, else spam when it flagged the message.
 *
 * Several verdicts: the most severe wins (reasons.ts SEVERITY). A tag names the reason when the
 * headers name none, and overrides them only when it is more severe: neither can make the
 * other less strict. With neither, the message was held by the organisation's mail flow for a
 * reason it did not write down: `organisationRule`, which only admins see by default.
 */
import type { ReasonBasis, QuarantineReason } from '../../contracts/quarantine';
import type { DecodedFacts, FilterVerdict, ForefrontFacts, MicrosoftFacts, RspamdFacts } from '../analysis/types';
import { REASON_TAGS, TAG_PREFIX } from './envelope-tag';
import { SEVERITY } from './reasons';

/** The decoded headers reasonFromVerdict reads: the analyzer's DecodedFacts, or any part of them. */
export type VerdictEvidence = Partial<Pick<DecodedFacts, 'forefront' | 'microsoft' | 'rspamd'>> & Pick<DecodedFacts, 'filters'>;

export interface ReasonEvidenceText {
  header: string;
  value: string;
}

export interface ReasonDecision {
  reason: QuarantineReason;
  basis: ReasonBasis;
  /** The header and token (or the envelope tag) the reason rests on; none for the default. */
  evidence?: ReasonEvidenceText;
}

interface Found {
  reason: QuarantineReason;
  evidence: ReasonEvidenceText;
}

const EXCHANGE_CATEGORIES: Readonly<Record<string, QuarantineReason>> = {
  MALW: 'malware',
  AMP: 'malware',
  SAP: 'malware',
  HPHSH: 'highConfidencePhishing',
  HPHISH: 'highConfidencePhishing',
  PHSH: 'phishing',
  SPOOF: 'phishing',
  UIMP: 'phishing',
  DIMP: 'phishing',
  GIMP: 'phishing',
  BIMP: 'phishing',
  HSPM: 'highConfidenceSpam',
  SPM: 'spam',
  OSPM: 'spam',
  INTOS: 'spam',
  BULK: 'bulk',
};
const SPAM_SFV: ReadonlySet<string> = new Set(['SPM', 'BLK', 'SKB', 'SKS']);
const SPAM_GRADES: ReadonlySet<QuarantineReason> = new Set<QuarantineReason>(['spam', 'highConfidenceSpam']);

function exchangeOnline(ff: ForefrontFacts | undefined, ms: MicrosoftFacts | undefined): Found[] {
  const found: Found[] = [];
  if (ff === undefined && ms === undefined) return found;
  if (ff?.dir === 'OUT') return found; // the sender's own outbound filter, not ours
  const category = ff?.cat === undefined ? undefined : EXCHANGE_CATEGORIES[ff.cat];
  if (ff !== undefined && category !== undefined) found.push({ reason: category, evidence: { header: ff.header, value: ff.tokens['CAT']?.text ?? `CAT:${ff.cat ?? ''}` } });
  // A threat category (malware, phishing, bulk) is the verdict; the SCL that goes with it (6 for
  // bulk, say) only grades spam. Spam's grade is its SCL, which a mail flow rule may have raised.
  if (category !== undefined && !SPAM_GRADES.has(category)) return found;
  const orgScl = ms?.orgScl;
  const scl = orgScl?.value ?? ff?.scl;
  const sclEvidence: ReasonEvidenceText | undefined =
    orgScl !== undefined ? { header: orgScl.header, value: orgScl.text } : ff?.tokens['SCL'] !== undefined ? { header: ff.header, value: ff.tokens['SCL'].text } : undefined;
  if (scl !== undefined && scl >= 5 && sclEvidence !== undefined) {
    found.push({ reason: scl >= 7 ? 'highConfidenceSpam' : 'spam', evidence: sclEvidence });
  } else if (ff?.sfv !== undefined && SPAM_SFV.has(ff.sfv)) {
    found.push({ reason: 'spam', evidence: { header: ff.header, value: ff.tokens['SFV']?.text ?? `SFV:${ff.sfv}` } });
  }
  return found;
}

function rspamd(facts: RspamdFacts, verdict: FilterVerdict | undefined): Found[] {
  const found: Found[] = [];
  const evidence = verdict?.evidence ?? { header: facts.header ?? 'X-Spamd-Result', value: facts.metricText ?? '' };
  if (verdict?.threat === 'malware' || verdict?.threat === 'phishing') {
    const symbol = verdict.tests.find((t) => (t.score ?? 0) > 0)?.name;
    found.push({ reason: verdict.threat, evidence: symbol === undefined ? evidence : { header: facts.header ?? evidence.header, value: symbol } });
  }
  const action = facts.action?.value;
  // X-Spamd-Result's `[score / threshold]` names the reject threshold (`True` only says Rspamd
  // took an action at all).
  const rejectScore = facts.score !== undefined && facts.threshold !== undefined && facts.score >= facts.threshold;
  if (action === 'reject' || action === 'discard' || rejectScore) {
    const metric = rejectScore && facts.header !== undefined && facts.metricText !== undefined ? { header: facts.header, value: facts.metricText } : evidence;
    found.push({ reason: 'highConfidenceSpam', evidence: action === 'reject' || action === 'discard' ? evidence : metric });
  } else if (verdict?.flagged === true) {
    found.push({ reason: 'spam', evidence });
  }
  return found;
}

function otherFilter(verdict: FilterVerdict): Found | undefined {
  const reason: QuarantineReason | undefined =
    verdict.threat === 'malware' ? 'malware'
      : verdict.threat === 'phishing' ? 'phishing'
        : verdict.threat === 'bulk' ? 'bulk'
          : verdict.flagged === true ? 'spam'
            : undefined;
  return reason === undefined ? undefined : { reason, evidence: verdict.evidence };
}

/** The most severe reason the headers give, with its evidence; undefined when they give none. */
export function reasonFromHeaders(facts: VerdictEvidence): Found | undefined {
  const found: Found[] = [...exchangeOnline(facts.forefront, facts.microsoft)];
  const rspamdVerdict = facts.filters.find((f) => f.family === 'rspamd');
  if (facts.rspamd !== undefined) found.push(...rspamd(facts.rspamd, rspamdVerdict));
  for (const verdict of facts.filters) {
    if (verdict.family === 'exchangeOnline' || verdict.family === 'rspamd' || verdict.outbound === true) continue;
    const other = otherFilter(verdict);
    if (other !== undefined) found.push(other);
  }
  let best: Found | undefined;
  for (const candidate of found) if (best === undefined || SEVERITY[candidate.reason] > SEVERITY[best.reason]) best = candidate;
  return best;
}

/**
 * The reason a message is quarantined for: from the decoded filter headers, else from the
 * envelope recipient's tag (the more severe of the two when both speak), else organisationRule.
 */
export function reasonFromVerdict(facts: VerdictEvidence, envelopeTag?: QuarantineReason): ReasonDecision {
  const headers = reasonFromHeaders(facts);
  const tagged: ReasonDecision | undefined =
    envelopeTag === undefined ? undefined : { reason: envelopeTag, basis: 'envelopeTag', evidence: { header: 'envelope recipient', value: `${TAG_PREFIX}${REASON_TAGS[envelopeTag]}` } };
  if (headers !== undefined && (tagged === undefined || SEVERITY[headers.reason] >= SEVERITY[tagged.reason])) {
    return { reason: headers.reason, basis: 'headers', evidence: headers.evidence };
  }
  return tagged ?? { reason: 'organisationRule', basis: 'default' };
}
