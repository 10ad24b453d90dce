/**
 * The envelope-recipient tag: how an MTA that writes no filter headers of its own says why it
 * quarantined a message. It routes the message to `local+quarantine-TAG@domain` (subaddressing,
 * RFC 5233, with Postfix's and Exchange's `+` delimiter); the tag names the reason and is taken
 * off, so the copy belongs to `local@domain`. Only a last `+quarantine-…` part is a tag: other
 * subaddresses (`anna+news@…`) are the mailbox's own and stay.
 *
 * Tags (case-insensitive): spam, hcspam, bulk, phish, hcphish, malware, rule; the reasons' own
 * names (highConfidencePhishing, organisationRule …) are accepted too. An unknown tag is refused,
 * never guessed: a typo in a transport map should fail loudly.
 */
import type { QuarantineReason } from '../../contracts/quarantine';
import { normaliseAddress } from '../lists/values';
import { QUARANTINE_REASONS } from './reasons';

export const TAG_PREFIX = '+quarantine-';

/** The short tag of each reason (what `taggedRecipient` writes). */
export const REASON_TAGS: Readonly<Record<QuarantineReason, string>> = {
  spam: 'spam',
  highConfidenceSpam: 'hcspam',
  bulk: 'bulk',
  phishing: 'phish',
  highConfidencePhishing: 'hcphish',
  malware: 'malware',
  organisationRule: 'rule',
};

const TAGS: ReadonlyMap<string, QuarantineReason> = new Map<string, QuarantineReason>([
  ...QUARANTINE_REASONS.map((reason) => [REASON_TAGS[reason], reason] as const),
  ...QUARANTINE_REASONS.map((reason) => [reason.toLowerCase(), reason] as const),
  ['phishing', 'phishing'],
  ['organizationrule', 'organisationRule'],
]);

export type EnvelopeRecipient =
  | { ok: true; /** The mailbox, normalised (IDNA domain, lower case), tag removed. */ mailbox: string; domain: string; tag: QuarantineReason | undefined }
  | { ok: false; problem: 'invalidAddress' | 'unknownTag'; message: string };

/** Reads one envelope recipient (RCPT TO, X-Envelope-To, Delivered-To). */
export function parseEnvelopeRecipient(raw: string): EnvelopeRecipient {
  const address = normaliseAddress(raw.trim());
  if (!address.ok) {
    return { ok: false, problem: 'invalidAddress', message: `"${raw.slice(0, 100)}" is not a mailbox address: ${address.errors.map((e) => e.message).join(' ')}` };
  }
  const { local, domain } = address.value;
  // A quoted local part ("a b"@x) is taken whole: a tag is only ever written as a plain subaddress.
  const at = local.startsWith('"') ? -1 : local.lastIndexOf(TAG_PREFIX);
  if (at === -1) return { ok: true, mailbox: address.value.value, domain, tag: undefined };
  const tagText = local.slice(at + TAG_PREFIX.length);
  const tag = TAGS.get(tagText.toLowerCase());
  if (tag === undefined || at === 0) {
    const known = QUARANTINE_REASONS.map((r) => REASON_TAGS[r]).join(', ');
    return at === 0
      ? { ok: false, problem: 'invalidAddress', message: `"${raw.slice(0, 100)}" has a quarantine tag but no mailbox before it` }
      : { ok: false, problem: 'unknownTag', message: `"${tagText.slice(0, 40)}" is not a quarantine tag (known: ${known})` };
  }
  return { ok: true, mailbox: `${local.slice(0, at)}@${domain}`, domain, tag };
}

/** The envelope recipient that tags `mailbox` with `reason`: `anna+quarantine-phish@contoso.com`. */
export function taggedRecipient(mailbox: string, reason: QuarantineReason): string {
  const at = mailbox.lastIndexOf('@');
  return `${mailbox.slice(0, at)}${TAG_PREFIX}${REASON_TAGS[reason]}${mailbox.slice(at)}`;
}
