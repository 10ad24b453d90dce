/**
 * Bulk release of similar quarantined messages, and release + submit + allow in one step.
 * Shared by the server and the portal. The dry run returns the exact set (no cap), each member
 * flagged with its risks; risky members are left out unless named in `include`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDateTime, literalUnion } from './common';
import { Expiration } from './lists/allow-block-entries';
import { QuarantineReason, ReleaseStatus } from './quarantine';

export const SIMILARITY_KINDS = ['sender', 'senderDomain', 'subject', 'fingerprint'] as const;
export const SimilarityKind = literalUnion(SIMILARITY_KINDS);
export type SimilarityKind = Static<typeof SimilarityKind>;

export const BULK_RISKS = ['authenticationFailed', 'malware', 'highConfidencePhishing', 'wideRecipients'] as const;
export const BulkRisk = literalUnion(BULK_RISKS);
export type BulkRisk = Static<typeof BulkRisk>;

/** POST /api/quarantine/bulk-release */
export const BulkReleaseRequest = Type.Object(
  {
    /** Messages similar to this quarantined message, in this way. */
    similarTo: Id,
    by: SimilarityKind,
    /** true: only answer which messages would be released. */
    dryRun: Type.Optional(Type.Boolean()),
    /** Risky members the admin includes one by one. */
    include: Type.Optional(Type.Array(Id, { maxItems: 10_000 })),
    /** Members the admin leaves out. */
    exclude: Type.Optional(Type.Array(Id, { maxItems: 10_000 })),
  },
  { additionalProperties: false },
);
export type BulkReleaseRequest = Static<typeof BulkReleaseRequest>;

export const BulkReleaseMember = Type.Object({
  id: Id,
  recipient: Type.String(),
  sender: Type.String(),
  subject: Type.String(),
  receivedDateTime: IsoDateTime,
  reason: QuarantineReason,
  releaseStatus: ReleaseStatus,
  risks: Type.Array(BulkRisk),
  /** Released by this request: not risky (or included), and not excluded or already released. */
  selected: Type.Boolean(),
});
export type BulkReleaseMember = Static<typeof BulkReleaseMember>;

/** The dry run's answer: the exact set. */
export const BulkReleasePreview = Type.Object({
  by: SimilarityKind,
  similarTo: Id,
  total: Type.Integer(),
  selectedCount: Type.Integer(),
  riskyCount: Type.Integer(),
  members: Type.Array(BulkReleaseMember),
});
export type BulkReleasePreview = Static<typeof BulkReleasePreview>;

export const BULK_JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export const BulkJobState = literalUnion(BULK_JOB_STATES);

/** 202 to POST /api/quarantine/bulk-release (not a dry run), and GET /api/quarantine/bulk-release/{jobId}. */
export const BulkReleaseJob = Type.Object({
  id: Id,
  state: BulkJobState,
  total: Type.Integer(),
  released: Type.Integer(),
  failed: Type.Integer(),
  createdBy: Type.String(),
  createdDateTime: IsoDateTime,
  finishedDateTime: Type.Union([IsoDateTime, Type.Null()]),
});
export type BulkReleaseJob = Static<typeof BulkReleaseJob>;

/** GET /api/quarantine/bulk-release: the newest jobs first. */
export const BulkReleaseJobList = Type.Object({ items: Type.Array(BulkReleaseJob) });
export type BulkReleaseJobList = Static<typeof BulkReleaseJobList>;

/** POST /api/quarantine/{id}/release-submit-allow: release, store the analyzer's verdict as an admin submission, and create an allow entry. */
export const ReleaseSubmitAllowRequest = Type.Object(
  {
    /** The allow entry: the sender's address or its domain. */
    allow: Type.Object({
      scope: literalUnion(['address', 'domain'] as const),
      /** As for any allow entry (days, a date, or 45 days after last used). */
      expiration: Expiration,
      note: Type.Optional(Type.String({ maxLength: 500 })),
    }, { additionalProperties: false }),
    /** true: only answer which other quarantined messages the entry would let through. */
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ReleaseSubmitAllowRequest = Static<typeof ReleaseSubmitAllowRequest>;

export const ReleaseSubmitAllowResult = Type.Object({
  /** Other quarantined messages (not yet released) the allow entry would let through. */
  alsoLetThrough: Type.Array(Type.Object({ id: Id, recipient: Type.String(), sender: Type.String(), subject: Type.String() })),
  /** Set when not a dry run. */
  submissionId: Type.Union([Id, Type.Null()]),
  allowEntryId: Type.Union([Id, Type.Null()]),
  released: Type.Boolean(),
});
export type ReleaseSubmitAllowResult = Static<typeof ReleaseSubmitAllowResult>;
