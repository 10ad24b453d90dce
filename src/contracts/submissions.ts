/**
 * Submissions: a user's or an admin's report of one message. Names follow Microsoft
 * Graph's emailThreatSubmission where it fits, so admins who script Graph feel at home.
 */
import { Type, type Static } from '@sinclair/typebox';
import { EmailAddress, Id, IsoDateTime, Page, literalUnion } from './common';
import { Review, ReviewState } from './portal/review';

export const SUBMISSION_CATEGORIES = ['notJunk', 'spam', 'phishing', 'malware'] as const;
export const SubmissionCategory = Type.Union(SUBMISSION_CATEGORIES.map((c) => Type.Literal(c)));
export type SubmissionCategory = Static<typeof SubmissionCategory>;

export const SubmissionSource = Type.Union([Type.Literal('user'), Type.Literal('administrator')]);
export type SubmissionSource = Static<typeof SubmissionSource>;

export const SubmissionStatus = Type.Union([Type.Literal('pending'), Type.Literal('succeeded')]);
export type SubmissionStatus = Static<typeof SubmissionStatus>;

/** Who made the submission (Graph: submissionUserIdentity). */
export const SubmissionUser = Type.Object({
  email: Type.String(),
  displayName: Type.Optional(Type.String()),
});

/** The body of POST /api/submissions. Either `message` (the EML) or `headers` is required. */
export const CreateSubmission = Type.Object(
  {
    category: SubmissionCategory,
    internetMessageId: Type.String({ minLength: 1, maxLength: 998 }),
    recipientEmailAddress: EmailAddress,
    sender: EmailAddress,
    subject: Type.String({ maxLength: 998 }),
    receivedDateTime: IsoDateTime,
    toRecipients: Type.Optional(Type.Array(EmailAddress, { maxItems: 500 })),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    /** The full original message (RFC 5322) in base64, as getAsFileAsync returns it. */
    // No minLength here: Ajv counts a string's characters one by one, which is measurable on a
    // 35 MB message; the service refuses an empty one.
    message: Type.Optional(Type.String()),
    /** The raw internet header block, for clients that cannot hand over the EML. */
    headers: Type.Optional(Type.String({ minLength: 1, maxLength: 1_000_000 })),
    /** The reporter's display language (BCP 47, e.g. `da-DK`): the admin's answer is written in it. */
    locale: Type.Optional(Type.String({ minLength: 2, maxLength: 35, pattern: '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$' })),
  },
  { additionalProperties: false },
);
export type CreateSubmission = Static<typeof CreateSubmission>;

export const HeaderField = Type.Object({ name: Type.String(), value: Type.String() });
export type HeaderField = Static<typeof HeaderField>;

export const Submission = Type.Object({
  id: Id,
  category: SubmissionCategory,
  source: SubmissionSource,
  status: SubmissionStatus,
  internetMessageId: Type.String(),
  recipientEmailAddress: Type.String(),
  toRecipients: Type.Array(Type.String()),
  sender: Type.String(),
  subject: Type.String(),
  receivedDateTime: IsoDateTime,
  createdDateTime: IsoDateTime,
  createdBy: SubmissionUser,
  comment: Type.Union([Type.String(), Type.Null()]),
  /** True when the original message is kept and can be downloaded as .eml. */
  hasMessage: Type.Boolean(),
  /** The admin submission this one came from or led to (analysis links to the original). */
  originalSubmissionId: Type.Union([Id, Type.Null()]),
  /** The analysis result once status is `succeeded`; null while pending. */
  result: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  /** The admin's result for a user's report, once marked; the reporter sees it too. */
  review: Type.Union([Review, Type.Null()]),
  /** The cluster of similar reports this one belongs to, once clustered. */
  clusterId: Type.Union([Id, Type.Null()]),
});
export type Submission = Static<typeof Submission>;

/** GET /api/submissions/{id} adds the decoded header fields. */
export const SubmissionDetail = Type.Composite([
  Submission,
  Type.Object({ headers: Type.Array(HeaderField) }),
]);
export type SubmissionDetail = Static<typeof SubmissionDetail>;

export const SubmissionPage = Page(Submission);
export type SubmissionPage = Static<typeof SubmissionPage>;

export const ListSubmissionsQuery = Type.Object(
  {
    category: Type.Optional(SubmissionCategory),
    status: Type.Optional(SubmissionStatus),
    source: Type.Optional(SubmissionSource),
    /** The admin's result so far: `unreviewed`, or one of the results. */
    review: Type.Optional(ReviewState),
    reporter: Type.Optional(Type.String({ maxLength: 320 })),
    /** A sender address, or a domain (`contoso.com`: every sender at that domain). */
    sender: Type.Optional(Type.String({ maxLength: 320 })),
    recipient: Type.Optional(Type.String({ maxLength: 320 })),
    internetMessageId: Type.Optional(Type.String({ maxLength: 998 })),
    clusterId: Type.Optional(Id),
    /** Words in the subject (each word, as a prefix: `invo` finds "Invoice 4411"). */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    createdAfter: Type.Optional(IsoDateTime),
    createdBefore: Type.Optional(IsoDateTime),
    /** By report date: newest first (default) or oldest first. */
    sort: Type.Optional(literalUnion(['newest', 'oldest'] as const)),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type ListSubmissionsQuery = Static<typeof ListSubmissionsQuery>;

export const MySubmissionsQuery = Type.Object(
  {
    internetMessageId: Type.Optional(Type.String({ maxLength: 998 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type MySubmissionsQuery = Static<typeof MySubmissionsQuery>;

/** The header the add-in sends so that a retried report never creates a second submission. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
