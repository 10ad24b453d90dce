/**
 * The outbox's vocabulary. A report enters the outbox before its first send and leaves it
 * only when the server has answered 2xx, so closing Outlook or losing the network in between
 * never loses it.
 */
import type { CreateSubmission, Submission, SubmissionCategory } from '../../contracts/submissions';
import type { Refusal } from '../refusal/refusal';

export type { KeyValueStorage } from '../office/storage';

/** `pending` will be retried; `failed` was refused for good and waits for the user to dismiss it. */
export type OutboxState = 'pending' | 'failed';

/** What the pane shows about a queued report (the payload itself is stored apart). */
export interface OutboxSummary {
  category: SubmissionCategory;
  internetMessageId: string;
  sender: string;
  subject: string;
}

export interface OutboxEntry {
  /** The Idempotency-Key, made once when the report is created and reused on every retry. */
  key: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Sends tried so far. */
  attempts: number;
  /** Epoch milliseconds before which the retry timer leaves this entry alone. */
  nextAttemptAt: number;
  state: OutboxState;
  /** Why the last send did not go through, for diagnostics (the server's English message for a refusal). Never shown. */
  lastError: string | null;
  /**
   * The server's refusal of a `failed` entry (status, code, reasons): what the pane words for
   * the user. Null while pending, and for an entry whose stored report was lost.
   */
  refusal: Refusal | null;
  /** True when the EML was too large to keep, so a retry sends the header block instead. */
  degraded: boolean;
  summary: OutboxSummary;
}

/** The result of one send, as the outbox needs to know it. */
export type SendResult =
  | { kind: 'accepted'; submission: Submission; created: boolean }
  /** No answer, 401, 408, 429 or 5xx: keep it and try again later, not before `retryAfterMs` if given. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** Any other 4xx: the server read it and said no. Retrying would get the same answer. */
  | { kind: 'rejected'; refusal: Refusal; message: string };

export type Sender = (submission: CreateSubmission, idempotencyKey: string) => Promise<SendResult>;

/** What happened to a report handed to the outbox. */
export type SubmitOutcome =
  | { kind: 'sent'; key: string; submission: Submission; created: boolean }
  | { kind: 'queued'; key: string; reason: string }
  | { kind: 'rejected'; key: string; refusal: Refusal; message: string }
  /** It could not be sent and could not be stored either; the user must try again. */
  | { kind: 'unsaved'; key: string; reason: string };

export interface FlushSummary {
  sent: Array<Extract<SubmitOutcome, { kind: 'sent' }>>;
  rejected: Array<Extract<SubmitOutcome, { kind: 'rejected' }>>;
  /** Entries still pending after this flush. */
  pending: number;
}
