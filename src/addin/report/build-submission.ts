/**
 * Turns what Outlook told us about a message into the body of POST /api/submissions,
 * trimmed to the server's limits so a long subject or comment never gets a report refused.
 * The report carries the reporter's display language, so the security team's answer comes
 * back in it.
 */
import type { CreateSubmission } from '../../contracts/submissions';
import type { MessageFacts, UserIdentity } from '../office/types';
import { CATEGORY_FACTS, type ReportCategory } from './categories';

/** Limits from the CreateSubmission schema. */
const MAX_SUBJECT = 998;
const MAX_COMMENT = 2000;
const MAX_RECIPIENTS = 500;
const MAX_LOCALE = 35;
/** The schema's pattern for `locale` (a BCP 47 tag such as "da-DK"). */
const LOCALE_PATTERN = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

/**
 * The display language as the server takes it, or null when Outlook gave none (or something
 * the schema would refuse: a report is never lost over its language).
 */
export function reportLocale(displayLanguage: string | null | undefined): string | null {
  const tag = (displayLanguage ?? '').trim().replace(/_/g, '-');
  return tag.length <= MAX_LOCALE && LOCALE_PATTERN.test(tag) ? tag : null;
}

/** `submission` with the reporter's language, unless it already has one. */
export function withLocale(submission: CreateSubmission, displayLanguage: string | null | undefined): CreateSubmission {
  if (submission.locale !== undefined) return submission;
  const locale = reportLocale(displayLanguage);
  return locale === null ? submission : { ...submission, locale };
}

export interface MessageContent {
  /** base64 EML from getAsFileAsync, or null when the client could not give it. */
  eml: string | null;
  /** The raw header block, or null. */
  headers: string | null;
}

export interface BuiltSubmission {
  submission: CreateSubmission;
  /** The same report with headers in place of a (possibly huge) EML, for when storage is short. */
  fallback?: CreateSubmission;
}

export class IncompleteMessageError extends Error {
  override readonly name = 'IncompleteMessageError';
  constructor(readonly missing: 'sender' | 'internetMessageId' | 'user' | 'content') {
    super(`The message cannot be reported: no ${missing}.`);
  }
}

export function buildSubmission(input: {
  category: ReportCategory;
  comment: string;
  facts: MessageFacts;
  user: UserIdentity;
  content: MessageContent;
  /** Outlook's display language (BCP 47): the language the security team's answer is written in. */
  displayLanguage: string;
  /** Epoch ms; used only when Outlook gave no received time. */
  now: number;
}): BuiltSubmission {
  const { facts, content } = input;
  const sender = facts.from?.address ?? facts.sender?.address;
  if (!sender) throw new IncompleteMessageError('sender');
  if (facts.internetMessageId === '') throw new IncompleteMessageError('internetMessageId');
  if (input.user.address === '') throw new IncompleteMessageError('user');
  if (content.eml === null && content.headers === null) throw new IncompleteMessageError('content');

  const base: CreateSubmission = {
    category: CATEGORY_FACTS[input.category].submission,
    internetMessageId: facts.internetMessageId,
    recipientEmailAddress: input.user.address,
    sender,
    subject: facts.subject.slice(0, MAX_SUBJECT),
    receivedDateTime: facts.receivedAt !== '' ? facts.receivedAt : new Date(input.now).toISOString(),
  };
  const to = facts.to.map((person) => person.address).slice(0, MAX_RECIPIENTS);
  if (to.length > 0) base.toRecipients = to;
  const comment = input.comment.trim().slice(0, MAX_COMMENT);
  if (comment !== '') base.comment = comment;
  const locale = reportLocale(input.displayLanguage);
  if (locale !== null) base.locale = locale;

  if (content.eml !== null) {
    const built: BuiltSubmission = { submission: { ...base, message: content.eml } };
    if (content.headers !== null) built.fallback = { ...base, headers: content.headers };
    return built;
  }
  return { submission: { ...base, headers: content.headers ?? '' } };
}
