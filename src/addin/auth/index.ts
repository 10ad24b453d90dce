/**
 * Chooses how the add-in gets tokens from the server's AddinConfig: for this server's API,
 * and (NAA only) for Microsoft Graph, which moves the reported message.
 */
import type { AddinAuthConfig, DevTokenRequest, DevTokenResponse } from '../../contracts/addin-config';
import type { TokenSource } from '../api/types';
import type { UserIdentity } from '../office/types';
import { createDevTokenSource } from './dev';
import { createNaaClient, createNaaTokenSource, type MsalLoader } from './naa';

export { createDevTokenSource } from './dev';
export type { DevTokenSourceOptions } from './dev';
export { createNaaClient, createNaaTokenSource, loadMsalBrowser } from './naa';
export type { MsalLoader, NaaClient, NaaSettings } from './naa';

export interface AddinTokens {
  api: TokenSource;
  /** Null when this mode cannot reach Graph (the dev issuer's tokens are only good here). */
  graph: TokenSource | null;
}

export interface TokenDeps {
  requestDevToken: (request: DevTokenRequest) => Promise<DevTokenResponse>;
  user: () => UserIdentity;
  now: () => number;
  loadMsal?: MsalLoader;
}

export function createTokenSources(auth: AddinAuthConfig, deps: TokenDeps): AddinTokens {
  if (auth.mode === 'dev') {
    return {
      api: createDevTokenSource({ requestToken: deps.requestDevToken, user: deps.user, now: deps.now }),
      graph: null,
    };
  }
  const client = createNaaClient({ clientId: auth.clientId, authority: auth.authority }, deps.loadMsal);
  return {
    api: createNaaTokenSource(client, auth.apiScopes),
    graph: auth.graphScopes.length > 0 ? createNaaTokenSource(client, auth.graphScopes) : null,
  };
}
