/**
 * The other Microsoft verdict headers: X-Microsoft-Antispam (BCL, PCL),
 * X-MS-Exchange-Organization-SCL, X-Microsoft-Antispam-Mailbox-Delivery (ucf, jmr, dest,
 * OFR) and X-CustomSpam (an Advanced Spam Filter option matched).
 */
import type { HeaderField, KeyedToken, MailboxDeliveryFacts, MicrosoftFacts } from '../types';
import type { ProblemLog } from '../problem-log';
import { parseIntIn, splitColonTokens } from './tokens';

export function applyMicrosoftAntispam(field: HeaderField, facts: MicrosoftFacts, log: ProblemLog): void {
  facts.antispamHeader ??= field.name;
  for (const token of splitColonTokens(field.value)) {
    if (!token.ok) continue; // ARA and friends are opaque lists; only BCL/PCL matter here.
    const key = token.key.toUpperCase();
    if (key === 'BCL' && facts.bcl === undefined) {
      const level = parseIntIn(token.value, 0, 9);
      if (level === undefined) log.add(field.name, 'unknownValue', token.text);
      else facts.bcl = { value: token.value, text: token.text, level };
    } else if (key === 'PCL' && facts.pcl === undefined) {
      const level = parseIntIn(token.value, 0, 8);
      if (level === undefined) log.add(field.name, 'unknownValue', token.text);
      else facts.pcl = { value: token.value, text: token.text, level };
    }
  }
}

export function applyOrganizationScl(field: HeaderField, facts: MicrosoftFacts, log: ProblemLog): void {
  if (facts.orgScl !== undefined) return;
  const value = parseIntIn(field.value, -1, 9);
  if (value === undefined) log.add(field.name, 'unknownValue', field.value);
  else facts.orgScl = { header: field.name, value, text: field.value.trim() };
}

export function parseMailboxDelivery(field: HeaderField, log: ProblemLog): MailboxDeliveryFacts {
  const tokens: Record<string, KeyedToken> = {};
  for (const token of splitColonTokens(field.value)) {
    if (!token.ok) {
      log.add(field.name, 'unreadableValue', `token without a colon: ${token.text}`);
      continue;
    }
    const key = token.key.toLowerCase();
    if (!(key in tokens)) tokens[key] = { value: token.value, text: token.text };
  }
  const facts: MailboxDeliveryFacts = { header: field.name, tokens };
  const ucf = tokens['ucf']?.value;
  const jmr = tokens['jmr']?.value;
  const dest = tokens['dest']?.value;
  const ofr = tokens['ofr']?.value;
  if (ucf !== undefined) facts.ucf = ucf;
  if (jmr !== undefined) facts.jmr = jmr;
  if (dest !== undefined) facts.dest = dest.toUpperCase();
  if (ofr !== undefined) facts.ofr = ofr;
  return facts;
}
