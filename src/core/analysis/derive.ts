/** Values many rules need, computed once per message from the decoded facts. */
import type { DecodedFacts } from './types';
import type { DerivedFacts } from './rules/rule-types';
import { CONFIGURED_SFV } from './rules/microsoft-verdict-rules';
import { domainOf } from './rules/helpers';
import { isInternalIp } from '../net/addresses';

export function deriveFacts(facts: DecodedFacts): DerivedFacts {
  const { auth, sender, forefront } = facts;
  // Received-SPF is parsed only when Authentication-Results lacks the value (the `??`).
  const mailFrom = auth.spf?.properties['smtp.mailfrom'] ?? (auth.spf === undefined ? auth.receivedSpf[0]?.envelopeFrom : undefined);
  const derived: DerivedFacts = {
    bulkActed: forefront?.cat === 'BULK' || forefront?.srv === 'BULK',
    authPassed:
      auth.dmarc?.result === 'pass' || auth.dmarc?.result === 'bestguesspass' || auth.compauth?.result === 'pass',
    authCanBlock:
      forefront?.dir !== 'OUT' && (auth.compauth !== undefined ? auth.compauth.result === 'fail' : auth.dmarc?.result !== 'pass'),
    outbound: forefront?.dir === 'OUT',
  };
  const failed = auth.compauth?.result === 'fail' ? auth.compauth : auth.dmarc?.result === 'fail' ? auth.dmarc : undefined;
  if (failed !== undefined) derived.authFailed = { header: failed.header, value: failed.text };
  const address = sender.from?.address ?? sender.returnPath?.address ?? (mailFrom?.includes('@') ? mailFrom : undefined);
  if (address !== undefined && address.length > 0) derived.senderAddress = address;
  const domain =
    (sender.from?.domain || undefined) ??
    auth.dmarc?.properties['header.from']?.toLowerCase() ??
    domainOf(mailFrom) ??
    sender.returnPath?.domain;
  if (domain !== undefined && domain.length > 0) derived.senderDomain = domain;

  const spf = spfView(facts, mailFrom);
  if (spf !== undefined) derived.spf = spf;
  const ip = forefront?.cip ?? spf?.ip ?? newestHopIp(facts);
  if (ip !== undefined) derived.senderIp = ip;
  const sfv = forefront?.sfv;
  if (sfv !== undefined && (CONFIGURED_SFV as readonly string[]).includes(sfv)) derived.configuredSfv = sfv;
  return derived;
}

function spfView(facts: DecodedFacts, mailFrom: string | undefined): DerivedFacts['spf'] {
  const { spf } = facts.auth;
  if (spf !== undefined) {
    const view: NonNullable<DerivedFacts['spf']> = {
      result: spf.result,
      evidence: { header: spf.header, value: spf.text },
    };
    const domain = domainOf(mailFrom) ?? domainOf(spf.properties['smtp.helo']);
    const ip = spf.ip ?? facts.forefront?.cip ?? facts.auth.receivedSpf[0]?.clientIp;
    if (domain !== undefined) view.domain = domain;
    if (ip !== undefined) view.ip = ip;
    return view;
  }
  const rspf = facts.auth.receivedSpf[0];
  if (rspf === undefined) return undefined;
  const view: NonNullable<DerivedFacts['spf']> = {
    result: rspf.result,
    evidence: { header: rspf.header, value: rspf.text },
  };
  const domain = domainOf(rspf.envelopeFrom);
  if (domain !== undefined) view.domain = domain;
  if (rspf.clientIp !== undefined) view.ip = rspf.clientIp;
  return view;
}

function newestHopIp(facts: DecodedFacts): string | undefined {
  const hops = facts.received.hops;
  for (let i = hops.length - 1; i >= 0; i--) {
    const ip = hops[i]?.ip;
    if (ip !== undefined && !isInternalIp(ip)) return ip;
  }
  return undefined;
}
