/**
 * Bearer token verification with jose against a JWKS: the embedded issuer's own key set, or
 * any OIDC provider's (Entra ID) by URL. Pinned: issuer, audience, algorithms, and how far a
 * token's clock may be off. Who the token names is the core's rule (principalFromClaims).
 */
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { principalFromClaims, type IdentityRules } from '../../core/identity/claims';
import type { Principal } from '../../core/permissions';
import { VerifiedTokenCache } from './verified-cache';

export interface VerifierOptions {
  /** May hold `{tenantid}`: an Entra multi-tenant issuer, checked against the token's `tid`. */
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
  algorithms: string[];
  clockSkewSeconds: number;
  identity: IdentityRules;
  clock: () => Date;
}

export class TokenError extends Error {}

export function localKeys(publicJwk: JWK): JWTVerifyGetKey {
  return createLocalJWKSet({ keys: [publicJwk] });
}

export function remoteKeys(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 10_000, cooldownDuration: 30_000 });
}

/** The issuer a token must carry: a multi-tenant template filled with the token's own tenant. */
function expectedIssuer(template: string, payload: JWTPayload): string {
  const tid = typeof payload['tid'] === 'string' ? payload['tid'] : '';
  return template.replace('{tenantid}', tid);
}

export function createVerifier(options: VerifierOptions) {
  const cache = new VerifiedTokenCache();
  const templated = options.issuer.includes('{tenantid}');
  return async function verify(token: string): Promise<Principal> {
    const now = options.clock();
    const cached = cache.get(token, now.getTime());
    if (cached) return cached;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        ...(templated ? {} : { issuer: options.issuer }),
        audience: options.audience,
        algorithms: options.algorithms,
        requiredClaims: ['exp', 'iss'],
        currentDate: now,
        clockTolerance: options.clockSkewSeconds,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenError('the token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) throw new TokenError(`the token's ${error.claim} claim is not accepted here`);
      if (error instanceof errors.JOSEAlgNotAllowed) throw new TokenError('the token is signed with an algorithm this server does not accept');
      if (error instanceof errors.JOSEError) throw new TokenError('the token could not be verified');
      throw error;
    }
    if (templated && payload.iss !== expectedIssuer(options.issuer, payload)) throw new TokenError("the token's iss claim is not accepted here");
    // jose checks `iat` only against a maximum age; a token issued in the future is as suspect
    // as an expired one.
    if (typeof payload.iat === 'number' && payload.iat * 1000 > now.getTime() + options.clockSkewSeconds * 1000) {
      throw new TokenError("the token's iat claim is in the future");
    }
    const named = principalFromClaims(payload as Record<string, unknown>, options.identity);
    if (!named.ok) throw new TokenError(named.reason);
    if (typeof payload.exp === 'number') cache.set(token, named.principal, payload.exp * 1000, now.getTime());
    return named.principal;
  };
}

export type Verify = ReturnType<typeof createVerifier>;
