import {
  createDevTokenSource,
  createNaaClient,
  createNaaTokenSource,
  createTokenSources,
  type MsalLoader,
} from '../../src/addin/auth';
import type { DevTokenRequest } from '../../src/contracts/addin-config';

const T0 = Date.parse('2025-03-04T09:00:00Z');

describe('dev token source', () => {
  function setup(lifetimeMs = 3_600_000) {
    const clock = { now: T0 };
    const requests: DevTokenRequest[] = [];
    const source = createDevTokenSource({
      now: () => clock.now,
      user: () => ({ address: 'alice@contoso.example', displayName: 'Alice Example' }),
      requestToken: async (request) => {
        requests.push(request);
        return { token: `token-${requests.length}`, expiresAt: new Date(clock.now + lifetimeMs).toISOString() };
      },
    });
    return { clock, requests, source };
  }

  it("asks for a token for the Outlook user's address and display name", async () => {
    const { source, requests } = setup();
    await expect(source.token()).resolves.toBe('token-1');
    expect(requests).toEqual([{ user: 'alice@contoso.example', displayName: 'Alice Example' }]);
  });

  it('caches the token until a minute before it expires', async () => {
    const { source, requests, clock } = setup();
    await source.token();
    clock.now += 3_600_000 - 60_001;
    await expect(source.token()).resolves.toBe('token-1');
    clock.now += 1;
    await expect(source.token()).resolves.toBe('token-2');
    expect(requests).toHaveLength(2);
  });

  it('shares one request between concurrent callers and refetches after invalidate()', async () => {
    const { source, requests } = setup();
    const [a, b] = await Promise.all([source.token(), source.token()]);
    expect([a, b]).toEqual(['token-1', 'token-1']);
    source.invalidate();
    await expect(source.token()).resolves.toBe('token-2');
    expect(requests).toHaveLength(2);
  });

  it('refuses when Outlook gives no user address, and tries again next time', async () => {
    let address = '';
    const source = createDevTokenSource({
      now: () => T0,
      user: () => ({ address, displayName: '' }),
      requestToken: async (request) => ({ token: `for-${request.user}`, expiresAt: new Date(T0 + 3_600_000).toISOString() }),
    });
    await expect(source.token()).rejects.toThrow(/who the user is/);
    address = 'bob@contoso.example';
    await expect(source.token()).resolves.toBe('for-bob@contoso.example');
  });
});

describe('nested app authentication', () => {
  function fakeMsal(options: { silentFails?: boolean } = {}) {
    const calls: string[] = [];
    let created = 0;
    const loader: MsalLoader = async () => ({
      createNestablePublicClientApplication: async (configuration) => {
        created += 1;
        calls.push(`create ${configuration.auth.clientId} ${configuration.auth.authority}`);
        return {
          acquireTokenSilent: async (request) => {
            calls.push(`silent ${request.scopes.join(' ')} force=${String(request.forceRefresh)}`);
            if (options.silentFails) throw new Error('InteractionRequired');
            return { accessToken: `silent:${request.scopes.join(' ')}` } as never;
          },
          acquireTokenPopup: async (request) => {
            calls.push(`popup ${request.scopes.join(' ')}`);
            return { accessToken: `popup:${request.scopes.join(' ')}` } as never;
          },
        };
      },
    });
    return { loader, calls, created: () => created };
  }

  const naaConfig = {
    mode: 'naa' as const,
    clientId: 'client-1',
    authority: 'https://login.microsoftonline.com/common',
    apiScopes: ['api://second-look/Submissions.ReadWrite'],
    graphScopes: ['Mail.ReadWrite'],
  };

  it('gets API and Graph tokens silently from one lazily created client', async () => {
    const msal = fakeMsal();
    const tokens = createTokenSources(naaConfig, {
      requestDevToken: async () => {
        throw new Error('not in naa mode');
      },
      user: () => ({ address: 'a@b.c', displayName: '' }),
      now: () => T0,
      loadMsal: msal.loader,
    });
    expect(msal.created()).toBe(0); // nothing loaded until a token is needed
    await expect(tokens.api.token()).resolves.toBe('silent:api://second-look/Submissions.ReadWrite');
    await expect(tokens.graph?.token()).resolves.toBe('silent:Mail.ReadWrite');
    expect(msal.created()).toBe(1);
    expect(msal.calls[0]).toBe('create client-1 https://login.microsoftonline.com/common');
  });

  it('falls back to a popup when silent acquisition fails', async () => {
    const msal = fakeMsal({ silentFails: true });
    const source = createNaaTokenSource(createNaaClient(naaConfig, msal.loader), ['Mail.ReadWrite']);
    await expect(source.token()).resolves.toBe('popup:Mail.ReadWrite');
    expect(msal.calls.slice(1)).toEqual(['silent Mail.ReadWrite force=false', 'popup Mail.ReadWrite']);
  });

  it('forces a refresh after invalidate()', async () => {
    const msal = fakeMsal();
    const source = createNaaTokenSource(createNaaClient(naaConfig, msal.loader), ['x']);
    await source.token();
    source.invalidate();
    await source.token();
    await source.token();
    expect(msal.calls.slice(1)).toEqual(['silent x force=false', 'silent x force=true', 'silent x force=false']);
  });

  it('dev mode has no Graph token source', () => {
    const tokens = createTokenSources(
      { mode: 'dev' },
      { requestDevToken: async () => ({ token: 't', expiresAt: '' }), user: () => ({ address: 'a@b.c', displayName: '' }), now: () => T0 },
    );
    expect(tokens.graph).toBeNull();
  });
});
