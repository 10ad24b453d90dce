/**
 * Production sign-in: nested app authentication. Outlook (the host) brokers the token for
 * the add-in's Entra ID app, so the user is not asked to sign in again. MSAL is loaded with
 * a dynamic import() so the task pane's first paint does not wait for it.
 */
import type { IPublicClientApplication } from '@azure/msal-browser';
import type { TokenSource } from '../api/types';

export interface NaaSettings {
  clientId: string;
  authority: string;
}

/** The part of @azure/msal-browser this module uses; injected in tests. */
export interface MsalLoader {
  (): Promise<{
    createNestablePublicClientApplication: (configuration: {
      auth: { clientId: string; authority: string };
    }) => Promise<Pick<IPublicClientApplication, 'acquireTokenSilent' | 'acquireTokenPopup'>>;
  }>;
}

export const loadMsalBrowser: MsalLoader = () => import('@azure/msal-browser');

/** Acquires tokens for any scopes through one lazily created MSAL client. */
export interface NaaClient {
  acquire(scopes: readonly string[], forceRefresh: boolean): Promise<string>;
}

export function createNaaClient(settings: NaaSettings, loadMsal: MsalLoader = loadMsalBrowser): NaaClient {
  let pca: ReturnType<typeof create> | null = null;

  async function create() {
    const msal = await loadMsal();
    return msal.createNestablePublicClientApplication({
      auth: { clientId: settings.clientId, authority: settings.authority },
    });
  }

  return {
    async acquire(scopes, forceRefresh) {
      pca ??= create().catch((error: unknown) => {
        pca = null; // let the next call try again
        throw error;
      });
      const client = await pca;
      const request = { scopes: [...scopes] };
      try {
        return (await client.acquireTokenSilent({ ...request, forceRefresh })).accessToken;
      } catch {
        // Silent fails on first use (consent) or when the session ended: ask the user.
        return (await client.acquireTokenPopup(request)).accessToken;
      }
    },
  };
}

export function createNaaTokenSource(client: NaaClient, scopes: readonly string[]): TokenSource {
  let forceRefresh = false;
  return {
    async token() {
      const token = await client.acquire(scopes, forceRefresh);
      forceRefresh = false;
      return token;
    },
    invalidate() {
      forceRefresh = true;
    },
  };
}
