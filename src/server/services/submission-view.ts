/** Turns stored rows into the API's Submission shape (contracts), in one place. */
import type { Submission, SubmissionCategory, SubmissionSource, SubmissionStatus } from '../../contracts/submissions';
import type { SubmissionRow } from '../store/submissions-repo';

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
  };
}
