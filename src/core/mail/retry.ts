/**
 * When a mail that did not go through is tried again: the wait doubles with every try (first,
 * 2×, 4×, …) up to a cap, and each wait is shortened by a random part of up to `jitter`, so the
 * mails one relay outage held back do not all return in the same second.
 */
export interface RetryPolicy {
  /** The wait after the first failed try, in ms. */
  firstDelayMs: number;
  /** No wait is longer than this, in ms. */
  maxDelayMs: number;
  /** The largest share of a wait taken off at random (0 to 1). */
  jitter: number;
}

/** Waits of an hour at most, each up to a fifth shorter at random. */
export const MAX_RETRY_DELAY_MS = 3_600_000;
export const RETRY_JITTER = 0.2;

/** The wait before the next try after `attempts` tries (1 or more); `random` returns [0, 1). */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: () => number): number {
  const doublings = Math.min(Math.max(attempts, 1) - 1, 40);
  const capped = Math.min(policy.firstDelayMs * 2 ** doublings, Math.max(policy.maxDelayMs, policy.firstDelayMs));
  return Math.round(capped * (1 - policy.jitter * Math.min(Math.max(random(), 0), 1)));
}
