/**
 * Bridges the analyzer to the lists' decision function: the MessageFacts that decide()
 * needs, read from the decoded headers, so the caller can compute "now" and pass it back
 * as `options.lists.now`. Undefined when the headers do not name a sender.
 */
import type { AuthenticationResults, FilterVerdict, MessageFacts } from '../../contracts/lists';
import type { DecodedFacts } from './types';
import { deriveFacts } from './derive';

const CAT_VERDICT: Readonly<Record<string, FilterVerdict>> = {
  NONE: 'none',
  BULK: 'bulk',
  SPM: 'spam',
  OSPM: 'spam',
  INTOS: 'spam',
  HSPM: 'highConfidenceSpam',
  SPOOF: 'spoof',
  PHSH: 'phishing',
  DIMP: 'phishing',
  UIMP: 'phishing',
  GIMP: 'phishing',
  BIMP: 'phishing',
  HPHSH: 'highConfidencePhishing',
  HPHISH: 'highConfidencePhishing',
  MALW: 'malware',
  AMP: 'malware',
  SAP: 'malware',
  FTBP: 'malware',
};

const SPF = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'] as const;
const DKIM = ['pass', 'fail', 'neutral', 'policy', 'none', 'temperror', 'permerror'] as const;
const DMARC = ['pass', 'fail', 'bestguesspass', 'none', 'temperror', 'permerror'] as const;
const COMPAUTH = ['pass', 'fail', 'softpass', 'none'] as const;

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

export function toMessageFacts(facts: DecodedFacts): MessageFacts | undefined {
  const derived = deriveFacts(facts);
  const sender = derived.senderAddress;
  if (sender === undefined || sender.length > 998) return undefined;
  const authentication: AuthenticationResults = {};
  const spf = oneOf(SPF, derived.spf?.result === 'hardfail' ? 'fail' : derived.spf?.result);
  const dkim = oneOf(DKIM, facts.auth.dkim.find((d) => d.result === 'pass')?.result ?? facts.auth.dkim[0]?.result);
  const dmarc = oneOf(DMARC, facts.auth.dmarc?.result);
  const compauth = oneOf(COMPAUTH, facts.auth.compauth?.result);
  if (spf) authentication.spf = spf;
  if (dkim) authentication.dkim = dkim;
  if (dmarc) authentication.dmarc = dmarc;
  if (compauth) authentication.compauth = compauth;
  const out: MessageFacts = { senderAddress: sender, authentication, verdict: verdictOf(facts) };
  if (derived.senderDomain !== undefined) out.senderDomain = derived.senderDomain;
  if (facts.microsoft.bcl !== undefined) out.bcl = facts.microsoft.bcl.level;
  return out;
}

function verdictOf(facts: DecodedFacts): FilterVerdict {
  const cat = facts.forefront?.cat;
  const fromCat = cat === undefined ? undefined : CAT_VERDICT[cat];
  if (fromCat !== undefined) return fromCat;
  const sa = facts.spamAssassin;
  if (sa?.isSpam === true || sa?.flag?.value === true) return 'spam';
  const action = facts.rspamd?.action?.value;
  if (action !== undefined && action !== 'no action' && action !== 'greylist') return 'spam';
  if (facts.rspamd?.isSpam === true) return 'spam';
  return 'none';
}
