/**
 * How the portal signs in. With an outside OpenID provider, the browser signs in there
 * (authorization code + PKCE) and this service only says where. On the embedded default, the
 * server prints a one-time link (as Jupyter prints its token URL): opening it exchanges its code,
 * once, within 15 minutes, for a session token good for a working day. Links exist only while
 * the server is the issuer and binds to loopback: nobody else can reach it to use one.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { PortalConfig, PortalSession } from '../../contracts/portal/sign-in';
import type { Role } from '../../contracts/roles';
import type { Clock } from '../../core/time/clock';
import { mintToken, type EmbeddedIssuer } from '../auth/embedded-issuer';
import type { Store } from '../store/unit-of-work';
import { ServiceError } from './errors';

/** How long a printed link may wait to be opened. */
export const LINK_LIFETIME_MS = 15 * 60_000;
/** A portal session: a working day, without signing in again. */
export const SESSION_LIFETIME_SECONDS = 10 * 3600;
const CODE_BYTES = 32;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface PortalSignInDeps {
  store: Store;
  clock: Clock;
  publicUrl: string;
  /** The server's own issuer; undefined when an outside provider signs tokens. */
  embedded: EmbeddedIssuer | undefined;
  /** Why links are off for this configuration (not loopback, an outside provider); empty when on. */
  linkRefusals: readonly string[];
  oidc: { authority: string; clientId: string; scope: string } | undefined;
}

export class PortalSignInService {
  constructor(private readonly deps: PortalSignInDeps) {}

  /** GET /api/portal/config: what the portal's sign-in needs, before anyone is signed in. */
  config(): PortalConfig {
    const { oidc } = this.deps;
    return { signIn: oidc === undefined ? { kind: 'oneTimeLink' } : { kind: 'oidc', authority: oidc.authority, clientId: oidc.clientId, scope: oidc.scope } };
  }

  get linksEnabled(): boolean {
    return this.deps.embedded !== undefined && this.deps.linkRefusals.length === 0;
  }

  /** A fresh link for `email` (the banner's, and `second-look admin-link`'s). */
  async createLink(email: string, roles: readonly Role[]): Promise<{ url: string; expiresAt: Date }> {
    if (!this.linksEnabled) throw new ServiceError(404, 'not_found', `one-time sign-in links are off: ${this.deps.linkRefusals.join('; ') || 'an outside identity provider signs in'}`);
    const code = randomBytes(CODE_BYTES).toString('base64url');
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS);
    await this.deps.store.repos.signInLinks.deleteExpired(now.toISOString());
    await this.deps.store.repos.signInLinks.create({
      code_sha256: sha256(code),
      email: email.toLowerCase(),
      roles: JSON.stringify(roles),
      created_date_time: now.toISOString(),
      expires_date_time: expiresAt.toISOString(),
      used_date_time: null,
    });
    // In the fragment: browsers never send it to a server, nor log it in a Referer.
    return { url: `${this.deps.publicUrl}/admin/sign-in#code=${code}`, expiresAt };
  }

  /** POST /api/portal/one-time-link: the code, once, for a session. */
  async redeem(code: string): Promise<PortalSession> {
    const issuer = this.deps.embedded;
    if (issuer === undefined || !this.linksEnabled) throw new ServiceError(404, 'not_found', 'one-time sign-in links are off on this server');
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const session = await this.deps.store.transaction(async (unit) => {
      const link = await unit.signInLinks.consume(sha256(code), at);
      if (link === undefined) return undefined;
      await unit.audit.append([{ at, actor: link.email, action: 'portal.signedIn', targetType: 'portal', targetId: link.email, detail: { method: 'oneTimeLink' } }]);
      return link;
    });
    if (session === undefined) {
      throw new ServiceError(400, 'linkUsedOrExpired', 'this sign-in link was used already or has expired: run `second-look admin-link` for a new one');
    }
    const roles = JSON.parse(session.roles) as Role[];
    const { token, expiresAt } = await mintToken(issuer, { email: session.email, roles, lifetime: SESSION_LIFETIME_SECONDS, now });
    return { token, expiresDateTime: expiresAt.toISOString(), user: { email: session.email, roles } };
  }
}
