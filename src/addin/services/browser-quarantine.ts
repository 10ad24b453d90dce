/**
 * "My quarantine" in a plain browser, for clients where add-ins cannot run: the same API
 * client and the same token sources the add-in uses, with the user's identity coming from a
 * sign-in form instead of Outlook. No token code of its own:
 * - dev mode (the embedded issuer, loopback only): the address typed in is the user, as the
 *   add-in's dev mode takes Outlook's;
 * - naa mode: MSAL's createNestablePublicClientApplication falls back to a standard public
 *   client outside Outlook, so the token source's popup sign-in runs in the browser. The
 *   Entra ID app must list this page (…/addin/taskpane.html) as a single-page-application
 *   redirect URI for that popup to come back.
 */
import type { AddinAuthConfig } from '../../contracts/addin-config';
import { pickCatalog, pickLocale, type Catalog, type Locale } from '../../i18n';
import { createApiClient } from '../api/client';
import type { FetchLike, TokenSource } from '../api/types';
import { createTokenSources } from '../auth';
import type { MsalLoader } from '../auth/naa';
import type { UserIdentity } from '../office/types';
import { quarantineFromApi, type QuarantineService } from '../quarantine/quarantine';
import { deferredTokens, memoSuccess } from './create-services';

export interface BrowserEnvironment {
  fetch: FetchLike;
  baseUrl: string;
  /** The browser's language (navigator.language). */
  language: string;
  now: () => number;
  loadMsal?: MsalLoader;
}

export interface BrowserQuarantine {
  locale: Locale;
  strings: Catalog;
  quarantine: QuarantineService;
  /** How this server signs users in: dev asks for an address, naa for a Microsoft sign-in. */
  authMode(): Promise<AddinAuthConfig['mode']>;
  /** Signs in (as `address` in dev mode); rejects when no token could be had. */
  signIn(address: string): Promise<void>;
}

export function createBrowserQuarantine(env: BrowserEnvironment): BrowserQuarantine {
  let user: UserIdentity = { address: '', displayName: '' };
  let tokens: () => Promise<TokenSource> = () => Promise.reject(new Error('not wired yet'));
  const api = createApiClient({ baseUrl: env.baseUrl, fetch: env.fetch, tokens: deferredTokens(() => tokens()) });
  const config = memoSuccess(() => api.getConfig());
  tokens = memoSuccess(async () => {
    const { auth } = await config();
    const deps = { requestDevToken: api.requestDevToken, user: () => user, now: env.now };
    return createTokenSources(auth, env.loadMsal ? { ...deps, loadMsal: env.loadMsal } : deps).api;
  });
  return {
    locale: pickLocale(env.language),
    strings: pickCatalog(env.language),
    quarantine: quarantineFromApi(api),
    async authMode() {
      return (await config()).auth.mode;
    },
    async signIn(address) {
      user = { address: address.trim(), displayName: '' };
      const source = await tokens();
      source.invalidate();
      await source.token();
    },
  };
}
