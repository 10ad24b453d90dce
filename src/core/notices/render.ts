/**
 * A reporter notice from its template: placeholders filled, the admin's message introduced or
 * its line dropped, and a subject that is one line of plain text whatever the report held (a
 * subject is user data on its way into a mail header).
 */
import type { NoticeTemplate } from '../../contracts/portal/settings';

export interface NoticeValues {
  reporterName: string;
  subject: string;
  sender: string;
  receivedDateTime: string;
  reportedDateTime: string;
  result: string;
  /** The admin's message, already introduced ("A note from your security team: …"); '' for none. */
  adminMessage: string;
}

/** A quarantine notice's values (the answer to a release request, the notice of one to admins): the same rules. */
export interface QuarantineNoticeValues {
  subject: string;
  sender: string;
  receivedDateTime: string;
  expiresDateTime: string;
  /** The admin's comment, already introduced; '' for none. */
  adminMessage: string;
  requester: string;
  reason: string;
  link: string;
}

export interface RenderedText {
  subject: string;
  body: string;
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
/** Control characters (CR and LF among them) and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/** RFC 5322 advises at most 78 characters a line; a subject longer than this is cut, not folded by us. */
const MAX_SUBJECT = 250;

/** One line of plain text: control characters become a space, runs of spaces one. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, ' ').replace(/ {2,}/g, ' ').trim();
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

export function renderNotice(template: NoticeTemplate, values: NoticeValues | QuarantineNoticeValues): RenderedText {
  // Values are one line each: a subject with a line break cannot add a header or a fake paragraph.
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) flat[key] = key === 'adminMessage' ? value.replace(/\r\n?/g, '\n') : oneLine(value);
  const subject = oneLine(fill(template.subject, flat));
  const lines = template.body.replace(/\r\n?/g, '\n').split('\n');
  // A line that is only {adminMessage} goes when there is no message, with the blank line after it.
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '{adminMessage}' && values.adminMessage.trim() === '') {
      if ((lines[i + 1] ?? '').trim() === '') i++;
      continue;
    }
    kept.push(line);
  }
  return {
    subject: subject.length > MAX_SUBJECT ? `${subject.slice(0, MAX_SUBJECT - 1)}…` : subject,
    body: fill(kept.join('\n'), flat).replace(/\n{3,}/g, '\n\n').trim() + '\n',
  };
}
