/**
 * Bearer token verification with jose against a JWKS: the embedded issuer's own key set, or
 * any OIDC provider's (Entra ID) by URL. Issuer and audience are always checked.
 */
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ROLES, type Role } from '../../contracts/roles';
import type { Principal } from '../../core/permissions';
import { VerifiedTokenCache } from './verified-cache';

export interface VerifierOptions {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
  clock: () => Date;
}

export class TokenError extends Error {}

export function localKeys(publicJwk: import('jose').JWK): JWTVerifyGetKey {
  return createLocalJWKSet({ keys: [publicJwk] });
}

export function remoteKeys(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl));
}

/** Entra ID puts the mailbox in `preferred_username` or `upn`; other issuers use `email`. */
function addressOf(payload: JWTPayload): string | undefined {
  for (const claim of ['email', 'preferred_username', 'upn']) {
    const value = payload[claim];
    if (typeof value === 'string' && value.includes('@')) return value.toLowerCase();
  }
  return undefined;
}

function rolesOf(payload: JWTPayload): Role[] {
  const raw = payload['roles'];
  if (!Array.isArray(raw)) return [];
  return raw.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
}

export function createVerifier(options: VerifierOptions) {
  const cache = new VerifiedTokenCache();
  return async function verify(token: string): Promise<Principal> {
    const now = options.clock().getTime();
    const cached = cache.get(token, now);
    if (cached) return cached;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        issuer: options.issuer,
        audience: options.audience,
        currentDate: options.clock(),
        clockTolerance: 60,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenError('the token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) throw new TokenError(`the token's ${error.claim} claim is not accepted here`);
      if (error instanceof errors.JOSEError) throw new TokenError('the token could not be verified');
      throw error;
    }
    const email = addressOf(payload);
    if (!email) throw new TokenError('the token names no mailbox address (email, preferred_username or upn)');
    const name = payload['name'];
    const principal: Principal = { email, roles: rolesOf(payload) };
    if (typeof name === 'string' && name) principal.displayName = name;
    if (typeof payload.exp === 'number') cache.set(token, principal, payload.exp * 1000, now);
    return principal;
  };
}

export type Verify = ReturnType<typeof createVerifier>;
