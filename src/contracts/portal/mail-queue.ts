/**
 * The outgoing mail queue (notices now; releases and digests later), as the portal shows it.
 * A mail is queued in the same transaction as the change that causes it and leaves once.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDateTime, Page, literalUnion } from '../common';

/**
 * queued: waiting (or waiting to retry); sending: handed to the relay or the pickup folder now;
 * sent: accepted; failed: refused for good; unconfirmed: the server stopped while sending, so
 * whether the relay took it is unknown, and it is not sent again unless an admin says so.
 */
export const MAIL_STATES = ['queued', 'sending', 'sent', 'failed', 'unconfirmed'] as const;
export const MailState = literalUnion(MAIL_STATES);
export type MailState = Static<typeof MailState>;

export const MailKind = literalUnion(['reviewNotice', 'quarantineRelease', 'quarantineNotice', 'quarantineRequestNotice'] as const);
export type MailKind = Static<typeof MailKind>;

export const QueuedMail = Type.Object({
  id: Id,
  kind: MailKind,
  to: Type.String(),
  subject: Type.String(),
  state: MailState,
  attempts: Type.Integer({ minimum: 0 }),
  nextAttemptDateTime: Type.Union([IsoDateTime, Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdDateTime: IsoDateTime,
  sentDateTime: Type.Union([IsoDateTime, Type.Null()]),
  /** What the mail is about, e.g. the submission a notice answers. */
  relatedId: Type.Union([Type.String(), Type.Null()]),
});
export type QueuedMail = Static<typeof QueuedMail>;

export const MailQueuePage = Type.Composite([
  Page(QueuedMail),
  Type.Object({ counts: Type.Object({ queued: Type.Integer(), sending: Type.Integer(), sent: Type.Integer(), failed: Type.Integer(), unconfirmed: Type.Integer() }) }),
]);
export type MailQueuePage = Static<typeof MailQueuePage>;

export const ListMailQuery = Type.Object(
  {
    state: Type.Optional(MailState),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type ListMailQuery = Static<typeof ListMailQuery>;
