/**
 * Bulk release across real server processes (src/server/main.ts, configured by the
 * environment) on one PostgreSQL schema, delivering to a real SMTP relay: the instance holding
 * a job's lease is killed (SIGKILL) mid-way through the job; the other instance takes the job
 * once the lease has run out and finishes it, and every selected member reaches the relay
 * once: none twice, none lost. A mail the killed instance had handed to the relay without
 * recording it may be held as `unconfirmed` (the design's promise: never sent twice by
 * accident, held for an admin) and then arrived at most once.
 *
 * The job's lease (30 s) and batch size (200) have no environment settings, so a preload,
 * written by this test, shortens the lease to 3 s, releases 10 members per batch, waits a
 * little in each batch (so the job takes a few seconds) and says which instance claimed a job.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadEmbeddedIssuer, mintToken } from '../../../src/server/auth/embedded-issuer';
import { loadConfig } from '../../../src/server/config/config';
import { migrateToLatest } from '../../../src/server/store/database';
import { databaseKinds, freshPostgresSchema } from '../../helpers/databases';
import { queueAccess, type QueueAccess } from '../../helpers/mail-queue';
import { plainMessage } from '../../helpers/quarantine';
import { tempDir } from '../../helpers/server';
import { startServerProcess, type ServerProcess } from '../../helpers/server-process';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';

/** Mails each instance sends at once: the most the killed one can leave unconfirmed. */
const CONNECTIONS = 4;

const MINUTE = 60_000;
const ROOT = path.resolve(__dirname, '../../..');
const N = 200;
const SENDER = 'news@letters.example';
const CLAIMED = /bulk job claimed: (\S+) by (\S+)/;

/** The preload: a short lease, small slow batches, and a line when a job is claimed. */
function preload(dir: string): string {
  const file = path.join(dir, 'bulk-slow-batches.cjs');
  const service = JSON.stringify(path.join(ROOT, 'src/server/services/quarantine-bulk-service.ts'));
  const repo = JSON.stringify(path.join(ROOT, 'src/server/store/bulk-release-repo.ts'));
  fs.writeFileSync(file, `
const { QuarantineBulkService } = require(${service});
const { BulkReleaseRepo } = require(${repo});
const proto = QuarantineBulkService.prototype;
proto.leaseUntil = function shortLease(now) { return new Date(now.getTime() + 3000).toISOString(); };
const batch = proto.batch;
proto.batch = async function smallSlowBatch(unit, job, owner, _size, ...rest) {
  await new Promise((resolve) => setTimeout(resolve, 150));
  return batch.call(this, unit, job, owner, 10, ...rest); // the rest as the service passes it
};
const claim = BulkReleaseRepo.prototype.claim;
BulkReleaseRepo.prototype.claim = async function sayClaimed(owner, now, until) {
  const job = await claim.call(this, owner, now, until);
  if (job !== undefined) process.stdout.write('\\nbulk job claimed: ' + job.id + ' by ' + owner + '\\n');
  return job;
};
`);
  return file;
}

async function until<T>(what: string, read: () => Promise<T>, test: (value: T) => boolean, timeoutMs = 2 * MINUTE): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (test(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pgOnly = databaseKinds().includes('postgresql') ? describe : describe.skip;

pgOnly('bulk release across server processes on one PostgreSQL database', () => {
  const running: ServerProcess[] = [];
  const dirs: string[] = [];
  let sink: SmtpSink | undefined;
  let queue: QueueAccess | undefined;
  let dropSchema: (() => Promise<void>) | undefined;

  afterEach(async () => {
    for (const server of running.splice(0)) await server.kill();
    await sink?.close();
    await queue?.close();
    await dropSchema?.();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    sink = undefined;
    queue = undefined;
    dropSchema = undefined;
  });

  test('the instance holding the lease is killed mid-job: the other finishes it, each member reaches the relay once', async () => {
    sink = await startSmtpSink({ delayMs: 5 });
    const pg = await freshPostgresSchema();
    dropSchema = pg.drop;
    const [dirA, dirB] = [tempDir(), tempDir()];
    dirs.push(dirA, dirB);
    queue = queueAccess({ dataDir: dirA, databaseUrl: pg.url });
    const db = queue.db;
    await migrateToLatest(db);
    const env = {
      DATABASE_URL: pg.url,
      SECOND_LOOK_WEB_ROOT: path.join(dirA, 'no-web'),
      SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example',
      SECOND_LOOK_SMTP_RELAY: sink.url,
      SECOND_LOOK_MAIL_POLL_SECONDS: '1',
      SECOND_LOOK_MAIL_LEASE_SECONDS: '2',
      SECOND_LOOK_MAIL_CONNECTIONS: String(CONNECTIONS),
      SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS: '0',
      SECOND_LOOK_MAX_HEAP_BYTES: '0',
    };
    const slow = preload(dirA);
    const a = await startServerProcess({ ...env, SECOND_LOOK_DATA: dirA }, { preload: [slow] });
    running.push(a);
    const b = await startServerProcess({ ...env, SECOND_LOOK_DATA: dirB }, { preload: [slow] });
    running.push(b);

    // Tokens for A's API, minted by A's embedded issuer.
    const config = loadConfig({ ...env, SECOND_LOOK_DATA: dirA });
    if (config.auth.kind !== 'embedded') throw new Error('the test server uses the embedded issuer');
    const issuer = await loadEmbeddedIssuer(dirA, config.auth.issuer, config.auth.audience);
    const token = async (email: string, role: 'QuarantineIntake' | 'QuarantineAdministrator') => (await mintToken(issuer, { email, roles: [role], lifetime: 600, now: new Date() })).token;
    const intake = await token('gateway@contoso.example', 'QuarantineIntake');
    const admin = await token('qa@contoso.example', 'QuarantineAdministrator');
    const api = `http://127.0.0.1:${a.port}/api`;

    // N messages from one sender, one recipient each, through POST /api/quarantine.
    const recipients = Array.from({ length: N }, (_, i) => `user${i}@contoso.example`);
    const ids: string[] = [];
    for (let start = 0; start < N; start += 20) {
      const answers = await Promise.all(recipients.slice(start, start + 20).map(async (recipient, j) => {
        const n = start + j;
        const bytes = Buffer.from(plainMessage({ messageId: `<m${n}@letters.example>`, subject: `Issue ${n}`, to: recipient, body: `Letter number ${n}, about ${n * 7919} things.` })
          .toString('latin1').replace('From: "Billing" <billing@supplier.example>', `From: <${SENDER}>`), 'latin1');
        const response = await fetch(`${api}/quarantine?recipient=${encodeURIComponent(recipient.replace('@', '+quarantine-spam@'))}`, {
          method: 'POST', headers: { authorization: `Bearer ${intake}`, 'content-type': 'message/rfc822' }, body: bytes,
        });
        const body = await response.json() as { items: Array<{ id: string }> };
        expect(response.status).toBe(201);
        return body.items.map((item) => item.id);
      }));
      ids.push(...answers.flat());
    }
    expect(ids).toHaveLength(N);

    const created = await fetch(`${api}/quarantine/bulk-release`, {
      method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ similarTo: ids[0], by: 'sender' }),
    });
    expect(created.status).toBe(202);
    const job = await created.json() as { id: string; total: number };
    expect(job.total).toBe(N);

    // Whichever instance claimed the job: killed once it is well under way.
    const claimedBy = await Promise.race([a, b].map(async (server) => {
      await server.waitForOutput(`bulk job claimed: ${job.id}`, MINUTE);
      return server;
    }));
    const survivor = claimedBy === a ? b : a;
    const jobRow = () => db.selectFrom('bulk_release_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    const atKill = await until('the job under way', jobRow, (row) => row.released >= 50);
    await claimedBy.kill();
    running.splice(running.indexOf(claimedBy), 1);
    expect(atKill.released).toBeLessThan(N);
    expect(atKill.state).toBe('running');
    const killedOwner = CLAIMED.exec(claimedBy.output())?.[2];
    expect(atKill.lease_owner).toBe(killedOwner);

    // The survivor takes it over once the lease ran out, and finishes it.
    await survivor.waitForOutput(`bulk job claimed: ${job.id}`, MINUTE);
    const done = await until('the job done', jobRow, (row) => row.state === 'done');
    expect(done).toMatchObject({ total: N, released: N, failed: 0 });
    expect(done.lease_owner).not.toBe(killedOwner);

    // Every member released, each with one delivery queued.
    const members = await db.selectFrom('bulk_release_members').selectAll().where('job_id', '=', job.id).execute();
    expect(members).toHaveLength(N);
    expect(members.every((m) => m.state === 'released' && m.mail_id !== null)).toBe(true);
    expect(new Set(members.map((m) => m.row_id))).toEqual(new Set(ids));
    const released = await db.selectFrom('mail_outbox').select(['id', 'related_id', 'to_address']).where('kind', '=', 'quarantineRelease').execute();
    expect(released).toHaveLength(N);
    expect(new Set(released.map((m) => m.related_id)).size).toBe(N);
    const quarantined = await db.selectFrom('quarantined_messages').select(['release_status']).where('id', 'in', ids).execute();
    expect(quarantined.every((row) => row.release_status === 'released')).toBe(true);

    // Every delivery ends sent, or unconfirmed (taken by the relay, maybe, when the instance died).
    const mailStates = () => db.selectFrom('mail_outbox').select(['id', 'related_id', 'state', 'attempts']).where('kind', '=', 'quarantineRelease').execute();
    const settled = await until('every delivery settled', mailStates, (rows) => rows.every((row) => row.state === 'sent' || row.state === 'unconfirmed'));
    const arrivedBy = new Map<string, number>();
    for (const message of sink.accepted) {
      const id = /^X-Second-Look-Released: ([^;\r\n]+)/m.exec(message.raw)?.[1]?.trim() ?? '';
      arrivedBy.set(id, (arrivedBy.get(id) ?? 0) + 1);
    }
    // None twice.
    expect([...arrivedBy.values()].every((count) => count === 1)).toBe(true);
    expect(sink.accepted).toHaveLength(arrivedBy.size);
    // None missing: each sent one arrived; an unconfirmed one arrived at most once (checked above).
    const sent = settled.filter((row) => row.state === 'sent');
    const unconfirmed = settled.filter((row) => row.state === 'unconfirmed');
    for (const row of sent) expect(arrivedBy.get(row.related_id ?? '')).toBe(1);
    // At most one round per instance: the mails the killed instance was sending side by side.
    expect(unconfirmed.length).toBeLessThanOrEqual(CONNECTIONS);
    expect(settled.every((row) => row.attempts === 1)).toBe(true);
    const arrivedTo = sink.accepted.flatMap((m) => m.to);
    expect(new Set(arrivedTo).size).toBe(arrivedTo.length);
    expect(arrivedTo.every((to) => recipients.includes(to))).toBe(true);
    expect([...arrivedBy.keys()].every((id) => ids.includes(id))).toBe(true);
    expect(sent.length + unconfirmed.length).toBe(N);

    // The survivor stops cleanly; nothing more arrives.
    const count = sink.accepted.length;
    running.splice(running.indexOf(survivor), 1);
    expect(await survivor.stop()).toBe(0);
    expect(sink.accepted).toHaveLength(count);
  }, 5 * MINUTE);
});
