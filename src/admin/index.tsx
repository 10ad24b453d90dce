/**
 * The admin portal's entry: learn how this server signs admins in (GET /api/portal/config),
 * finish a sign-in in progress (a one-time link's code, or the provider's redirect back),
 * take the code out of the address bar, and render the portal.
 */
import { createRoot } from 'react-dom/client';
import type { PortalConfig } from '../contracts/portal';
import { isPortalLocale, pickPortalLocale, type PortalLocale } from '../i18n/portal';
import { createApi } from './api/client';
import { startAuth } from './auth/auth';
import { LOCALE_KEY, Root } from './app/Root';

function initialLocale(): PortalLocale {
  try {
    const chosen = window.localStorage.getItem(LOCALE_KEY);
    if (isPortalLocale(chosen)) return chosen;
  } catch {
    // Storage unavailable: follow the browser.
  }
  return pickPortalLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

async function portalConfig(): Promise<PortalConfig> {
  try {
    return await createApi({ token: async () => null }).portalConfig();
  } catch {
    // A server without the configuration route signs in with one-time links (the default).
    return { signIn: { kind: 'oneTimeLink' } };
  }
}

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('admin.html has no #root element');
  const config = await portalConfig();
  const started = await startAuth(config, createApi({ token: async () => null }), window.location, window.sessionStorage);
  if (started.returnTo) {
    window.history.replaceState(null, '', started.returnTo);
  } else if (window.location.hash.includes('code=') || window.location.pathname.startsWith('/admin/sign-in')) {
    // A used or refused code must not stay in the address bar or the history.
    window.history.replaceState(null, '', '/admin/');
  }
  createRoot(container).render(<Root auth={started.auth} failure={started.failure} initialLocale={initialLocale()} />);
}

void main();
