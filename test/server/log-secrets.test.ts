/**
 * No secret reaches a log line. A server runs with known secrets (the maps token, the Rspamd
 * password, a database password, bearer tokens) through its routes, refusals and failures, at
 * the most talkative log level, and every line it writes is searched for them.
 */
import { PassThrough } from 'node:stream';
import { databaseKinds } from '../helpers/databases';
import { invoiceReport } from '../helpers/reports';
import { startTestServer, type TestServer } from '../helpers/server';

const MAPS_TOKEN = 'maps-secret-6f1d2c9b8a7e';
const RSPAMD_PASSWORD = 'rspamd-secret-3e4f5a6b7c';
const DB_PASSWORD = 'db-secret-9a8b7c6d5e';

function capture() {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return { stream, lines };
}

describe.each(databaseKinds())('log lines on %s', (kind) => {
  let server: TestServer;
  let log: ReturnType<typeof capture>;
  beforeEach(async () => {
    log = capture();
    const env: Record<string, string> = {
      SECOND_LOOK_LOG_LEVEL: 'trace',
      SECOND_LOOK_MAPS_TOKEN: MAPS_TOKEN,
      // A controller that is not there: analysis fails over to a finding, and may log why.
      SECOND_LOOK_RSPAMD_URL: 'http://127.0.0.1:9',
      SECOND_LOOK_RSPAMD_PASSWORD: RSPAMD_PASSWORD,
      SECOND_LOOK_RSPAMD_TIMEOUT_MS: '500',
    };
    if (kind === 'postgresql') {
      // Trust authentication ignores the password, so the server connects with it in its URL.
      const url = new URL(process.env['DATABASE_URL'] ?? '');
      url.password = DB_PASSWORD;
      env['DATABASE_URL'] = url.toString();
    }
    server = await startTestServer(kind, env, { logStream: log.stream });
  });
  afterEach(async () => server.close());

  test('no secret, bearer token or map token appears in any line', async () => {
    const admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    const anna = await server.token('anna@contoso.example');
    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, token?: string, payload?: object, headers: Record<string, string> = {}) =>
      server.app.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, ...(payload ? { payload } : {}) });

    const issued = await call('POST', '/api/dev/token', undefined, { user: 'anna@contoso.example' });
    expect(issued.statusCode).toBe(200);
    const devToken = issued.json().token as string;
    const created = await call('POST', '/api/submissions', anna, invoiceReport());
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    await call('GET', `/api/submissions/${id}`, anna);
    await call('GET', `/api/submissions/${id}/message`, admin);
    await call('POST', `/api/submissions/${id}/analyze`, admin);
    await call('POST', '/api/me/safe-senders', devToken, { value: 'billing@supplier.example' });
    await call('POST', '/api/allow-block-entries', admin, { value: 'spam.example', action: 'block', expiration: { type: 'never' } });
    await call('GET', '/api/audit', admin);
    await call('GET', `/maps/rspamd/block-domains.map?token=${MAPS_TOKEN}`);
    await call('GET', `/maps/rspamd/block-domains.map?token=${MAPS_TOKEN}x&other=1`);
    await call('GET', '/maps/rspamd/allow-senders.map', MAPS_TOKEN);
    await call('GET', '/api/me/submissions', `${admin}tampered`);
    await call('GET', '/api/me/submissions', undefined, undefined, { authorization: `Basic ${Buffer.from(`u:${DB_PASSWORD}`).toString('base64')}` });
    await call('GET', `/api/submissions?reporter=${encodeURIComponent('x')}&token=${MAPS_TOKEN}`, admin);
    if (kind === 'postgresql') {
      // A database failure (its schema gone) is a 500 whose error goes to the log.
      const url = new URL(server.config.databaseUrl ?? '');
      const schema = /search_path=(\w+)/.exec(decodeURIComponent(url.search))?.[1] ?? '';
      const { Client } = await import('pg');
      const client = new Client({ connectionString: process.env['DATABASE_URL'] });
      await client.connect();
      await client.query(`alter schema ${schema} rename to ${schema}_gone`);
      const failed = await call('GET', '/api/me/submissions', anna);
      expect(failed.statusCode).toBe(500);
      await client.query(`alter schema ${schema}_gone rename to ${schema}`);
      await client.end();
    }

    expect(log.lines.length).toBeGreaterThan(20);
    const secrets = [MAPS_TOKEN, RSPAMD_PASSWORD, DB_PASSWORD, admin, anna, devToken, Buffer.from(`u:${DB_PASSWORD}`).toString('base64')];
    for (const line of log.lines) {
      for (const secret of secrets) expect({ line, leaks: line.includes(secret) }).toEqual({ line, leaks: false });
      // No part of any JWT either: a signature or payload alone can be replayed or read.
      expect({ line, jwt: /eyJ[\w-]{10,}/.test(line) }).toEqual({ line, jwt: false });
    }
    // The redaction is visible, so someone reading the log knows a token was there.
    expect(log.lines.some((line) => line.includes('token=[redacted]'))).toBe(true);
  });
});
