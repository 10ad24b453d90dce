/**
 * The admin's review of a user report: "mark as" a result, with an optional personal message,
 * and (by default) a notice to the reporter in their language. Names follow Defender's
 * "Mark as and notify" (No threats found, Phishing, Spam).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, literalUnion } from '../common';

export const REVIEW_RESULTS = ['noThreatsFound', 'phishing', 'spam'] as const;
export const ReviewResult = literalUnion(REVIEW_RESULTS);
export type ReviewResult = Static<typeof ReviewResult>;

/** A report nobody has marked yet is `unreviewed`; the list filters on either. */
export const REVIEW_STATES = ['unreviewed', ...REVIEW_RESULTS] as const;
export const ReviewState = literalUnion(REVIEW_STATES);
export type ReviewState = Static<typeof ReviewState>;

/** What the reporter is told, and what the add-in shows for the message. */
export const Review = Type.Object({
  result: ReviewResult,
  /** The admin's personal message to the reporter, if any. */
  message: Type.Union([Type.String(), Type.Null()]),
  reviewedDateTime: Type.String({ format: 'date-time' }),
  /** The admin (their address), or `auto-resolve` when a decided cluster answered. */
  reviewedBy: Type.String(),
});
export type Review = Static<typeof Review>;

const markFields = {
  result: ReviewResult,
  /** Send the reporter a notice (default). */
  notify: Type.Optional(Type.Boolean({ default: true })),
  message: Type.Optional(Type.String({ maxLength: 2000 })),
};

/** POST /api/submissions/{id}/mark and POST /api/clusters/{id}/mark. */
export const MarkRequest = Type.Object(markFields, { additionalProperties: false });
export type MarkRequest = Static<typeof MarkRequest>;

/** POST /api/submissions/mark: the same for a selection. */
export const BulkMarkRequest = Type.Object(
  { ...markFields, ids: Type.Array(Id, { minItems: 1, maxItems: 1000, uniqueItems: true }) },
  { additionalProperties: false },
);
export type BulkMarkRequest = Static<typeof BulkMarkRequest>;

export const MarkOutcome = Type.Object({
  id: Id,
  review: Review,
  /** The queued notice, when one was sent. */
  noticeId: Type.Union([Id, Type.Null()]),
});
export type MarkOutcome = Static<typeof MarkOutcome>;

export const MarkResponse = Type.Object({ items: Type.Array(MarkOutcome) });
export type MarkResponse = Static<typeof MarkResponse>;
