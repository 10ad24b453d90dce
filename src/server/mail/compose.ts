/**
 * A queued mail as the message that leaves: composed by nodemailer's MailComposer from the
 * row, the same bytes every time (the Date and Message-ID are the row's, fixed when it was
 * queued), so a retry sends the same message and the pickup folder's file is the same file.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import { checkedHeaderFields, singleMailbox } from './mail-fields';

/** A mail to deliver, as the queue holds it. */
export interface OutgoingMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  /** When it was queued: its Date header. */
  date: Date;
  /**
   * A stored message sent on as it is (a quarantine release, see released-copy.ts): these
   * bytes go out instead of a composed mail; from and to are then only the envelope.
   */
  raw?: Buffer;
}

export interface ComposedMail {
  /** The message, CRLF line ends throughout. */
  raw: Buffer;
  /** The SMTP envelope: the bare addresses. */
  envelope: { from: string; to: string[] };
}

/**
 * RFC 3834 says an automatic mail says so, and autoresponders (out-of-office replies, vacation
 * notices) stay quiet; Exchange and Outlook read their own header for the same request.
 */
const AUTOMATIC = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };

/** Every line ends in CRLF: a bare LF or CR in the text is not a line end a relay can trust. */
function crlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

/** Throws UnsafeMailError when the mail's header fields cannot be written safely. */
export async function composeMail(mail: OutgoingMail): Promise<ComposedMail> {
  const fields = checkedHeaderFields(mail);
  // A stored message goes out byte for byte; only its envelope comes from the row.
  if (mail.raw !== undefined) return { raw: mail.raw, envelope: { from: singleMailbox('from', fields.from), to: [singleMailbox('to', fields.to)] } };
  const composer = new MailComposer({
    from: fields.from,
    to: fields.to,
    subject: fields.subject,
    text: crlf(mail.text),
    date: mail.date,
    messageId: fields.messageId,
    headers: AUTOMATIC,
    // The content is ours alone: nothing is read from a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const raw = await composer.compile().build();
  return { raw, envelope: { from: singleMailbox('from', fields.from), to: [singleMailbox('to', fields.to)] } };
}
