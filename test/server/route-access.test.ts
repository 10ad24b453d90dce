/**
 * Every route in the OpenAPI document refuses the wrong user and role: an end user gets 403 on
 * every route that is not theirs, a SecurityReader gets 403 on every route that changes
 * something (and reads the quarantine), a QuarantineAdministrator gets through every route of
 * the admins' quarantine and no other, and nobody without a token gets past 401. The routes are read from the document,
 * so a new route is held to this at once: one that is not in the tables below counts as an
 * administrator's route, and a route for end users must be named here deliberately.
 */
import { startTestServer, type TestServer } from '../helpers/server';

/** Reached without a token (each guards itself: dev-mode gate, maps token, one-time code). */
const PUBLIC = new Set([
  'GET /healthz',
  'GET /.well-known/jwks.json',
  'GET /api/addin/config',
  'POST /api/dev/token',
  'GET /maps/rspamd/{name}',
  'GET /api/portal/config',
  'POST /api/portal/one-time-link',
]);

/** Any signed-in user, limited by the service to their own data. */
const END_USER = new Set([
  'POST /api/submissions',
  'GET /api/me/submissions',
  'GET /api/submissions/{id}',
  'GET /api/submissions/{id}/message',
  'GET /api/submissions/{id}/preview',
  'GET /api/me/safe-senders',
  'POST /api/me/safe-senders',
  'DELETE /api/me/safe-senders/{value}',
  'GET /api/me/blocked-senders',
  'POST /api/me/blocked-senders',
  'DELETE /api/me/blocked-senders/{value}',
  // The quarantine: the service limits each user to their own rows (another's id is 404).
  'GET /api/me/quarantine',
  'GET /api/me/quarantine/{id}',
  'GET /api/me/quarantine/{id}/preview',
  ...['release', 'request-release', 'delete', 'block-sender', 'allow-sender', 'report'].map((action) => `POST /api/me/quarantine/{id}/${action}`),
]);

/** An integration's (the QuarantineIntake role) and nobody else's. */
const INTAKE = new Set(['POST /api/quarantine']);

/** Not GET, yet changing nothing: a reader may ask. */
const READS_BY_POST = new Set([
  'POST /api/submissions/{id}/what-if',
  'POST /api/settings/templates/preview',
]);

/** A value for each path parameter that reaches the route (the role is checked before validation). */
const PATH_VALUES: Record<string, string> = { id: 'some-id', value: 'someone@example.com', name: 'allow-senders.map', result: 'spam', locale: 'en-US' };

interface Operation {
  key: string;
  method: string;
  url: string;
}

describe('who may call each route', () => {
  let server: TestServer;
  let operations: Operation[];
  const tokens: Record<'user' | 'reader' | 'quarantine' | 'intake', string> = { user: '', reader: '', quarantine: '', intake: '' };

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    tokens.user = await server.token('anna@contoso.example');
    tokens.reader = await server.token('audit@contoso.example', ['SecurityReader']);
    tokens.quarantine = await server.token('q@contoso.example', ['QuarantineAdministrator']);
    tokens.intake = await server.token('mta@contoso.example', ['QuarantineIntake']);
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        url: path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(PATH_VALUES[name] ?? 'x')),
      })),
    );
  });
  afterAll(async () => server.close());

  const call = (operation: Operation, token: string | undefined) =>
    server.app.inject({
      method: operation.method as 'GET',
      url: operation.url,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      ...(operation.method === 'GET' || operation.method === 'DELETE' ? {} : { payload: {} }),
    });

  test('the tables name only routes that exist', () => {
    const keys = new Set(operations.map((o) => o.key));
    for (const key of [...PUBLIC, ...END_USER, ...READS_BY_POST, ...INTAKE]) expect({ key, exists: keys.has(key) }).toEqual({ key, exists: true });
  });

  test('without a token, every route but the public ones answers 401', async () => {
    const wrong: string[] = [];
    for (const operation of operations.filter((o) => !PUBLIC.has(o.key))) {
      const status = (await call(operation, undefined)).statusCode;
      if (status !== 401) wrong.push(`${operation.key}: ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  test('an end user gets 403 on every route that is not an end user\'s', async () => {
    const wrong: string[] = [];
    for (const operation of operations.filter((o) => !PUBLIC.has(o.key) && !END_USER.has(o.key))) {
      const response = await call(operation, tokens.user);
      if (response.statusCode !== 403) wrong.push(`${operation.key}: ${response.statusCode} ${response.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  test('a SecurityReader gets 403 on every route that changes something', async () => {
    const wrong: string[] = [];
    const changing = operations.filter((o) => o.method !== 'GET' && !PUBLIC.has(o.key) && !END_USER.has(o.key) && !READS_BY_POST.has(o.key));
    expect(changing.length).toBeGreaterThan(10);
    for (const operation of changing) {
      const response = await call(operation, tokens.reader);
      if (response.statusCode !== 403) wrong.push(`${operation.key}: ${response.statusCode} ${response.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  test('a QuarantineIntake integration gets 403 on every route but quarantine intake (and end users\' own)', async () => {
    const wrong: string[] = [];
    const others = operations.filter((o) => !PUBLIC.has(o.key) && !END_USER.has(o.key) && !INTAKE.has(o.key));
    for (const operation of others) {
      const response = await call(operation, tokens.intake);
      if (response.statusCode !== 403) wrong.push(`${operation.key}: ${response.statusCode}`);
    }
    expect(wrong).toEqual([]);
    for (const key of INTAKE) {
      const operation = operations.find((o) => o.key === key);
      expect(operation && (await call(operation, tokens.intake)).statusCode).not.toBe(403);
    }
  });

  test('a QuarantineAdministrator gets 403 on every route for the security team', async () => {
    const wrong: string[] = [];
    const securityRoutes = operations.filter((o) => !PUBLIC.has(o.key) && !END_USER.has(o.key) && !o.key.includes('/quarantine'));
    for (const operation of securityRoutes) {
      const response = await call(operation, tokens.quarantine);
      if (response.statusCode !== 403) wrong.push(`${operation.key}: ${response.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  test('a QuarantineAdministrator is let through every route of the admins\' quarantine, reading and acting', async () => {
    const quarantineRoutes = operations.filter((o) => o.key.includes(' /api/quarantine') && !INTAKE.has(o.key));
    expect(quarantineRoutes.filter((o) => o.method === 'GET').length).toBeGreaterThanOrEqual(6);
    const refused: string[] = [];
    for (const operation of quarantineRoutes) {
      const response = await call(operation, tokens.quarantine);
      if (response.statusCode === 403 || response.statusCode === 401) refused.push(`${operation.key}: ${response.statusCode} ${response.body.slice(0, 120)}`);
    }
    expect(refused).toEqual([]);
  });

  test('a SecurityReader reads the admins\' quarantine', async () => {
    const reads = operations.filter((o) => o.method === 'GET' && o.key.includes(' /api/quarantine'));
    const refused: string[] = [];
    for (const operation of reads) {
      const response = await call(operation, tokens.reader);
      if (response.statusCode === 403 || response.statusCode === 401) refused.push(`${operation.key}: ${response.statusCode}`);
    }
    expect(refused).toEqual([]);
  });
});
