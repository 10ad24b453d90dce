/**
 * What may go into an outgoing mail's header. Subjects and names come from user data (a
 * reported message's subject, a reporter's name), and a line break in a header value writes a
 * header of its own: a Bcc, or a second recipient. So, whenever a mail is queued and again
 * whenever it is composed:
 *
 * - a subject becomes one line of plain text (every control character a space);
 * - an address field must hold exactly one mailbox, without any control character: anything
 *   else is refused, never repaired, because a repaired recipient is a guess at who gets it;
 * - the Message-ID and the mail's id (which names its file in the pickup folder) must have
 *   their plain forms.
 *
 * Pure functions of their input; no I/O.
 */
import addressparser from 'nodemailer/lib/addressparser';

/** A mail that cannot be written safely. Nothing is sent; queuing it fails. */
export class UnsafeMailError extends Error {}

/** What a mail's header is built from. */
export interface MailHeaderFields {
  id: string;
  from: string;
  to: string;
  subject: string;
  messageId: string;
}

/** Longest subject kept; longer ones are cut (a subject is a line, not a letter). */
export const MAX_SUBJECT_LENGTH = 500;
/** RFC 5321: 64 for the local part, 255 for the domain, and the @. */
const MAX_ADDRESS_LENGTH = 320;

/** The mail's id: also its file name in the pickup folder, and an Id in the API. */
const MAIL_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** `<left@right>` in printable ASCII without spaces, angle brackets or a second @ (RFC 5322 msg-id, plainly). */
const MESSAGE_ID = /^<[!-;=?A-~]+@[!-;=?A-~]+>$/;
/** A mailbox's address: a local part without specials or spaces, and a domain of labels. */
const ADDRESS = /^[^\s@<>()[\],;:"\\]{1,64}@(?=.{1,255}$)[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*$/u;

/**
 * True for C0 and C1 control characters, DEL, and the Unicode line and paragraph separators:
 * everything that could end a header line or hide in one.
 */
function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f) || codePoint === 0x2028 || codePoint === 0x2029;
}

function hasControl(text: string): boolean {
  for (const char of text) {
    if (isControl(char.codePointAt(0) ?? 0)) return true;
  }
  return false;
}

/** One line of plain text: each run of control characters and spaces becomes one space. */
export function oneLineSubject(subject: string): string {
  let line = '';
  for (const char of subject) line += isControl(char.codePointAt(0) ?? 0) ? ' ' : char;
  line = line.replace(/ {2,}/g, ' ').trim();
  return [...line].slice(0, MAX_SUBJECT_LENGTH).join('');
}

/**
 * The one address in an address field (`user@example.com` or `Name <user@example.com>`), or
 * an UnsafeMailError naming the field.
 */
export function singleMailbox(field: 'from' | 'to', value: string): string {
  if (value.length === 0 || value.length > MAX_ADDRESS_LENGTH + 200) throw new UnsafeMailError(`the ${field} address is empty or too long`);
  if (hasControl(value)) throw new UnsafeMailError(`the ${field} address contains a line break or another control character`);
  const parsed = addressparser(value);
  const [only] = parsed;
  const address = parsed.length === 1 ? only?.address : undefined;
  if (address === undefined) throw new UnsafeMailError(`the ${field} field must name exactly one address`);
  if (address.length > MAX_ADDRESS_LENGTH || !ADDRESS.test(address)) throw new UnsafeMailError(`the ${field} address is not a mailbox (user@example.com)`);
  // The parser reads what it can; the field must be just the address, or a name and <address>.
  if (value.trim() !== address && !value.trim().endsWith(`<${address}>`)) throw new UnsafeMailError(`the ${field} field must be an address, or a name and <address>`);
  return address;
}

/**
 * The fields as they may be written: the subject made one line, everything else checked.
 * Throws UnsafeMailError on an address, Message-ID or id that cannot be written safely.
 */
export function checkedHeaderFields<T extends MailHeaderFields>(mail: T): T {
  if (!MAIL_ID.test(mail.id)) throw new UnsafeMailError('the mail id must be 1 to 64 letters, digits, - or _');
  if (mail.messageId.length > 255 || !MESSAGE_ID.test(mail.messageId)) throw new UnsafeMailError('the Message-ID must be <left@right> in printable ASCII');
  singleMailbox('from', mail.from);
  singleMailbox('to', mail.to);
  return { ...mail, subject: oneLineSubject(mail.subject) };
}
