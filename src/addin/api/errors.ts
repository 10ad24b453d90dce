/**
 * What can go wrong talking to the server, split the way the outbox needs it: worth
 * retrying later (the server or the network is having a moment) or final (the server read
 * the request and refused it, with a stable code the add-in words for the user).
 */
import type { ErrorBody } from '../../contracts/common';
import { refusalFrom, type Refusal } from '../refusal/refusal';

/** The server answered with a non-2xx status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
    /** The server's ErrorBody when it sent one. */
    readonly body: ErrorBody | null,
    /** How long the server asked us to wait before trying again (Retry-After), if it said. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }

  /** The server's stable error code, when it gave one. */
  get code(): string | undefined {
    return this.body?.code;
  }

  /** What the server refused and why, as data the add-in words in the user's language. */
  get refusal(): Refusal {
    return refusalFrom(this.status, this.body);
  }
}

/**
 * Retry-After as milliseconds from `nowMs`: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Null when absent or unreadable; never negative.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

/** The request never got an answer: offline, DNS, TLS, refused connection, timeout. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';

  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

/** A route this server does not have yet (a 404 from a route a later version adds). */
export class FeatureUnavailableError extends Error {
  override readonly name = 'FeatureUnavailableError';

  constructor(readonly feature: string) {
    super(`This server does not offer ${feature} yet.`);
  }
}

/**
 * A 404 that means "this server has no such route" rather than "no such thing": the
 * server's not-found handler answers with code `no_route`; an older or foreign server may
 * send no code at all. A 404 with any other code (e.g. `not_found`) is about the resource.
 */
export function isMissingRoute(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 404) return false;
  return error.code === undefined || error.code === 'no_route';
}

/**
 * Statuses that say "try again later" rather than "no": 401 (the token expired; a new one
 * may work), 408 and 429 (the server asked us to slow down), and every 5xx.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 401 || status === 408 || status === 429 || status >= 500;
}

/** True when retrying the same request later may succeed. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof ApiError) return isRetryableStatus(error.status);
  return false;
}
