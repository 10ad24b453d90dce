/**
 * Production sign-in of the admin portal, end to end: real Chromium, the real triage server,
 * and a real OpenID provider on loopback (oidc-provider, run as its own process the way an
 * outside issuer runs). The server knows the provider only by its issuer, JWKS URL and the
 * API's audience; the browser goes through the provider's own login and consent pages
 * (authorization code + PKCE, public client), comes back to the portal signed in, calls /api
 * with the provider's access token, renews it by refresh token, and signs out at the provider.
 * A Security Reader signs in the same way, sees no button for a change, and the API refuses
 * that change (403) with the very token the portal holds.
 */
import fs from 'node:fs';
import net from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Overview } from '../../src/contracts/portal/overview';
import { tempDir } from '../helpers/server';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { startOidcProvider, type OidcProvider, type ProviderAccount } from './support/oidc-provider';
import { ADMIN, READER, goTo, seedReports, startPortalServer, type PortalServer, type Seeded } from './support/portal';
import { ensureWebBuild } from './support/web-build';

const run = chromiumAvailable('admin portal sign-in with an OpenID provider') ? describe : describe.skip;

const CLIENT_ID = 'second-look-portal';
const AUDIENCE = 'api://second-look';
const API_SCOPE = `${AUDIENCE}/access_as_user`;
/** oidc-client-ts renews 60 s before expiry: a 70 s access token renews 10 s after sign-in. */
const RENEWING_TOKEN_SECONDS = 70;

const ACCOUNTS: ProviderAccount[] = [
  { login: 'secops', email: ADMIN, name: 'Sam Secops', roles: ['SecurityAdministrator'], accessTokenSeconds: RENEWING_TOKEN_SECONDS },
  { login: 'auditor', email: READER, name: 'Ada Auditor', roles: ['SecurityReader'] },
];

/** A free loopback port: the portal's address is its redirect URI, registered before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface StoredUser {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
}

function claimsOf(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header = '', payload = ''] = jwt.split('.');
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString()), payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) };
}

run('admin portal: sign-in through an OpenID provider', () => {
  let browser: Browser;
  let provider: OidcProvider;
  let server: PortalServer;
  let seeded: Seeded;
  let dataDir: string;
  /** Where oidc-client-ts keeps the signed-in user (sessionStorage, this tab only). */
  let userKey: string;

  beforeAll(async () => {
    ensureWebBuild();
    browser = await launchChromium();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({ portalOrigin: origin, clientId: CLIENT_ID, audience: AUDIENCE, apiScope: API_SCOPE, accounts: ACCOUNTS });
    userKey = `oidc.user:${provider.issuer}:${CLIENT_ID}`;

    // Reports come from Outlook users, whose add-in signs in its own way; this suite is about
    // the portal. So they are made first, on the same data folder, by a server that is its own
    // issuer, and that server is then replaced by one that trusts the provider alone.
    dataDir = tempDir('second-look-oidc-');
    const reporting = await startPortalServer({}, { dataDir });
    seeded = await seedReports(reporting);
    await reporting.close();

    server = await startPortalServer(
      {
        SECOND_LOOK_PUBLIC_URL: origin,
        SECOND_LOOK_ISSUER: provider.issuer,
        SECOND_LOOK_JWKS_URL: provider.jwksUrl,
        SECOND_LOOK_AUDIENCE: AUDIENCE,
        SECOND_LOOK_TOKEN_ALGORITHMS: 'RS256',
        SECOND_LOOK_CLIENT_ID: 'second-look-addin',
        SECOND_LOOK_PORTAL_CLIENT_ID: CLIENT_ID,
        SECOND_LOOK_PORTAL_SCOPE: `openid profile email offline_access ${API_SCOPE}`,
      },
      { port, dataDir },
    );
    expect(server.origin).toBe(origin);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await provider?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'Europe/Copenhagen' });
    // Only loopback exists here: the provider's pages @import a web font from the Internet.
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  async function storedUser(page: Page): Promise<StoredUser | null> {
    const raw = (await page.evaluate(`sessionStorage.getItem(${JSON.stringify(userKey)})`)) as string | null;
    return raw ? (JSON.parse(raw) as StoredUser) : null;
  }

  /**
   * Resolves once the tab holds another access token than `previous`. Not waitForFunction:
   * it evaluates its predicate with eval, which the portal's CSP rightly refuses.
   */
  async function tokenChangedFrom(page: Page, previous: string): Promise<void> {
    await page.evaluate(`new Promise((resolve) => {
      const check = () => JSON.parse(sessionStorage.getItem(${JSON.stringify(userKey)}) ?? '{}').access_token !== ${JSON.stringify(previous)} ? resolve() : setTimeout(check, 50);
      check();
    })`);
  }

  /** From the signed-out portal through the provider's real login and consent pages, and back. */
  async function signIn(page: Page, login: string): Promise<void> {
    await page.goto(`${server.origin}/admin/`);
    await page.locator('[data-testid=signed-out][data-reason=none]').waitFor();
    // The authorization request: code flow with a PKCE challenge, for the portal's client.
    const authorize = page.waitForRequest((r) => r.url().startsWith(`${provider.issuer}/auth?`));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const request = new URL((await authorize).url());
    expect(request.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(request.searchParams.get('response_type')).toBe('code');
    expect(request.searchParams.get('code_challenge_method')).toBe('S256');
    expect(request.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(request.searchParams.get('redirect_uri')).toBe(`${server.origin}/admin/sign-in`);
    expect(request.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', API_SCOPE]));

    // The provider's own login page (its dev interactions take any password).
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign-in', exact: true }).click();
    // Its consent page: the portal asks for the API's scope.
    await page.getByText(API_SCOPE, { exact: true }).waitFor();
    const exchange = page.waitForRequest((r) => r.url() === `${provider.issuer}/token` && (r.postData() ?? '').includes('grant_type=authorization_code'));
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    // A public client proves the code with its verifier; it has no secret to send.
    const body = new URLSearchParams((await exchange).postData() ?? '');
    expect(body.get('code_verifier')).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(body.get('client_id')).toBe(CLIENT_ID);
    expect(body.has('client_secret')).toBe(false);
    await page.getByTestId('signed-in-user').waitFor();
  }

  test('an admin signs in at the provider, works with its token, renews it, and signs out there', async () => {
    const { context, page } = await newPage();
    const overviewCall = page.waitForRequest((r) => r.url().startsWith(`${server.origin}/api/overview`));
    await signIn(page, 'secops');

    expect(await page.getByTestId('signed-in-user').textContent()).toBe(ADMIN);
    expect(page.url()).toBe(`${server.origin}/admin`);
    expect(page.url()).not.toContain('code=');
    expect(await page.getByTestId('read-only').count()).toBe(0);

    // The provider's access token: a JWT for the API, with the stable subject and the roles.
    const user = await storedUser(page);
    if (!user) throw new Error('no signed-in user in sessionStorage');
    const { header, payload } = claimsOf(user.access_token);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(payload).toMatchObject({ iss: provider.issuer, aud: AUDIENCE, sub: 'secops', client_id: CLIENT_ID, email: ADMIN, roles: ['SecurityAdministrator'] });
    expect(user.refresh_token).toEqual(expect.any(String));

    // The Overview loads through /api with that token as a bearer, and shows what it answered.
    const request = await overviewCall;
    expect(request.headers()['authorization']).toBe(`Bearer ${user.access_token}`);
    const response = await request.response();
    expect(response?.status()).toBe(200);
    const overview = (await response?.json()) as Overview;
    expect(overview.open).toBeGreaterThan(0);
    await page.getByTestId('kpi-open').waitFor();
    expect(await page.getByTestId('kpi-open').textContent()).toContain(String(overview.open));

    // Before the access token expires, the portal renews it with the refresh token (a fetch to
    // the provider's token endpoint, which the portal's CSP allows), and calls /api with the new one.
    const refresh = await page.waitForRequest((r) => r.url() === `${provider.issuer}/token` && (r.postData() ?? '').includes('grant_type=refresh_token'), { timeout: 30_000 });
    expect(new URLSearchParams(refresh.postData() ?? '').get('refresh_token')).toBe(user.refresh_token);
    const answer = await refresh.response();
    expect(answer?.status()).toBe(200);
    const issued = (await answer?.json()) as { access_token: string };
    await tokenChangedFrom(page, user.access_token);
    const renewed = await storedUser(page);
    expect(renewed?.access_token).toBe(issued.access_token);
    const listCall = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/submissions');
    await goTo(page, '/admin/submissions');
    const list = await listCall;
    expect(list.headers()['authorization']).toBe(`Bearer ${issued.access_token}`);
    expect((await list.response())?.status()).toBe(200);
    await page.getByTestId('submission-row').first().waitFor();
    expect(await page.getByTestId('signed-in-user').textContent()).toBe(ADMIN);

    // Sign out: the provider's own sign-out page, then back to the portal's signed-out page,
    // with nothing of the session left in the tab.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.locator('[data-testid=signed-out][data-reason=signedOut]').waitFor();
    expect(page.url()).toBe(`${server.origin}/admin/signed-out`);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);

    // The provider's session ended too: signing in again asks for the login once more.
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('input[name=login]').waitFor();
    await context.close();
  }, 90_000);

  test('a Security Reader signs in, sees no button for a change, and the API refuses it with the same token', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'auditor');
    expect(await page.getByTestId('signed-in-user').textContent()).toBe(READER);
    await page.getByTestId('read-only').waitFor();

    await goTo(page, '/admin/submissions');
    await page.getByTestId('submission-row').first().waitFor();
    expect(await page.getByTestId('quick-no-threats').count()).toBe(0);
    expect(await page.locator('[data-testid=submissions-table] input[type=checkbox]').count()).toBe(0);
    await goTo(page, `/admin/submissions/${seeded.invoice.id}`);
    await page.getByTestId('download-eml').waitFor();
    expect(await page.getByTestId('mark').count()).toBe(0);

    // The token the portal holds reads, and is refused the change the page did not offer.
    const user = await storedUser(page);
    if (!user) throw new Error('no signed-in user in sessionStorage');
    const authorization = `Bearer ${user.access_token}`;
    const read = await fetch(`${server.origin}/api/submissions/${seeded.invoice.id}`, { headers: { authorization } });
    expect(read.status).toBe(200);
    const change = await fetch(`${server.origin}/api/submissions/${seeded.invoice.id}/mark`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ result: 'noThreatsFound', notify: false }),
    });
    expect(change.status).toBe(403);
    await context.close();
  }, 60_000);
});
