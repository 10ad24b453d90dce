/**
 * Adapts the API client to the outbox's Sender: classifies every failure as "try later" or
 * "refused for good" (see isRetryableStatus), and gives a report stored by an earlier version
 * (without the reporter's language) the display language Outlook has now.
 */
import type { ApiClient } from '../api/client';
import { ApiError, isRetryableStatus } from '../api/errors';
import { withLocale } from '../report/build-submission';
import type { Sender } from './types';

export interface SenderOptions {
  /** Outlook's display language, for stored reports that carry none. */
  displayLanguage?: () => string;
}

export function senderFromApi(api: Pick<ApiClient, 'createSubmission'>, options: SenderOptions = {}): Sender {
  return async (submission, idempotencyKey) => {
    try {
      const body = options.displayLanguage ? withLocale(submission, options.displayLanguage()) : submission;
      const { submission: accepted, created } = await api.createSubmission(body, idempotencyKey);
      return { kind: 'accepted', submission: accepted, created };
    } catch (error) {
      if (error instanceof ApiError && !isRetryableStatus(error.status)) {
        return { kind: 'rejected', refusal: error.refusal, message: error.message };
      }
      // Network trouble, 401/408/429/5xx, and failures to get a token: all worth a later retry,
      // no sooner than the server asked (Retry-After on a 429 or 503).
      const reason = error instanceof Error ? error.message : String(error);
      const wait = error instanceof ApiError ? error.retryAfterMs : null;
      return wait === null ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs: wait };
    }
  };
}
