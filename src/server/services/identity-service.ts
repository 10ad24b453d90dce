/**
 * What the server tells clients about identity. In dev mode (embedded issuer AND a loopback
 * bind) anyone who can reach the server can get an end-user token for any address: that is
 * only acceptable because nobody but this machine can reach it. Admin roles are never handed
 * out this way; they come from `second-look token`.
 */
import type { AddinConfig, DevTokenRequest, DevTokenResponse } from '../../contracts/addin-config';
import { mintToken, type EmbeddedIssuer } from '../auth/embedded-issuer';
import type { AuthConfig } from '../config/config';
import { notFound } from './errors';
import type { Clock } from '../../core/time/clock';

export const DEV_TOKEN_LIFETIME_SECONDS = 8 * 3600;

export interface IdentityDeps {
  auth: AuthConfig;
  embedded: EmbeddedIssuer | undefined;
  devTokens: boolean;
  publicUrl: string;
  clock: Clock;
}

export class IdentityService {
  constructor(private readonly deps: IdentityDeps) {}

  jwks(): { keys: Array<Record<string, unknown>> } {
    if (!this.deps.embedded) throw notFound('the embedded issuer (tokens come from the configured OIDC provider)');
    return { keys: [{ ...this.deps.embedded.publicJwk }] };
  }

  addinConfig(): AddinConfig {
    const moreInfoUrl = `${this.deps.publicUrl}/addin/help.html`;
    const { auth } = this.deps;
    if (auth.kind === 'oidc') {
      return {
        auth: {
          mode: 'naa',
          clientId: auth.clientId,
          authority: auth.authority,
          apiScopes: auth.apiScopes,
          graphScopes: ['Mail.ReadWrite'],
        },
        moreInfoUrl,
      };
    }
    // Embedded issuer: the add-in asks /api/dev/token, which answers only on a loopback bind;
    // anywhere else it answers 404 and the add-in tells the user sign-in is not configured.
    return { auth: { mode: 'dev' }, moreInfoUrl };
  }

  async devToken(request: DevTokenRequest): Promise<DevTokenResponse> {
    if (!this.deps.devTokens || !this.deps.embedded) {
      throw notFound('dev tokens (they exist only with the embedded issuer on a loopback address)');
    }
    const minted = await mintToken(this.deps.embedded, {
      email: request.user.toLowerCase(),
      ...(request.displayName ? { displayName: request.displayName } : {}),
      lifetime: DEV_TOKEN_LIFETIME_SECONDS,
      now: this.deps.clock.now(),
    });
    return { token: minted.token, expiresAt: minted.expiresAt.toISOString() };
  }
}
