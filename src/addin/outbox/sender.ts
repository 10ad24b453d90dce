/**
 * Adapts the API client to the outbox's Sender: classifies every failure as "try later" or
 * "refused for good" (see isRetryableStatus).
 */
import type { ApiClient } from '../api/client';
import { ApiError, isRetryableStatus } from '../api/errors';
import type { Sender } from './types';

export function senderFromApi(api: Pick<ApiClient, 'createSubmission'>): Sender {
  return async (submission, idempotencyKey) => {
    try {
      const { submission: accepted, created } = await api.createSubmission(submission, idempotencyKey);
      return { kind: 'accepted', submission: accepted, created };
    } catch (error) {
      if (error instanceof ApiError && !isRetryableStatus(error.status)) {
        return { kind: 'rejected', status: error.status, message: error.message };
      }
      // Network trouble, 401/408/429/5xx, and failures to get a token: all worth a later retry,
      // no sooner than the server asked (Retry-After on a 429 or 503).
      const reason = error instanceof Error ? error.message : String(error);
      const wait = error instanceof ApiError ? error.retryAfterMs : null;
      return wait === null ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs: wait };
    }
  };
}
