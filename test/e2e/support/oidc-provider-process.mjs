/**
 * A real OpenID provider on loopback, run as its own Node process the way an outside issuer
 * runs: oidc-provider (ES-module only, so not loaded into Jest), with its own login and consent
 * pages (devInteractions). Started by support/oidc-provider.ts with one argument, the JSON of
 * ProviderSettings; it prints its issuer URL as the first line on stdout once it listens, and
 * exits when its parent goes away (stdin closes), so a crashed test run leaves nothing behind.
 *
 * What it is set up to issue is what Entra ID issues a single-page app, so the portal and the
 * server meet a provider that behaves like production:
 * - one public client (no secret: token_endpoint_auth_method none), authorization code + PKCE,
 *   with a refresh token for the SPA (Entra gives one without asking for offline_access);
 * - access tokens are JWTs for the API's audience (a resource indicator every request
 *   defaults to), signed RS256 with the key published at jwks_uri, carrying the mailbox
 *   (email, email_verified) and the app `roles`;
 * - the ID token carries preferred_username, email and roles, as Entra's does.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import Provider, { errors } from 'oidc-provider';

/** @type {{ portalOrigin: string, clientId: string, audience: string, apiScope: string, accounts: Array<{ login: string, email: string, name: string, roles: string[], accessTokenSeconds?: number }> }} */
const settings = JSON.parse(process.argv[2] ?? '{}');
const accounts = new Map(settings.accounts.map((account) => [account.login, account]));

/** The claims an account has; the provider gives each token the ones its scopes allow. */
function claimsOf(account) {
  return {
    sub: account.login,
    name: account.name,
    preferred_username: account.email,
    email: account.email,
    email_verified: true,
    roles: account.roles,
  };
}

// A fresh signing key each run: the server learns it from jwks_uri, as it would in production.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: `e2e-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' };

// The issuer names the port, so listen first and build the provider once the port is known.
const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: settings.clientId,
        client_name: 'Second Look admin portal',
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${settings.portalOrigin}/admin/sign-in`],
        post_logout_redirect_uris: [`${settings.portalOrigin}/admin/signed-out`],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // The dev login form takes any login name as the account id; only the listed ones exist.
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      return account && { accountId: id, claims: async () => claimsOf(account) };
    },
    // Roles ride with `profile`: Entra puts app roles in the ID token without a scope of their own.
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'roles'],
      email: ['email', 'email_verified'],
    },
    pkce: { required: () => true },
    // Entra issues a SPA a refresh token without prompt=consent; oidc-provider would drop
    // offline_access without it, and the portal's silent renewal needs the refresh token.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // What the server reads from an access token: the mailbox and the roles (the subject is `sub`).
    async extraTokenClaims(_ctx, token) {
      if (token.kind !== 'AccessToken') return undefined;
      const account = accounts.get(token.accountId);
      return account && { email: account.email, email_verified: true, name: account.name, roles: account.roles };
    },
    ttl: {
      // Short for an account that should see its session renewed during a test; an hour otherwise.
      AccessToken: (_ctx, token) => accounts.get(token.accountId)?.accessTokenSeconds ?? 3600,
      Session: 3600,
      Grant: 3600,
      Interaction: 600,
      IdToken: 3600,
      RefreshToken: 3600,
    },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Every request is for the API, as Entra reads the audience from the API's scope.
        defaultResource: async () => settings.audience,
        useGrantedResource: async () => true,
        async getResourceServerInfo(_ctx, indicator) {
          if (indicator !== settings.audience) throw new errors.InvalidTarget();
          return { scope: settings.apiScope, audience: settings.audience, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
  });
  server.on('request', provider.callback());
  process.stdout.write(`${issuer}\n`);
});

// The test holds stdin open; when it closes (the test ended or died), so do we.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
