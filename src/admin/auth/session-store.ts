/**
 * The one-time link's session, kept in sessionStorage:
 * - it survives a reload and navigation within the tab, so a working day needs one link;
 * - it is gone when the tab closes, and other tabs and windows never see it, so a forgotten
 *   tab is the only place it lives (localStorage would keep it on disk for every tab);
 * - the browser never attaches it to a request by itself (a cookie would be), so no other
 *   site can make the browser use it: CSRF has nothing to ride on. The portal sends it only
 *   in the Authorization header of its own /api calls.
 * The server sets its lifetime (a working day); an expired one is dropped on read.
 */
import type { PortalSession } from '../../contracts/portal';

const KEY = 'second-look.portal.session';

export function readSession(storage: Storage, now: Date = new Date()): PortalSession | null {
  let raw: string | null;
  try {
    raw = storage.getItem(KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as PortalSession;
    if (typeof session.token !== 'string' || typeof session.expiresDateTime !== 'string' || !session.user) throw new Error('malformed');
    if (Date.parse(session.expiresDateTime) <= now.getTime()) {
      storage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    storage.removeItem(KEY);
    return null;
  }
}

export function writeSession(storage: Storage, session: PortalSession): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function forgetSession(storage: Storage): void {
  try {
    storage.removeItem(KEY);
  } catch {
    // Storage that cannot be written holds nothing to forget.
  }
}

/** The `code` from a sign-in link's fragment (`#code=…`), which never reaches a server log. */
export function codeFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const code = params.get('code');
  return code && /^[A-Za-z0-9_-]{16,128}$/.test(code) ? code : null;
}
