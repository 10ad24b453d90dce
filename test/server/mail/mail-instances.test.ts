/**
 * The mail queue across real server processes (src/server/main.ts, configured by the
 * environment, as production runs it):
 *
 * - two instances on one PostgreSQL database send N notices to one relay: each arrives once;
 * - an instance killed (SIGKILL) after the relay's 250 and before it recorded the mail as sent:
 *   the restarted server holds the mail as `unconfirmed` and does not send it again (one
 *   delivery at the relay), until an admin resends it through the API;
 * - with the pickup folder, the same crash leads to the file being written again: one file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadEmbeddedIssuer, mintToken } from '../../../src/server/auth/embedded-issuer';
import { loadConfig } from '../../../src/server/config/config';
import { migrateToLatest } from '../../../src/server/store/database';
import type { MailRow } from '../../../src/server/store/mail-outbox-repo';
import { databaseKinds, freshPostgresSchema, type DatabaseKind } from '../../helpers/databases';
import { queueAccess, type QueueAccess } from '../../helpers/mail-queue';
import { tempDir } from '../../helpers/server';
import { startServerProcess, type ServerProcess } from '../../helpers/server-process';
import { startSmtpSink, TEST_CA_FILE, type SmtpSink } from '../../helpers/smtp-sink';

const PAUSE = path.join(__dirname, '../../helpers/pause-before-mark.cjs');
const MINUTE = 60_000;
const PASSWORD = 'Relay-Secret-7f3a';

interface Rig {
  dataDirs: string[];
  env: Record<string, string>;
  queue: QueueAccess;
  drop: () => Promise<void>;
}

/** A database the test and the server processes share (a fresh PostgreSQL schema, or a SQLite file in the first data folder), migrated. */
async function rig(kind: DatabaseKind, env: Record<string, string>): Promise<Rig> {
  const dataDirs = [tempDir(), tempDir()];
  const pg = kind === 'postgresql' ? await freshPostgresSchema() : undefined;
  const queue = queueAccess({ dataDir: dataDirs[0] ?? '', databaseUrl: pg?.url });
  await migrateToLatest(queue.db);
  return {
    dataDirs,
    env: {
      SECOND_LOOK_WEB_ROOT: path.join(dataDirs[0] ?? '', 'no-web'),
      SECOND_LOOK_MAIL_POLL_SECONDS: '1',
      // A busy test machine lags as no server would: load shedding would answer 503 at random.
      SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS: '0',
      SECOND_LOOK_MAX_HEAP_BYTES: '0',
      ...(pg ? { DATABASE_URL: pg.url } : {}),
      ...env,
    },
    queue,
    drop: async () => {
      await queue.close();
      await pg?.drop();
      for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the row once `test` holds for it; polls the shared database. */
async function rowWhen(queue: QueueAccess, id: string, test: (row: MailRow) => boolean, timeoutMs = 60_000): Promise<MailRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await queue.row(id);
    if (test(row)) return row;
    if (Date.now() > deadline) throw new Error(`mail ${id} is still ${row.state} (${row.last_error ?? 'no error'})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the mail queue across server processes', () => {
  const running: ServerProcess[] = [];
  let sink: SmtpSink | undefined;
  let shared: Rig | undefined;

  afterEach(async () => {
    for (const server of running.splice(0)) await server.kill();
    await sink?.close();
    await shared?.drop();
    sink = undefined;
    shared = undefined;
  });

  const pgOnly = databaseKinds().includes('postgresql') ? test : test.skip;

  pgOnly('two instances on one PostgreSQL database: each of N notices reaches the relay exactly once', async () => {
    const N = 60;
    // Each send takes a while, so the two overlap: one instance alone sends 8 at a time, 60 in ~1.6 s, past the other's next poll (1 s).
    sink = await startSmtpSink({ delayMs: 200 });
    shared = await rig('postgresql', { SECOND_LOOK_SMTP_RELAY: sink.url });
    const [dirA, dirB] = shared.dataDirs;
    running.push(await startServerProcess({ ...shared.env, SECOND_LOOK_DATA: dirA ?? '' }));
    running.push(await startServerProcess({ ...shared.env, SECOND_LOOK_DATA: dirB ?? '' }));

    const mails = await shared.queue.queue(N, new Date());
    await sink.waitFor(N, 2 * MINUTE);
    const rows = await Promise.all(mails.map((mail) => rowWhen(shared?.queue as QueueAccess, mail.id, (row) => row.state === 'sent')));

    const arrived = sink.accepted.map((m) => m.messageId);
    expect(arrived).toHaveLength(N);
    expect(new Set(arrived).size).toBe(N);
    expect([...arrived].sort()).toEqual(mails.map((m) => m.messageId).sort());
    expect(rows.every((row) => row.attempts === 1)).toBe(true);
    // Both instances sent some: the queue was shared, not drained by one.
    expect(new Set(rows.map((row) => row.lease_owner)).size).toBe(2);

    for (const server of running.splice(0)) expect(await server.stop()).toBe(0);
    expect(sink.accepted).toHaveLength(N);
  }, 5 * MINUTE);

  test.each(databaseKinds())(
    'killed between the relay\'s 250 and recording it (%s): delivered once, held as unconfirmed, resent only by an admin',
    async (kind) => {
      sink = await startSmtpSink({ tls: 'starttls', auth: { user: 'second-look', password: PASSWORD } });
      shared = await rig(kind, { SECOND_LOOK_SMTP_RELAY: sink.url, SECOND_LOOK_SMTP_RELAY_CA: TEST_CA_FILE, SECOND_LOOK_MAIL_LEASE_SECONDS: '2', SECOND_LOOK_LOG_LEVEL: 'info' });
      // SQLite: both lives of the server use the one file; PostgreSQL: the one schema.
      const env = { ...shared.env, SECOND_LOOK_DATA: shared.dataDirs[0] ?? '' };

      const first = await startServerProcess(env, { preload: [PAUSE] });
      running.push(first);
      const [mail] = await shared.queue.queue(1, new Date());
      const id = mail?.id ?? '';
      await first.waitForOutput(`handed over, not yet marked: ${id}`);
      expect(sink.accepted.map((m) => m.messageId)).toEqual([mail?.messageId]);
      expect(await shared.queue.row(id)).toMatchObject({ state: 'sending', attempts: 1 });
      await first.kill();
      running.splice(running.indexOf(first), 1);

      const second = await startServerProcess(env);
      running.push(second);
      const held = await rowWhen(shared.queue, id, (row) => row.state !== 'sending');
      expect(held).toMatchObject({ state: 'unconfirmed', attempts: 1, next_attempt_date_time: null });
      expect(held.last_error).toMatch(/stopped before the relay confirmed/);
      expect(sink.accepted).toHaveLength(1);

      // An admin decides: send it again.
      const config = loadConfig(env);
      if (config.auth.kind !== 'embedded') throw new Error('the test server uses the embedded issuer');
      const issuer = await loadEmbeddedIssuer(env.SECOND_LOOK_DATA, config.auth.issuer, config.auth.audience);
      const { token } = await mintToken(issuer, { email: 'secops@contoso.example', roles: ['SecurityAdministrator'], lifetime: 600, now: new Date() });
      const resend = await fetch(`http://127.0.0.1:${second.port}/api/mail-queue/${id}/resend`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(resend.status).toBe(200);
      await sink.waitFor(2);
      expect(await rowWhen(shared.queue, id, (row) => row.state === 'sent')).toMatchObject({ attempts: 1 });
      expect(sink.accepted.map((m) => m.messageId)).toEqual([mail?.messageId, mail?.messageId]);
      expect(await second.stop()).toBe(0);

      // Both lives said where mail goes, and neither wrote the relay's password anywhere.
      for (const server of [first, second]) {
        expect(server.output()).toContain(`SMTP relay smtp://second-look:***@127.0.0.1:${sink.port}`);
        expect(server.output()).not.toContain(PASSWORD);
      }
      expect(second.output()).toMatch(/outgoing mail needs an admin/);
    },
    3 * MINUTE,
  );

  test('killed between writing the pickup file and recording it: written again, one file, sent', async () => {
    shared = await rig('sqlite', { SECOND_LOOK_MAIL_LEASE_SECONDS: '2' });
    const env = { ...shared.env, SECOND_LOOK_DATA: shared.dataDirs[0] ?? '' };
    const outbox = path.join(env.SECOND_LOOK_DATA, 'outbox');

    const first = await startServerProcess(env, { preload: [PAUSE] });
    running.push(first);
    const [mail] = await shared.queue.queue(1, new Date());
    const id = mail?.id ?? '';
    await first.waitForOutput(`handed over, not yet marked: ${id}`);
    const written = fs.readFileSync(path.join(outbox, `${id}.eml`));
    await first.kill();
    running.splice(running.indexOf(first), 1);

    const second = await startServerProcess(env);
    running.push(second);
    expect(await rowWhen(shared.queue, id, (row) => row.state === 'sent')).toMatchObject({ attempts: 2, last_error: null });
    expect(fs.readdirSync(outbox)).toEqual([`${id}.eml`]);
    expect(fs.readFileSync(path.join(outbox, `${id}.eml`)).equals(written)).toBe(true);
    expect(await second.stop()).toBe(0);
  }, 3 * MINUTE);
});
