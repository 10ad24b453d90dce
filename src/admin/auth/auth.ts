/**
 * How the portal knows who is signed in, whichever way the server says to sign in:
 * - `oneTimeLink` (the embedded default): /admin/sign-in#code=… is exchanged once for a
 *   session token (POST /api/portal/one-time-link), kept for the tab (session-store.ts);
 * - `oidc`: authorization code + PKCE with the organisation's provider (oidc.ts, loaded lazily).
 * Pages see only this interface.
 */
import type { PortalConfig, PortalSession } from '../../contracts/portal';
import type { Role } from '../../contracts/roles';
import type { PortalApi } from '../api/client';
import { BASE } from '../routing/routes';
import { codeFromHash, forgetSession, readSession, writeSession } from './session-store';

export interface PortalUser {
  email: string;
  roles: readonly Role[];
}

export interface Auth {
  kind: 'oneTimeLink' | 'oidc';
  user(): PortalUser | null;
  /** The bearer token for /api, or null when signed out. */
  token(): Promise<string | null>;
  /** Starts an interactive sign-in that comes back to `target` (OIDC only). */
  signIn(target: string): Promise<void>;
  /** Forgets the session; 'redirected' when the provider's sign-out page takes over. */
  signOut(): Promise<'redirected' | 'local'>;
  /** Called when the session ends by itself (expiry, failed renewal). */
  onEnded(listener: () => void): () => void;
}

export type CanDo = 'change' | 'read';

/** What a signed-in user may do in the portal; the API enforces the same, this hides buttons. */
export function permissionsOf(user: PortalUser | null) {
  const roles = user?.roles ?? [];
  const admin = roles.includes('SecurityAdministrator');
  return {
    read: admin || roles.includes('SecurityReader'),
    change: admin,
    quarantine: admin || roles.includes('QuarantineAdministrator'),
    /** Reads the quarantine: the security team, and quarantine administrators (who see nothing else). */
    quarantineRead: admin || roles.includes('SecurityReader') || roles.includes('QuarantineAdministrator'),
    any: roles.length > 0,
  };
}

export type Permissions = ReturnType<typeof permissionsOf>;

function oneTimeLinkAuth(storage: Storage): Auth {
  const ended = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watchExpiry = () => {
    if (timer) clearTimeout(timer);
    const session = readSession(storage);
    if (!session) return;
    const left = Date.parse(session.expiresDateTime) - Date.now();
    // setTimeout holds at most ~24.8 days; a working day is far below that.
    timer = setTimeout(() => {
      forgetSession(storage);
      ended.forEach((listener) => listener());
    }, Math.max(0, Math.min(left, 2 ** 31 - 1)));
  };
  watchExpiry();
  return {
    kind: 'oneTimeLink',
    user: () => readSession(storage)?.user ?? null,
    token: async () => readSession(storage)?.token ?? null,
    signIn: async () => undefined,
    signOut: async () => {
      if (timer) clearTimeout(timer);
      forgetSession(storage);
      return 'local';
    },
    onEnded: (listener) => {
      ended.add(listener);
      return () => ended.delete(listener);
    },
  };
}

export interface Started {
  auth: Auth;
  /** Where to go once signed in (the page the admin was on, or the overview). */
  returnTo: string | null;
  /** The sign-in link's code was refused: why (an ErrorBody code). */
  failure: unknown;
}

/**
 * Reads the sign-in kind and finishes a sign-in in progress: a one-time link in the address
 * (its code is removed from the address bar at once, redeemed or not), or the provider's
 * redirect back.
 */
export async function startAuth(config: PortalConfig, api: PortalApi, location: Location, storage: Storage): Promise<Started> {
  if (config.signIn.kind === 'oidc') {
    const { startOidc } = await import(/* webpackChunkName: "admin-oidc" */ './oidc.js');
    try {
      const { auth, returnTo } = await startOidc(config.signIn, location, storage);
      return { auth, returnTo, failure: null };
    } catch (failure) {
      const { startOidc: again } = await import('./oidc.js');
      // A failed callback (refused consent, stale state) leaves a usable signed-out portal.
      const fresh = await again(config.signIn, { ...location, search: '', pathname: `${BASE}/signed-out` } as Location, storage);
      return { auth: fresh.auth, returnTo: null, failure };
    }
  }
  const auth = oneTimeLinkAuth(storage);
  // The printed link is /admin/sign-in#code=…; a code in the fragment of any portal address works.
  const code = codeFromHash(location.hash);
  if (!code) return { auth, returnTo: null, failure: null };
  try {
    const session: PortalSession = await api.redeemLink(code);
    writeSession(storage, session);
    const fresh = oneTimeLinkAuth(storage);
    return { auth: fresh, returnTo: `${BASE}/`, failure: null };
  } catch (failure) {
    return { auth, returnTo: null, failure };
  }
}
