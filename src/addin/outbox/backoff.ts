/**
 * How long a report waits before its next try: exponential backoff with FULL JITTER.
 *
 * The window doubles with every failed send, 2 s, 4 s, 8 s … up to the cap, so a server that
 * is down for an hour costs a handful of requests and one that is back is noticed within the
 * cap. The wait itself is drawn uniformly from [0, window): after an outage every Outlook that
 * queued a report comes back at a different moment, not all at once on the same 2/4/8 s beat.
 *
 * Full jitter rather than decorrelated jitter because it needs nothing but the attempt count:
 * decorrelated jitter draws each wait from the previous one, which would have to be stored
 * with every entry and agreed on by the task pane and the command runtime that share the
 * outbox. Full jitter spreads clients at least as well and keeps each entry's stored form as
 * it is (attempts, nextAttemptAt).
 *
 * When the server says Retry-After, the report never goes earlier than that. Its wait is the
 * server's time plus the same jitter on top, because a server shedding load tells every client
 * the same number of seconds: honoured exactly, it would bring them all back together.
 *
 * The random source is injected (uniform in [0, 1), like Math.random) so tests can use a
 * seeded generator and get the same waits every run.
 */
export interface BackoffPolicy {
  /** The first window, after one failed send. */
  initialMs: number;
  /** The largest window, however many sends have failed. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 2_000, maxMs: 120_000 };

/** Uniform in [0, 1), as Math.random. */
export type RandomSource = () => number;

/** The window the wait after the `attempts`-th failed send (attempts ≥ 1) is drawn from: min(cap, initial·2^(attempts−1)). */
export function backoffWindow(attempts: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, attempts - 1);
  // 2 ** 30 ms is 12 days: past any sane cap, and far from overflowing.
  const window = policy.initialMs * 2 ** Math.min(exponent, 30);
  return Math.min(policy.maxMs, window);
}

/** A draw from `random`, held to [0, 1) whatever the source returns (NaN counts as 0). */
function unit(random: RandomSource): number {
  const value = random();
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1 - Number.EPSILON) : 0;
}

/** How long to wait after the `attempts`-th failed send: uniform in [0, backoffWindow(attempts)), whole milliseconds. */
export function backoffDelay(attempts: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: RandomSource = Math.random): number {
  return Math.floor(unit(random) * backoffWindow(attempts, policy));
}

/**
 * The wait before the next try: the jittered backoff, or, when the server asked for
 * `retryAfterMs`, that plus the jitter. Never less than what the server asked for.
 */
export function retryDelay(
  attempts: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: RandomSource = Math.random,
): number {
  const jitter = backoffDelay(attempts, policy, random);
  return retryAfterMs === undefined ? jitter : Math.max(0, retryAfterMs) + jitter;
}
