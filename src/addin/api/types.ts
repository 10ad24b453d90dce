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
