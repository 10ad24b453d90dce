import type { Config } from '../config/config';
import { loadEmbeddedIssuer, type EmbeddedIssuer } from './embedded-issuer';
import { createVerifier, localKeys, remoteKeys, type Verify } from './verifier';

/** The token verifier the config asks for, and the embedded issuer when we are our own. */
export async function authFromConfig(config: Config, now: () => Date): Promise<{ verify: Verify; embedded: EmbeddedIssuer | undefined }> {
  const { auth } = config;
  if (auth.kind === 'embedded') {
    const embedded = await loadEmbeddedIssuer(config.dataDir, auth.issuer, auth.audience);
    return { verify: createVerifier({ issuer: auth.issuer, audience: auth.audience, keys: localKeys(embedded.publicJwk), clock: now }), embedded };
  }
  return { verify: createVerifier({ issuer: auth.issuer, audience: auth.audience, keys: remoteKeys(auth.jwksUrl), clock: now }), embedded: undefined };
}
