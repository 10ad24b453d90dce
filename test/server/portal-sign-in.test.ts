/**
 * The portal's sign-in, on SQLite and PostgreSQL. On the embedded default a one-time link
 * signs an admin in once, within 15 minutes, for a working day; only its hash is stored; it
 * exists only on a loopback bind. With an outside provider the portal is told where to sign in.
 */
import { createHash } from 'node:crypto';
import { main } from '../../src/cli';
import { openDatabase } from '../../src/server/store/database';
import { databaseKinds } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import { startTestIssuer } from '../helpers/test-issuer';

const codeOf = (url: string): string => new URL(url).hash.replace(/^#code=/, '');

describe.each(databaseKinds())('one-time sign-in links on %s', (kind) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer(kind);
  });
  afterEach(async () => server.close());

  const redeem = (code: string) => server.app.inject({ method: 'POST', url: '/api/portal/one-time-link', payload: { code } });

  test('a link signs its admin in once, for a working day, and the sign-in is audited', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/api/portal/config' })).json()).toEqual({ signIn: { kind: 'oneTimeLink' } });
    const { url, expiresAt } = await server.app.services.signIn.createLink('secops@contoso.example', ['SecurityAdministrator']);
    expect(url).toMatch(/^http:\/\/localhost:\d+\/admin\/sign-in#code=[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.toISOString()).toBe('2026-11-22T12:15:00.000Z');

    const first = await redeem(codeOf(url));
    expect(first.statusCode).toBe(200);
    const session = first.json();
    expect(session).toMatchObject({ expiresDateTime: '2026-11-22T22:00:00.000Z', user: { email: 'secops@contoso.example', roles: ['SecurityAdministrator'] } });
    const asAdmin = await server.app.inject({ method: 'GET', url: '/api/submissions', headers: { authorization: `Bearer ${session.token}` } });
    expect(asAdmin.statusCode).toBe(200);

    const again = await redeem(codeOf(url));
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('linkUsedOrExpired');

    const trail = await server.app.inject({ method: 'GET', url: '/api/audit?action=portal.signedIn', headers: { authorization: `Bearer ${session.token}` } });
    expect(trail.json().items).toEqual([expect.objectContaining({ actor: 'secops@contoso.example', targetType: 'portal', detail: { method: 'oneTimeLink' } })]);
  });

  test('two browsers opening one link at once: exactly one is signed in', async () => {
    const { url } = await server.app.services.signIn.createLink('secops@contoso.example', ['SecurityAdministrator']);
    const answers = await Promise.all([redeem(codeOf(url)), redeem(codeOf(url)), redeem(codeOf(url))]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400, 400]);
  });

  test('an expired link, an unknown code and a malformed one are refused; only the code\'s hash is kept', async () => {
    const { url } = await server.app.services.signIn.createLink('secops@contoso.example', ['SecurityReader']);
    const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
    try {
      const rows = await db.selectFrom('portal_sign_in_links').selectAll().execute();
      expect(rows.map((r) => r.code_sha256)).toEqual([createHash('sha256').update(codeOf(url)).digest('hex')]);
      expect(JSON.stringify(rows)).not.toContain(codeOf(url));
    } finally {
      await db.destroy();
    }
    server.clock.advance(15 * 60_000);
    expect((await redeem(codeOf(url))).json().code).toBe('linkUsedOrExpired');
    expect((await redeem('A'.repeat(43))).statusCode).toBe(400);
    expect((await redeem('short')).statusCode).toBe(400);
    expect((await redeem('not base64url!'.repeat(3))).statusCode).toBe(400);
  });
});

describe('where links do not exist', () => {
  test('a server that listens beyond loopback has no links, and says why', async () => {
    const server = await startTestServer('sqlite', { SECOND_LOOK_HOST: '0.0.0.0' });
    try {
      expect(server.app.services.signIn.linksEnabled).toBe(false);
      await expect(server.app.services.signIn.createLink('secops@contoso.example', ['SecurityAdministrator'])).rejects.toThrow(/binds to 0\.0\.0\.0/);
      expect((await server.app.inject({ method: 'POST', url: '/api/portal/one-time-link', payload: { code: 'A'.repeat(43) } })).statusCode).toBe(404);
    } finally {
      await server.close();
    }
  });

  test('with an outside provider the portal is told to sign in there', async () => {
    const issuer = await startTestIssuer(() => new Date());
    const server = await startTestServer('sqlite', issuer.env({ SECOND_LOOK_PORTAL_CLIENT_ID: 'portal-client' }));
    try {
      const config = (await server.app.inject({ method: 'GET', url: '/api/portal/config' })).json();
      expect(config).toEqual({ signIn: { kind: 'oidc', authority: expect.stringMatching(/^https:\/\/login\.microsoftonline\.com\//), clientId: 'portal-client', scope: 'openid profile email offline_access' } });
      expect((await server.app.inject({ method: 'POST', url: '/api/portal/one-time-link', payload: { code: 'A'.repeat(43) } })).statusCode).toBe(404);
    } finally {
      await server.close();
      await issuer.close();
    }
  });

  test('second-look admin-link prints a link that signs in; it refuses where links are off', async () => {
    const server = await startTestServer('sqlite', {}, { realClock: true });
    const env = { SECOND_LOOK_DATA: server.config.dataDir, SECOND_LOOK_DEV_CERTS: 'off' };
    await server.close().catch(() => undefined);
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(await main(['admin-link', '--user', 'Lead@Contoso.example', '--role', 'SecurityReader'], io, env)).toBe(0);
    expect(out[0]).toMatch(/^http:\/\/localhost:3000\/admin\/sign-in#code=[A-Za-z0-9_-]{43}\n\(signs in lead@contoso\.example as SecurityReader; works once, within 15 minutes\)$/);

    const again = await startTestServer('sqlite', { SECOND_LOOK_DATA: server.config.dataDir }, { realClock: true });
    try {
      const redeemed = await again.app.inject({ method: 'POST', url: '/api/portal/one-time-link', payload: { code: (out[0] ?? '').split('#code=')[1]?.split('\n')[0] } });
      expect(redeemed.json().user).toEqual({ email: 'lead@contoso.example', roles: ['SecurityReader'] });
    } finally {
      await again.close();
    }
    expect(await main(['admin-link', '--role', 'Root'], io, env)).toBe(2);
    expect(await main(['admin-link'], io, { ...env, SECOND_LOOK_HOST: '0.0.0.0' })).toBe(2);
    expect(err.join('\n')).toMatch(/--role must be one of[\s\S]*binds to 0\.0\.0\.0/);
  });
});
