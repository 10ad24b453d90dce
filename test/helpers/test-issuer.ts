/**
 * An outside token issuer for tests: an RSA key pair whose public half is served as a JWKS over
 * loopback HTTP, as Entra ID or any OpenID provider publishes its keys. Tokens are signed with
 * whatever claims a test needs, including ones a real provider would never issue.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const OTHER_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
export const ENTRA_ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
export const AUDIENCE = 'api://second-look-test';

export interface TestIssuer {
  jwksUrl: string;
  /** The issuer's own private key as a Node KeyObject, which jose lets sign with any RSA algorithm. */
  keyObject: KeyObject;
  sign(claims: Record<string, unknown>, options?: { alg?: string; key?: CryptoKey | KeyObject | Uint8Array; issuer?: string; audience?: string; expiresIn?: number; issuedAt?: number }): Promise<string>;
  /** Server configuration that trusts this issuer. */
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function startTestIssuer(now: () => Date, issuer = ENTRA_ISSUER): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discovery/keys`;
  return {
    jwksUrl,
    keyObject: createPrivateKey({ key: await exportJWK(privateKey), format: 'jwk' }),
    async sign(claims, options = {}) {
      const iat = options.issuedAt ?? Math.floor(now().getTime() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: 'test-key', typ: 'JWT' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + (options.expiresIn ?? 3600))
        .sign(options.key ?? privateKey);
    },
    env(extra = {}) {
      return { SECOND_LOOK_JWKS_URL: jwksUrl, SECOND_LOOK_ISSUER: issuer, SECOND_LOOK_AUDIENCE: AUDIENCE, SECOND_LOOK_CLIENT_ID: 'test-client', ...extra };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Entra ID access-token claims for a work account. */
export function entraClaims(upn: string, oid: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { tid: TENANT, oid, upn, preferred_username: upn, name: upn.split('@')[0], ...extra };
}
