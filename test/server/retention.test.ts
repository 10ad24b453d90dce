/**
 * Retention: submissions, their analyses and stored messages are purged after the configured
 * days, with an audit row of counts in the same transaction; a message still referred to by a
 * newer row stays. On SQLite and PostgreSQL; and by hand with `second-look purge --now`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli';
import { openDatabase } from '../../src/server/store/database';
import { databaseKinds } from '../helpers/databases';
import { invoiceReport } from '../helpers/reports';
import { countRows, startTestServer, type TestServer } from '../helpers/server';

const DAY = 86_400_000;

describe.each(databaseKinds())('retention on %s', (kind) => {
  let server: TestServer;
  let admin: string;
  let anna: string;
  beforeEach(async () => {
    server = await startTestServer(kind, { SECOND_LOOK_RETENTION_DAYS: '30' });
    admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    anna = await server.token('anna@contoso.example');
  });
  afterEach(async () => server.close());

  const report = async (n: number, message?: string) => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/submissions',
      headers: { authorization: `Bearer ${anna}` },
      payload: invoiceReport({ internetMessageId: `<r-${n}@supplier.example>`, ...(message ? { message } : {}) }),
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };

  test('old submissions, their analyses and messages go; newer ones and shared messages stay', async () => {
    const own = Buffer.from(`Subject: only the old one\r\nFrom: a@example.com\r\n\r\nold`).toString('base64');
    const oldReport = await report(1, own);
    const sharedOld = await report(2);
    const oldAnalysis = await server.app.inject({ method: 'POST', url: `/api/submissions/${oldReport}/analyze`, headers: { authorization: `Bearer ${admin}` } });
    expect(oldAnalysis.statusCode).toBe(201);
    server.clock.advance(20 * DAY);
    const sharedNew = await report(3); // the same invoice message as sharedOld
    expect(await countRows(server, 'submissions')).toBe(4);
    expect(await countRows(server, 'message_blobs')).toBe(2);

    server.clock.advance(11 * DAY); // the first three are now 31 days old
    const result = await server.app.services.retention.purge();
    expect(result).toMatchObject({ ran: true, submissions: 3, messages: 1 });
    expect(await countRows(server, 'submissions')).toBe(1);
    expect(await countRows(server, 'message_blobs')).toBe(1);

    const get = (id: string) => server.app.inject({ method: 'GET', url: `/api/submissions/${id}`, headers: { authorization: `Bearer ${admin}` } });
    expect((await get(oldReport)).statusCode).toBe(404);
    expect((await get(sharedOld)).statusCode).toBe(404);
    const kept = await server.app.inject({ method: 'GET', url: `/api/submissions/${sharedNew}/message`, headers: { authorization: `Bearer ${admin}` } });
    expect(kept.statusCode).toBe(200);

    const audit = await server.app.inject({ method: 'GET', url: '/api/audit?targetType=retention', headers: { authorization: `Bearer ${admin}` } });
    expect(audit.json().items).toEqual([
      expect.objectContaining({ actor: 'system:retention', action: 'purge', targetType: 'retention', detail: expect.objectContaining({ submissions: 3, messages: 1, retentionDays: 30 }) }),
    ]);
  });

  test('a purge with nothing expired changes nothing and writes no audit row', async () => {
    await report(1);
    const result = await server.app.services.retention.purge();
    expect(result).toMatchObject({ ran: true, submissions: 0, messages: 0 });
    const audit = await server.app.inject({ method: 'GET', url: '/api/audit?targetType=retention', headers: { authorization: `Bearer ${admin}` } });
    expect(audit.json().items).toEqual([]);
  });
});

describe('retention of messages kept as files by servers before migration 004', () => {
  test('the file goes once no row refers to it', async () => {
    const server = await startTestServer('sqlite', { SECOND_LOOK_RETENTION_DAYS: '1' });
    try {
      const anna = await server.token('anna@contoso.example');
      const response = await server.app.inject({ method: 'POST', url: '/api/submissions', headers: { authorization: `Bearer ${anna}` }, payload: invoiceReport() });
      const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: undefined });
      const { message_sha256: sha } = await db.selectFrom('submissions').select('message_sha256').where('id', '=', response.json().id as string).executeTakeFirstOrThrow();
      // Make it look as an older server left it: the message as a file, not a row.
      const bytes = (await db.selectFrom('message_blobs').select('bytes').executeTakeFirstOrThrow()).bytes;
      const file = path.join(server.config.dataDir, 'messages', (sha ?? '').slice(0, 2), `${sha ?? ''}.eml`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes);
      await db.deleteFrom('message_blobs').execute();
      await db.destroy();
      server.clock.advance(2 * DAY);
      expect(await server.app.services.retention.purge()).toMatchObject({ submissions: 1, messages: 0, files: 1 });
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      await server.close();
    }
  });
});

describe('second-look purge', () => {
  function captureIo() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
  }

  test('--now purges and says what went; without --now it says what it would do', async () => {
    const server = await startTestServer('sqlite');
    const env = { SECOND_LOOK_DATA: server.config.dataDir, SECOND_LOOK_DEV_CERTS: 'off', SECOND_LOOK_RETENTION_DAYS: '7' };
    await server.close().catch(() => undefined);
    const asked = captureIo();
    expect(await main(['purge'], asked.io, env)).toBe(2);
    expect(asked.err.join('\n')).toMatch(/--now.*older than 7 days/);
    const ran = captureIo();
    expect(await main(['purge', '--now'], ran.io, env)).toBe(0);
    expect(ran.out.join('\n')).toMatch(/^purged 0 submissions created before \S+ and 0 stored messages$/);
  });
});
