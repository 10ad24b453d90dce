/**
 * The quarantine's vocabulary, as the API, the add-in and the portal see it: why a message was
 * quarantined, what may be done with it, where its release stands, and what intake answers.
 * The meaning of each (the permission bits, the built-in policies, the hard rule) is in
 * core/quarantine; these are the names on the wire.
 */
import { Type, type Static } from '@sinclair/typebox';
import { EmailAddress, Id, IsoDateTime, literalUnion, Page } from './common';
import { SubmissionCategory } from './submissions';
import { MailState } from './portal/mail-queue';

/**
 * Why a message was quarantined: the filter verdicts Exchange Online quarantines for, and
 * `organisationRule` for mail the organisation's own mail flow held (a transport rule, an MTA's
 * routing) with no filter verdict to name.
 */
export const QUARANTINE_REASONS = ['spam', 'highConfidenceSpam', 'bulk', 'phishing', 'highConfidencePhishing', 'malware', 'organisationRule'] as const;
export const QuarantineReason = literalUnion(QUARANTINE_REASONS);
export type QuarantineReason = Static<typeof QuarantineReason>;

/** Where a quarantined message's release stands, per recipient. */
export const RELEASE_STATUSES = ['notReleased', 'requested', 'released', 'denied'] as const;
export const ReleaseStatus = literalUnion(RELEASE_STATUSES);
export type ReleaseStatus = Static<typeof ReleaseStatus>;

/** What an end user may do with one of their quarantined messages (one permission bit each). */
export const QUARANTINE_ACTIONS = ['delete', 'preview', 'release', 'requestRelease', 'blockSender', 'allowSender', 'viewHeaders'] as const;
export const QuarantineAction = literalUnion(QUARANTINE_ACTIONS);
export type QuarantineAction = Static<typeof QuarantineAction>;

/**
 * The bit of each action in a quarantine policy's permissions: Exchange Online's
 * EndUserQuarantinePermissionsValue (core/quarantine/permissions.ts says more). Here so that
 * the portal, which edits policies, and the server read the same numbers.
 */
export const QUARANTINE_PERMISSION_BITS: Readonly<Record<QuarantineAction, number>> = {
  delete: 1,
  preview: 2,
  release: 4,
  requestRelease: 8,
  blockSender: 16,
  allowSender: 32,
  viewHeaders: 128,
};

/** How the reason was found: the filter headers, the envelope recipient's tag, or neither. */
export const REASON_BASES = ['headers', 'envelopeTag', 'default'] as const;
export const ReasonBasis = literalUnion(REASON_BASES);
export type ReasonBasis = Static<typeof ReasonBasis>;

/**
 * A quarantine policy's name: one of the built-in four, or an organisation's own (Settings):
 * letters, digits, spaces, dots, dashes and underscores, no space at either end.
 */
export const QuarantinePolicyName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9]([A-Za-z0-9 ._-]*[A-Za-z0-9._-])?$' });

/** POST /api/quarantine: the envelope recipients, when not in the X-Envelope-To header. */
export const QuarantineIntakeQuery = Type.Object(
  { recipient: Type.Optional(Type.Array(EmailAddress, { minItems: 1, maxItems: 1000 })) },
  { additionalProperties: false },
);
export type QuarantineIntakeQuery = Static<typeof QuarantineIntakeQuery>;

export const ENVELOPE_TO_HEADER = 'x-envelope-to';

/** One recipient's copy, as intake stored it (or found it stored already). */
export const QuarantineIntakeItem = Type.Object({
  id: Id,
  recipient: EmailAddress,
  reason: QuarantineReason,
  reasonBasis: ReasonBasis,
  policy: QuarantinePolicyName,
  expiresDateTime: IsoDateTime,
  /** True when this message was already quarantined for this recipient (nothing new stored). */
  duplicate: Type.Boolean(),
});
export type QuarantineIntakeItem = Static<typeof QuarantineIntakeItem>;

export const QuarantineIntakeResponse = Type.Object({
  internetMessageId: Type.String(),
  /** SHA-256 of the message's bytes: every recipient's copy shares this one stored message. */
  messageSha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  stored: Type.Integer({ minimum: 0 }),
  duplicates: Type.Integer({ minimum: 0 }),
  items: Type.Array(QuarantineIntakeItem),
});
export type QuarantineIntakeResponse = Static<typeof QuarantineIntakeResponse>;

/** One of my quarantined messages, as the end-user list and detail show it. */
export const MyQuarantineItem = Type.Object({
  id: Id,
  sender: Type.String(),
  senderName: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String(),
  receivedDateTime: IsoDateTime,
  reason: QuarantineReason,
  expiresDateTime: IsoDateTime,
  releaseStatus: ReleaseStatus,
  releaseRequestedDateTime: Type.Union([IsoDateTime, Type.Null()]),
  releaseDecidedDateTime: Type.Union([IsoDateTime, Type.Null()]),
  releasedDateTime: Type.Union([IsoDateTime, Type.Null()]),
  /** What the policy lets me do with it (under the hard rule); the server checks again on every action. */
  actions: Type.Array(QuarantineAction),
});
export type MyQuarantineItem = Static<typeof MyQuarantineItem>;

export const MyQuarantinePage = Page(MyQuarantineItem);
export type MyQuarantinePage = Static<typeof MyQuarantinePage>;

export const MyQuarantineDetail = Type.Intersect([
  MyQuarantineItem,
  Type.Object({
    size: Type.Integer({ minimum: 0 }),
    /** The header block as received; null unless the policy allows viewing headers. */
    headers: Type.Union([Type.String(), Type.Null()]),
  }),
]);
export type MyQuarantineDetail = Static<typeof MyQuarantineDetail>;

export const PageQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuery>;

/** The end-user actions in the path: /api/me/quarantine/{id}/{action}. */
export const USER_ACTION_PATHS = ['release', 'request-release', 'delete', 'block-sender', 'allow-sender', 'report'] as const;
export type UserActionPath = (typeof USER_ACTION_PATHS)[number];

/** POST /api/me/quarantine/{id}/report: what the user says the message is (default: not junk). */
export const QuarantineReportBody = Type.Object(
  { category: Type.Optional(SubmissionCategory), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type QuarantineReportBody = Static<typeof QuarantineReportBody>;

/** What an end-user action did. `item` is null once the message is deleted. */
export const MyQuarantineActionResult = Type.Object({
  item: Type.Union([MyQuarantineItem, Type.Null()]),
  /** The queued delivery (release). */
  mailId: Type.Optional(Id),
  /** The submission the report created. */
  submissionId: Type.Optional(Id),
  /** The entry added to my blocked or safe senders. */
  listValue: Type.Optional(Type.String()),
});
export type MyQuarantineActionResult = Static<typeof MyQuarantineActionResult>;

/** A quarantined row as admins see it. */
export const QuarantineItem = Type.Object({
  id: Id,
  recipient: Type.String(),
  internetMessageId: Type.String(),
  messageSha256: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  sender: Type.String(),
  senderName: Type.Union([Type.String(), Type.Null()]),
  senderDomain: Type.String(),
  envelopeSender: Type.String(),
  subject: Type.String(),
  receivedDateTime: IsoDateTime,
  reason: QuarantineReason,
  reasonBasis: ReasonBasis,
  reasonEvidence: Type.Union([Type.String(), Type.Null()]),
  policy: Type.String(),
  expiresDateTime: IsoDateTime,
  releaseStatus: ReleaseStatus,
  releaseRequestedDateTime: Type.Union([IsoDateTime, Type.Null()]),
  releaseDecidedDateTime: Type.Union([IsoDateTime, Type.Null()]),
  releaseDecidedBy: Type.Union([Type.String(), Type.Null()]),
  releasedDateTime: Type.Union([IsoDateTime, Type.Null()]),
  source: Type.String(),
});
export type QuarantineItem = Static<typeof QuarantineItem>;

export const QuarantinePage = Page(QuarantineItem);
export type QuarantinePage = Static<typeof QuarantinePage>;

/** The analyzer's verdict stored with a quarantined message (POST /api/quarantine/{id}/analyze, or release + submit + allow). */
export const QuarantineAnalysis = Type.Object({
  /** The admin submission that holds the full verdict (GET /api/submissions/{id}). */
  submissionId: Id,
  category: Type.String(),
  analyzedBy: Type.String(),
  analyzedDateTime: IsoDateTime,
});
export type QuarantineAnalysis = Static<typeof QuarantineAnalysis>;

/** Where a release's delivery stands in the mail queue (the latest queued release of the row): the Mail queue page's states. */
export const ReleaseDelivery = Type.Object({
  mailId: Id,
  state: MailState,
  attempts: Type.Integer({ minimum: 0 }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  sentDateTime: Type.Union([IsoDateTime, Type.Null()]),
});
export type ReleaseDelivery = Static<typeof ReleaseDelivery>;

export const QuarantineDetail = Type.Intersect([
  QuarantineItem,
  Type.Object({
    headers: Type.String(),
    /** This row's release delivery; null when no release was queued. */
    releaseDelivery: Type.Union([ReleaseDelivery, Type.Null()]),
    otherRecipients: Type.Array(Type.Object({ id: Id, recipient: Type.String(), releaseStatus: ReleaseStatus, releaseDelivery: Type.Union([ReleaseDelivery, Type.Null()]) })),
    /** The latest stored analysis of the message, when it was analysed. */
    analysis: Type.Optional(QuarantineAnalysis),
  }),
]);
export type QuarantineDetail = Static<typeof QuarantineDetail>;

/** GET /api/quarantine: every filter the list supports (each has its index). */
export const QuarantineListQuery = Type.Object(
  {
    recipient: Type.Optional(Type.String({ maxLength: 320 })),
    sender: Type.Optional(Type.String({ maxLength: 320 })),
    senderDomain: Type.Optional(Type.String({ maxLength: 255 })),
    subject: Type.Optional(Type.String({ maxLength: 200 })),
    reason: Type.Optional(QuarantineReason),
    policy: Type.Optional(QuarantinePolicyName),
    releaseStatus: Type.Optional(ReleaseStatus),
    receivedAfter: Type.Optional(IsoDateTime),
    receivedBefore: Type.Optional(IsoDateTime),
    expiresAfter: Type.Optional(IsoDateTime),
    expiresBefore: Type.Optional(IsoDateTime),
    order: Type.Optional(literalUnion(['newest', 'oldest'] as const)),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type QuarantineListQuery = Static<typeof QuarantineListQuery>;

/** POST /api/quarantine/{id}/release: to every recipient of the message, or to these. */
export const QuarantineReleaseBody = Type.Object(
  { recipients: Type.Optional(Type.Array(EmailAddress, { minItems: 1, maxItems: 1000 })) },
  { additionalProperties: false },
);
export type QuarantineReleaseBody = Static<typeof QuarantineReleaseBody>;

export const QuarantineReleaseResult = Type.Object({
  /** Each recipient's row released now, with its queued delivery. */
  released: Type.Array(Type.Object({ id: Id, recipient: Type.String(), mailId: Id })),
  /** Rows left as they were (released already). */
  skipped: Type.Array(Type.Object({ id: Id, recipient: Type.String(), releaseStatus: ReleaseStatus })),
});
export type QuarantineReleaseResult = Static<typeof QuarantineReleaseResult>;

/** Approve or deny a release request; the comment goes into the requester's notice. */
export const ReleaseDecisionBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export type ReleaseDecisionBody = Static<typeof ReleaseDecisionBody>;

export const ReleaseDecisionResult = Type.Object({ item: QuarantineItem, noticeId: Id, mailId: Type.Optional(Id) });
export type ReleaseDecisionResult = Static<typeof ReleaseDecisionResult>;
