/**
 * Sign-in with the organisation's OpenID provider: authorization code + PKCE, entirely by
 * oidc-client-ts (no token handling of our own). It is loaded only when the server says the
 * portal signs in this way, so the one-time-link portal never downloads it.
 *
 * A working day without a new sign-in: `offline_access` asks for a refresh token, and
 * automaticSilentRenew uses it shortly before the access token expires (a refresh-token
 * grant, a plain fetch to the token endpoint: no hidden iframe, which the portal's
 * frame-ancestors 'none' would refuse anyway). Tokens live in sessionStorage, per tab.
 */
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { PortalSignIn } from '../../contracts/portal';
import type { Role } from '../../contracts/roles';
import { BASE } from '../routing/routes';
import type { Auth, PortalUser } from './auth';

type OidcSettings = Extract<PortalSignIn, { kind: 'oidc' }>;

const ROLES: readonly Role[] = ['SecurityAdministrator', 'SecurityReader', 'QuarantineAdministrator'];

/** The scopes asked for: the server's, plus what sign-in and refresh need. */
export function scopesFor(configured: string): string {
  const scopes = configured.split(/\s+/).filter(Boolean);
  for (const needed of ['openid', 'profile', 'offline_access']) if (!scopes.includes(needed)) scopes.push(needed);
  return scopes.join(' ');
}

/** Who signed in, from the ID token's claims as oidc-client-ts verified and parsed them. */
export function userOf(user: User): PortalUser {
  const profile = user.profile as Record<string, unknown>;
  const email = [profile['preferred_username'], profile['upn'], profile['email']].find((v): v is string => typeof v === 'string') ?? user.profile.sub;
  const claimed = Array.isArray(profile['roles']) ? (profile['roles'] as unknown[]) : [];
  return { email, roles: ROLES.filter((role) => claimed.includes(role)) };
}

export function createUserManager(settings: OidcSettings, origin: string, storage: Storage): UserManager {
  return new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    redirect_uri: `${origin}${BASE}/sign-in`,
    post_logout_redirect_uri: `${origin}${BASE}/signed-out`,
    response_type: 'code',
    scope: scopesFor(settings.scope),
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: storage }),
    stateStore: new WebStorageStateStore({ store: storage }),
  });
}

/** True when this address is the provider sending the browser back with a code. */
export function isRedirectCallback(location: Location): boolean {
  const params = new URLSearchParams(location.search);
  return location.pathname.startsWith(`${BASE}/sign-in`) && (params.has('code') || params.has('error')) && params.has('state');
}

export async function startOidc(settings: OidcSettings, location: Location, storage: Storage): Promise<{ auth: Auth; returnTo: string | null }> {
  const manager = createUserManager(settings, location.origin, storage);
  let returnTo: string | null = null;
  let user: User | null;
  if (isRedirectCallback(location)) {
    user = await manager.signinRedirectCallback();
    returnTo = typeof user.state === 'string' && user.state.startsWith(`${BASE}`) ? user.state : `${BASE}/`;
  } else {
    user = await manager.getUser();
  }
  if (user && user.expired) {
    try {
      user = await manager.signinSilent();
    } catch {
      await manager.removeUser();
      user = null;
    }
  }
  const ended = new Set<() => void>();
  manager.events.addUserLoaded((loaded) => {
    user = loaded;
  });
  manager.events.addSilentRenewError(() => ended.forEach((listener) => listener()));
  manager.events.addAccessTokenExpired(() => ended.forEach((listener) => listener()));

  const auth: Auth = {
    kind: 'oidc',
    user: () => (user && !user.expired ? userOf(user) : null),
    token: async () => (user && !user.expired ? user.access_token : null),
    signIn: async (target: string) => {
      await manager.signinRedirect({ state: target });
    },
    signOut: async () => {
      const idToken = user?.id_token;
      user = null;
      await manager.removeUser();
      try {
        // Ends the provider's session too, when it has an end-session endpoint.
        await manager.signoutRedirect(idToken ? { id_token_hint: idToken } : {});
        return 'redirected';
      } catch {
        return 'local';
      }
    },
    onEnded: (listener) => {
      ended.add(listener);
      return () => ended.delete(listener);
    },
  };
  return { auth, returnTo };
}
