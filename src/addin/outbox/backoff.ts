/**
 * Exponential backoff with a ceiling: 2 s, 4 s, 8 s … up to the cap, so a server that is down
 * for an hour costs a handful of requests, and one that is back is noticed within the cap.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 2_000, maxMs: 120_000 };

/** How long to wait after the `attempts`-th failed send (attempts ≥ 1). */
export function backoffDelay(attempts: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, attempts - 1);
  // 2 ** 30 ms is 12 days: past any sane cap, and far from overflowing.
  const delay = policy.initialMs * 2 ** Math.min(exponent, 30);
  return Math.min(policy.maxMs, delay);
}
