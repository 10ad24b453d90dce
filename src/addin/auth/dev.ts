/**
 * Dev mode: the embedded issuer hands out a token for the Outlook user's address at
 * POST /api/dev/token (the server only offers this on loopback). The token is cached until
 * shortly before it expires, and concurrent callers share one request.
 */
import type { DevTokenRequest, DevTokenResponse } from '../../contracts/addin-config';
import type { TokenSource } from '../api/types';
import type { UserIdentity } from '../office/types';

export interface DevTokenSourceOptions {
  requestToken: (request: DevTokenRequest) => Promise<DevTokenResponse>;
  user: () => UserIdentity;
  /** Epoch milliseconds. */
  now: () => number;
  /** Fetch a new token this long before the old one expires (default 60 s). */
  refreshMarginMs?: number;
}

export function createDevTokenSource(options: DevTokenSourceOptions): TokenSource {
  const margin = options.refreshMarginMs ?? 60_000;
  let cached: { token: string; expiresAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const user = options.user();
    if (user.address === '') throw new Error('Outlook did not say who the user is.');
    const request: DevTokenRequest = { user: user.address };
    if (user.displayName !== '') request.displayName = user.displayName;
    const response = await options.requestToken(request);
    const expiresAt = Date.parse(response.expiresAt);
    // An unparsable expiry is treated as "use once": never cached.
    cached = Number.isNaN(expiresAt) ? null : { token: response.token, expiresAt };
    return response.token;
  }

  return {
    async token() {
      if (cached && cached.expiresAt - margin > options.now()) return cached.token;
      inFlight ??= fetchToken().then(
        (token) => {
          inFlight = null;
          return token;
        },
        (error: unknown) => {
          inFlight = null;
          throw error;
        },
      );
      return inFlight;
    },
    invalidate() {
      cached = null;
    },
  };
}
