/**
 * What intake decides before anything is stored: whether an envelope recipient is one the
 * quarantine takes (a mailbox at one of the organisation's accepted domains), and the fields a
 * quarantined message is listed and found by, read from the analyzer's decoded headers and made
 * safe to keep (no control characters: a NUL alone makes PostgreSQL refuse the row).
 */
import type { QuarantineReason } from '../../contracts/quarantine';
import type { SenderFacts } from '../analysis/types';
import { acceptedDomainSet } from '../lists/own-domains';
import { parseEnvelopeRecipient } from './envelope-tag';
import { moreSevere } from './reasons';

export type RecipientRefusal = 'invalidAddress' | 'unknownTag' | 'notAcceptedDomain' | 'noAcceptedDomains';

export type RecipientCheck =
  | { ok: true; mailbox: string; tag: QuarantineReason | undefined }
  | { ok: false; code: RecipientRefusal; recipient: string; message: string };

/**
 * An envelope recipient the quarantine takes: a valid mailbox (any tag read and taken off) at
 * exactly one of `acceptedDomains` (a subdomain is its own accepted domain, as in Exchange).
 * With no accepted domains configured nothing is taken: a quarantine open to every domain
 * would store anyone's mail.
 */
export function checkRecipient(raw: string, acceptedDomains: readonly string[]): RecipientCheck {
  const recipient = raw.slice(0, 400);
  const parsed = parseEnvelopeRecipient(raw);
  if (!parsed.ok) return { ok: false, code: parsed.problem, recipient, message: parsed.message };
  const accepted = acceptedDomainSet(acceptedDomains);
  if (accepted.size === 0) {
    return {
      ok: false,
      code: 'noAcceptedDomains',
      recipient,
      message: 'no accepted domains are configured, so the quarantine takes mail for none: set SECOND_LOOK_ACCEPTED_DOMAINS or the accepted domains in the portal (Settings)',
    };
  }
  if (!accepted.has(parsed.domain)) {
    return { ok: false, code: 'notAcceptedDomain', recipient, message: `${parsed.domain} is not one of the organisation's accepted domains (${[...accepted].join(', ')}); the quarantine takes mail only for those` };
  }
  return { ok: true, mailbox: parsed.mailbox, tag: parsed.tag };
}

/**
 * The accepted recipients once each: two envelope recipients for one mailbox (`anna@` and
 * `anna+quarantine-phish@`) are one copy, under the more severe tag.
 */
export function distinctMailboxes(checks: ReadonlyArray<Extract<RecipientCheck, { ok: true }>>): Array<{ mailbox: string; tag: QuarantineReason | undefined }> {
  const byMailbox = new Map<string, QuarantineReason | undefined>();
  for (const { mailbox, tag } of checks) {
    const known = byMailbox.get(mailbox);
    byMailbox.set(mailbox, known === undefined ? tag : tag === undefined ? known : moreSevere(known, tag));
  }
  return [...byMailbox].map(([mailbox, tag]) => ({ mailbox, tag }));
}

/** The fields a quarantined message is listed by, all safe to store. */
export interface QuarantineFields {
  internetMessageId: string;
  /** Lower-cased; '' without a readable From address. */
  sender: string;
  senderName: string | null;
  senderDomain: string;
  subject: string;
}

/** Longest kept: a Message-ID (RFC 5322 lines are 998), an address (RFC 5321), a subject, a name. */
export const MAX_MESSAGE_ID = 500;
export const MAX_ADDRESS = 320;
export const MAX_SUBJECT = 1000;
export const MAX_NAME = 200;

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** `text` as one line without control characters (each run a space), trimmed and cut to `max` characters. */
export function storableLine(text: string, max: number): string {
  return [...text.replace(CONTROLS, ' ').replace(/ {2,}/g, ' ').trim()].slice(0, max).join('');
}

/** An identifier (Message-ID, address): no control characters at all, trimmed and cut to `max` characters. */
export function storableToken(text: string, max: number): string {
  return [...text.replace(CONTROLS, '').trim()].slice(0, max).join('');
}

export function quarantineFields(sender: SenderFacts): QuarantineFields {
  const from = sender.from;
  const address = from === undefined ? '' : storableToken(from.address, MAX_ADDRESS).toLowerCase();
  const at = address.lastIndexOf('@');
  const name = from?.name === undefined ? '' : storableLine(from.name, MAX_NAME);
  return {
    internetMessageId: storableToken(sender.messageId ?? '', MAX_MESSAGE_ID),
    sender: address,
    senderName: name === '' ? null : name,
    senderDomain: at === -1 ? '' : address.slice(at + 1),
    subject: storableLine(sender.subject ?? '', MAX_SUBJECT),
  };
}
