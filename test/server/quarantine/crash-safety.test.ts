/**
 * Acknowledged mail is never lost: the server process is killed with SIGKILL in the middle of
 * SMTP intake of 1,000 messages (four connections, as an MTA would use). After a restart on the
 * same data folder, every message that got its `250` is in the quarantine, and SQLite's
 * integrity check passes. Messages that did not get their `250` may or may not be there: the
 * MTA still holds them and tries again, and a repeat is a duplicate.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import nodemailer from 'nodemailer';
import { freePort, startServerProcess, type ServerProcess } from '../../helpers/server-process';
import { tempDir } from '../../helpers/server';
import { ACCEPTED, plainMessage } from '../../helpers/quarantine';

const MESSAGES = 1_000;
const CONNECTIONS = 4;
/** Killed once this many were acknowledged: well inside the run, with more in flight. */
const KILL_AFTER = 300;

describe('SMTP intake survives SIGKILL', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;

  beforeEach(() => {
    dataDir = tempDir();
  });

  afterEach(async () => {
    await server?.kill();
    server = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(smtpPort: number): Promise<ServerProcess> {
    const started = await startServerProcess({
      SECOND_LOOK_DATA: dataDir,
      SECOND_LOOK_SMTP_PORT: String(smtpPort),
      SECOND_LOOK_ACCEPTED_DOMAINS: ACCEPTED,
      SECOND_LOOK_WEB_ROOT: path.join(dataDir, 'no-web'),
      SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS: '0',
      SECOND_LOOK_MAX_HEAP_BYTES: '0',
    });
    return started;
  }

  test(`every message acknowledged before the kill is there after a restart (${MESSAGES} messages, ${CONNECTIONS} connections)`, async () => {
    const smtpPort = await freePort();
    server = await start(smtpPort);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true, pool: true, maxConnections: CONNECTIONS, maxMessages: Infinity });

    const acknowledged: string[] = [];
    let killed: Promise<void> | undefined;
    let next = 0;
    const sender = async () => {
      while (next < MESSAGES && killed === undefined) {
        const n = next++;
        const messageId = `<crash-${n}@sender.example>`;
        try {
          await transport.sendMail({
            envelope: { from: 'mta@contoso.example', to: [`user${n % 50}@${ACCEPTED}`] },
            raw: plainMessage({ messageId, subject: `Invoice ${n}`, to: `user${n % 50}@${ACCEPTED}`, body: 'x'.repeat(2_000) }),
          });
          acknowledged.push(messageId);
          if (acknowledged.length === KILL_AFTER && server) killed = server.kill();
        } catch {
          // Refused or cut off by the kill: not acknowledged, so the MTA would still hold it.
        }
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, sender));
    await killed;
    transport.close();
    expect(killed).toBeDefined();
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acknowledged.length).toBeLessThan(MESSAGES); // the kill really came mid-way

    // Restart on the same folder: it opens the database as it was left and migrates nothing new.
    server = await start(await freePort());
    await server.stop();
    server = undefined;

    const db = new SQLite(path.join(dataDir, 'second-look.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set((db.prepare('select internet_message_id as id from quarantined_messages').all() as Array<{ id: string }>).map((r) => r.id));
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      // Every stored row has its message.
      const orphans = db.prepare('select count(*) as n from quarantined_messages q left join message_blobs b on b.sha256 = q.message_sha256 where b.sha256 is null').get() as { n: number };
      expect(orphans.n).toBe(0);
    } finally {
      db.close();
    }
  }, 180_000);
});
