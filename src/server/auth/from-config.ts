import type { Config } from '../config/config';
import { loadEmbeddedIssuer, type EmbeddedIssuer } from './embedded-issuer';
import { createVerifier, localKeys, remoteKeys, type Verify } from './verifier';

/** The token verifier the config asks for, and the embedded issuer when we are our own. */
export async function authFromConfig(config: Config, now: () => Date): Promise<{ verify: Verify; embedded: EmbeddedIssuer | undefined }> {
  const { auth } = config;
  const pinned = { issuer: auth.issuer, audience: auth.audience, algorithms: auth.algorithms, clockSkewSeconds: auth.clockSkewSeconds, identity: auth.identity, clock: now };
  if (auth.kind === 'embedded') {
    const embedded = await loadEmbeddedIssuer(config.dataDir, auth.issuer, auth.audience);
    return { verify: createVerifier({ ...pinned, keys: localKeys(embedded.publicJwk) }), embedded };
  }
  return { verify: createVerifier({ ...pinned, keys: remoteKeys(auth.jwksUrl) }), embedded: undefined };
}
