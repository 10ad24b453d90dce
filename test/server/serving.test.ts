/** What the server serves besides the API: health, the OpenAPI document, manifest, icons. */
import { startTestServer, type TestServer } from '../helpers/server';

describe('serving', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer('sqlite', { SECOND_LOOK_PUBLIC_URL: 'https://triage.contoso.example' });
  });
  afterEach(async () => server.close());

  test('/healthz answers when the database does', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'sqlite', version: '0.1.0' });
  });

  test('the manifest is served with every URL on the public origin', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/manifest.xml' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/xml');
    expect(response.body).not.toContain('https://localhost:3000');
    expect(response.body).toContain('https://triage.contoso.example/addin/taskpane.html');
    expect(response.body).toContain('https://triage.contoso.example/assets/icon-64.png');
  });

  test('the manifest icons are served', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/assets/icon-64.png' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });

  test('the OpenAPI document describes every API route with its schemas', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> };
    expect(doc.openapi).toBe('3.0.3');
    for (const [path, method] of [
      ['/api/submissions', 'post'],
      ['/api/submissions', 'get'],
      ['/api/me/submissions', 'get'],
      ['/api/submissions/{id}', 'get'],
      ['/api/submissions/{id}/message', 'get'],
      ['/api/addin/config', 'get'],
      ['/api/me/safe-senders', 'post'],
      ['/api/me/safe-senders/{value}', 'delete'],
      ['/api/me/blocked-senders', 'get'],
      ['/api/allow-block-entries', 'post'],
      ['/api/allow-block-entries/{id}', 'patch'],
      ['/api/allow-block-entries/bulk', 'post'],
      ['/api/allow-block-entries/health', 'get'],
      ['/api/submissions/{id}/what-if', 'post'],
      ['/api/submissions/{id}/analyze', 'post'],
      ['/api/analyze', 'post'],
      ['/api/decisions', 'post'],
      ['/api/audit', 'get'],
    ] as const) {
      const operation = doc.paths[path]?.[method];
      expect({ path, method, documented: operation !== undefined }).toEqual({ path, method, documented: true });
      expect(Object.keys(operation?.responses ?? {}).some((code) => code.startsWith('2'))).toBe(true);
    }
    expect(doc.paths['/api/submissions']?.['post']?.requestBody).toBeDefined();
  });

  test('the add-in config tells the add-in to use dev tokens with the embedded issuer', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/addin/config' });
    expect(response.json()).toEqual({ auth: { mode: 'dev' }, moreInfoUrl: 'https://triage.contoso.example/addin/help.html' });
  });
});

describe('serving with an outside identity provider', () => {
  test('the add-in is told to use nested app authentication, and no dev tokens exist', async () => {
    const server = await startTestServer('sqlite', {
      SECOND_LOOK_JWKS_URL: 'https://login.microsoftonline.com/tenant/discovery/v2.0/keys',
      SECOND_LOOK_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
      SECOND_LOOK_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      SECOND_LOOK_AUDIENCE: 'api://second-look.contoso.example',
    });
    try {
      const config = await server.app.inject({ method: 'GET', url: '/api/addin/config' });
      expect(config.json().auth).toEqual({
        mode: 'naa',
        clientId: '11111111-2222-3333-4444-555555555555',
        authority: 'https://login.microsoftonline.com/organizations',
        apiScopes: ['api://second-look.contoso.example/access_as_user'],
        graphScopes: ['Mail.ReadWrite'],
      });
      expect((await server.app.inject({ method: 'POST', url: '/api/dev/token', payload: { user: 'a@contoso.example' } })).statusCode).toBe(404);
      expect((await server.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).statusCode).toBe(404);
    } finally {
      await server.close();
    }
  });
});
