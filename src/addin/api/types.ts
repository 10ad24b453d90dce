/**
 * The seams the API client needs, written as small interfaces so tests can pass fakes.
 */

/** The subset of `fetch` the client uses. */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** Supplies bearer tokens. `invalidate` drops a cached token the server has just refused. */
export interface TokenSource {
  token(): Promise<string>;
  invalidate(): void;
}

/** A user's own sender lists, as the API names them: /api/me/safe-senders, /api/me/blocked-senders. */
export type SenderListKind = 'safe' | 'blocked';

/** What a removal found: the entry was there and is gone, or it was already gone (a 404 for the value). */
export type RemoveSenderOutcome = 'removed' | 'alreadyGone';
