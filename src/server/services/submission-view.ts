/** Turns stored rows into the API's Submission shape (contracts), in one place. */
import type { ReviewResult } from '../../contracts/portal/review';
import type { Submission, SubmissionCategory, SubmissionSource, SubmissionStatus } from '../../contracts/submissions';
import { searchableText } from '../store/search-text';
import type { SubmissionRow } from '../store/submissions-repo';

/** The columns a new row starts with: not reviewed, not clustered, its sender's domain. */
export type NewRowState = Pick<SubmissionRow, 'review_result' | 'review_message' | 'reviewed_date_time' | 'reviewed_by' | 'cluster_id' | 'sender_domain' | 'reporter_locale' | 'subject_folded'>;

export function newRowState(sender: string, subject: string, reporterLocale: string | null = null): NewRowState {
  const at = sender.lastIndexOf('@');
  return {
    review_result: null,
    review_message: null,
    reviewed_date_time: null,
    reviewed_by: null,
    cluster_id: null,
    reporter_locale: reporterLocale,
    subject_folded: searchableText(subject),
    sender_domain: at === -1 ? '' : sender.slice(at + 1).toLowerCase(),
  };
}

export function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    category: row.category as SubmissionCategory,
    source: row.source as SubmissionSource,
    status: row.status as SubmissionStatus,
    internetMessageId: row.internet_message_id,
    recipientEmailAddress: row.recipient_email_address,
    toRecipients: JSON.parse(row.to_recipients) as string[],
    sender: row.sender,
    subject: row.subject,
    receivedDateTime: row.received_date_time,
    createdDateTime: row.created_date_time,
    createdBy: row.created_by_name === null ? { email: row.created_by_email } : { email: row.created_by_email, displayName: row.created_by_name },
    comment: row.comment,
    hasMessage: row.message_sha256 !== null,
    originalSubmissionId: row.original_submission_id,
    result: row.result === null ? null : (JSON.parse(row.result) as Record<string, unknown>),
    review: row.review_result === null || row.reviewed_date_time === null
      ? null
      : { result: row.review_result as ReviewResult, message: row.review_message, reviewedDateTime: row.reviewed_date_time, reviewedBy: row.reviewed_by ?? '' },
    clusterId: row.cluster_id,
  };
}
