/**
 * The embedded issuer: with no outside identity provider configured, the server signs its own
 * tokens. Its key pair lives in the data folder (so `second-look token` and the server agree)
 * and its public half is published as a JWKS, exactly like an OIDC provider's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type CryptoKey } from 'jose';
import type { Role } from '../../contracts/roles';

const ALG = 'ES256';
const KEY_FILE = 'issuer-key.json';

export interface EmbeddedIssuer {
  issuer: string;
  audience: string;
  publicJwk: JWK;
  privateKey: CryptoKey;
}

export interface TokenRequest {
  email: string;
  displayName?: string;
  roles?: readonly Role[];
  /** Lifetime in seconds. */
  lifetime: number;
  now: Date;
}

/** Loads the key pair, creating it on first use (file mode 0600: it can mint admin tokens). */
export async function loadEmbeddedIssuer(dataDir: string, issuer: string, audience: string): Promise<EmbeddedIssuer> {
  const file = path.join(dataDir, KEY_FILE);
  let stored: { privateJwk: JWK; publicJwk: JWK };
  if (fs.existsSync(file)) {
    stored = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof stored;
  } else {
    const pair = await generateKeyPair(ALG, { extractable: true });
    const kid = `sl-${Date.now().toString(36)}`;
    stored = {
      privateJwk: { ...(await exportJWK(pair.privateKey)), kid, alg: ALG },
      publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: ALG, use: 'sig' },
    };
    fs.mkdirSync(dataDir, { recursive: true });
    // 'wx' so two processes starting at once cannot overwrite each other's key.
    try {
      fs.writeFileSync(file, JSON.stringify(stored), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      stored = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof stored;
    }
  }
  const privateKey = (await importJWK(stored.privateJwk, ALG)) as CryptoKey;
  return { issuer, audience, publicJwk: stored.publicJwk, privateKey };
}

export async function mintToken(issuer: EmbeddedIssuer, request: TokenRequest): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(request.now.getTime() / 1000);
  const expiresAt = new Date((issuedAt + request.lifetime) * 1000);
  const claims: Record<string, unknown> = { email: request.email, roles: [...(request.roles ?? [])] };
  if (request.displayName) claims['name'] = request.displayName;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, kid: issuer.publicJwk.kid ?? '' , typ: 'JWT' })
    .setIssuer(issuer.issuer)
    .setAudience(issuer.audience)
    .setSubject(request.email)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(issuer.privateKey);
  return { token, expiresAt };
}
