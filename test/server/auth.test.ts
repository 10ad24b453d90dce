/** Every way a request can fail to be who it says it is, and the roles' limits. */
import { SignJWT, generateKeyPair } from 'jose';
import { invoiceReport } from '../helpers/reports';
import { startTestServer, type TestServer } from '../helpers/server';

describe('authentication and roles', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => server.close());

  const list = (authorization?: string) =>
    server.app.inject({ method: 'GET', url: '/api/me/submissions', headers: authorization ? { authorization } : {} });

  test('no token: 401 with a Bearer challenge', async () => {
    const response = await list();
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.json().message).toMatch(/bearer token/);
  });

  test('a malformed Authorization header: 401', async () => {
    expect((await list('Basic dXNlcjpwdw==')).statusCode).toBe(401);
    expect((await list('Bearer not.a.jwt')).statusCode).toBe(401);
  });

  test('an expired token: 401 saying so', async () => {
    const token = await server.token('anna@contoso.example', [], { lifetime: 600 });
    server.clock.advance(3600 * 1000);
    const response = await list(`Bearer ${token}`);
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toBe('the token has expired');
  });

  test('a token signed by another key: 401', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ email: 'anna@contoso.example', roles: ['SecurityAdministrator'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('urn:second-look:embedded')
      .setAudience('api://second-look')
      .setIssuedAt(Math.floor(server.clock.now().getTime() / 1000))
      .setExpirationTime(Math.floor(server.clock.now().getTime() / 1000) + 600)
      .sign(privateKey);
    expect((await list(`Bearer ${forged}`)).statusCode).toBe(401);
  });

  test('a token for another audience: 401 naming the claim', async () => {
    const token = await server.token('anna@contoso.example', [], { audience: 'api://something-else' });
    const response = await list(`Bearer ${token}`);
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toContain('aud');
  });

  test("an end user cannot read another user's submission or the admin list: 403", async () => {
    const anna = await server.token('anna@contoso.example');
    const bob = await server.token('bob@contoso.example');
    const created = await server.app.inject({ method: 'POST', url: '/api/submissions', headers: { authorization: `Bearer ${anna}` }, payload: invoiceReport() });
    const id = created.json().id as string;
    for (const url of [`/api/submissions/${id}`, `/api/submissions/${id}/message`, '/api/submissions']) {
      const response = await server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bob}` } });
      expect(response.statusCode).toBe(403);
    }
    const own = await server.app.inject({ method: 'GET', url: `/api/submissions/${id}`, headers: { authorization: `Bearer ${anna}` } });
    expect(own.statusCode).toBe(200);
  });

  test('a SecurityReader reads everything', async () => {
    const anna = await server.token('anna@contoso.example');
    const reader = await server.token('audit@contoso.example', ['SecurityReader']);
    const created = await server.app.inject({ method: 'POST', url: '/api/submissions', headers: { authorization: `Bearer ${anna}` }, payload: invoiceReport() });
    const id = created.json().id as string;
    for (const url of [`/api/submissions/${id}`, `/api/submissions/${id}/message`, '/api/submissions']) {
      const response = await server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${reader}` } });
      expect(response.statusCode).toBe(200);
    }
  });

  test('dev tokens are user tokens for loopback servers only', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/api/dev/token', payload: { user: 'Anna@Contoso.example' } });
    expect(response.statusCode).toBe(200);
    const { token } = response.json() as { token: string };
    const mine = await list(`Bearer ${token}`);
    expect(mine.statusCode).toBe(200);
    const adminList = await server.app.inject({ method: 'GET', url: '/api/submissions', headers: { authorization: `Bearer ${token}` } });
    expect(adminList.statusCode).toBe(403);

    const exposed = await startTestServer('sqlite', { SECOND_LOOK_HOST: '0.0.0.0' });
    try {
      const refused = await exposed.app.inject({ method: 'POST', url: '/api/dev/token', payload: { user: 'anna@contoso.example' } });
      expect(refused.statusCode).toBe(404);
    } finally {
      await exposed.close();
    }
  });

  test('the JWKS publishes the public key only', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(response.statusCode).toBe(200);
    const [key] = response.json().keys as Array<Record<string, unknown>>;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
  });
});
