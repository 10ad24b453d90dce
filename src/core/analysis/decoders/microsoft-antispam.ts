/**
 * The other Microsoft verdict headers: X-Microsoft-Antispam (BCL, PCL),
 * X-MS-Exchange-Organization-SCL, X-Microsoft-Antispam-Mailbox-Delivery (ucf, jmr, dest,
 * OFR) and X-CustomSpam (an Advanced Spam Filter option matched).
 */
import type { HeaderField, KeyedToken, MailboxDeliveryFacts, MicrosoftFacts } from '../types';
import type { ProblemLog } from '../problem-log';
import { lowerCased, nameTable, scanColonTokens, upperCased } from './key-values';
import { parseIntIn } from './numbers';

const levelKey = (key: string): string | undefined => {
  const upper = upperCased(key);
  return upper === 'BCL' ? 'BCL' : upper === 'PCL' ? 'PCL' : undefined;
};

export function applyMicrosoftAntispam(field: HeaderField, facts: MicrosoftFacts, log: ProblemLog): void {
  facts.antispamHeader ??= field.name;
  // ARA and friends are opaque lists; only BCL/PCL matter here.
  scanColonTokens(field.value, levelKey, (key, value, text) => {
    if (key === 'BCL' && facts.bcl === undefined) {
      const level = parseIntIn(value, 0, 9);
      if (level === undefined) log.add(field.name, 'unknownValue', text);
      else facts.bcl = { value, text, level };
    } else if (key === 'PCL' && facts.pcl === undefined) {
      const level = parseIntIn(value, 0, 8);
      if (level === undefined) log.add(field.name, 'unknownValue', text);
      else facts.pcl = { value, text, level };
    }
  }, () => undefined);
}

export function applyOrganizationScl(field: HeaderField, facts: MicrosoftFacts, log: ProblemLog): void {
  if (facts.orgScl !== undefined) return;
  const value = parseIntIn(field.value, -1, 9);
  if (value === undefined) log.add(field.name, 'unknownValue', field.value);
  else facts.orgScl = { header: field.name, value, text: field.value.trim() };
}

/** The keys Microsoft stamps (see nameTable); others are kept too, under their own names. */
const mailboxKey = nameTable(['ucf', 'jmr', 'auth', 'dest', 'ofr', 'eng', 'rf', 'pcl', 'bcl', 'ep']);

export function parseMailboxDelivery(field: HeaderField, log: ProblemLog): MailboxDeliveryFacts {
  // Any key is kept, so no prototype: a `__proto__:x` token is then just a token.
  const tokens = Object.create(null) as Record<string, KeyedToken>;
  scanColonTokens(
    field.value,
    (key) => mailboxKey(lowerCased(key)),
    (key, value, text) => {
      if (!Object.hasOwn(tokens, key)) tokens[key] = { value, text };
    },
    (text) => log.add(field.name, 'unreadableValue', `token without a colon: ${text}`),
  );
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
