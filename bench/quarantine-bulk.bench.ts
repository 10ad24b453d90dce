/**
 * Bulk release of 10,000 quarantined messages end to end, through the real app (buildApp, in
 * this process, SQLite): 500 messages from one sender, each quarantined for 20 recipients (not
 * `wideRecipients`), released by one job started over the API (POST /api/quarantine/bulk-release),
 * the job's runOnce and the mail sender's runOnce driven in loops as main.ts's loops would, each
 * released copy delivered to a local smtp-server relay on loopback, in a child process of its own
 * (bench/smtp-sink-process.ts) as a relay would be. Timed from the request that starts the job to
 * the relay's 250 for the last copy. Target: ≥ 500 messages/s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { buildApp } from '../src/server/app';
import { loadEmbeddedIssuer, mintToken } from '../src/server/auth/embedded-issuer';
import { loadConfig } from '../src/server/config/config';
import type { Bench, BenchResult } from './types';

const MESSAGES = 500;
const RECIPIENTS = 20;
const TOTAL = MESSAGES * RECIPIENTS;
const TARGET = 500;
/** A run slower than this is stopped and its rate so far reported. */
const CUT_OFF_MS = 60_000;

function message(n: number): Buffer {
  return Buffer.from([
    'From: <news@letters.example>',
    'To: undisclosed-recipients:;',
    `Subject: Weekly letters ${n}`,
    'Date: Sun, 22 Nov 2026 09:14:03 +0000',
    `Message-ID: <bulk-${n}@letters.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Issue ${n} of the weekly letters: the garden club meets on Thursday; the library has ${n * 7919} new books about birds and rivers.`,
    '',
  ].join('\r\n'));
}

interface SinkCount {
  delivered: number;
  lastAtMs: number;
}

/** The relay's count so far. */
function countOf(sink: ChildProcess): Promise<SinkCount> {
  return new Promise((resolve) => {
    const answer = (message: Partial<SinkCount>) => {
      if (message.delivered === undefined) return;
      sink.off('message', answer);
      resolve({ delivered: message.delivered, lastAtMs: message.lastAtMs ?? 0 });
    };
    sink.on('message', answer);
    sink.send('count');
  });
}

export const run: Bench = async () => {
  const log = (line: string) => process.stdout.write(`  ${line}\n`);
  const sink = fork(path.join(__dirname, 'smtp-sink-process.js'), [], { stdio: 'inherit' });
  const sinkPort = await new Promise<number>((resolve, reject) => {
    sink.once('message', (message: { port?: number }) => (message.port ? resolve(message.port) : reject(new Error('the sink said no port'))));
    sink.once('exit', (code) => reject(new Error(`the sink exited with ${code}`)));
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'second-look-bench-bulk-'));
  const config = loadConfig({
    SECOND_LOOK_DATA: dataDir, SECOND_LOOK_LOG_LEVEL: 'silent', SECOND_LOOK_WEB_ROOT: path.join(dataDir, 'none'),
    SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example', SECOND_LOOK_SMTP_PORT: 'off', SECOND_LOOK_SMTP_RELAY: `smtp://127.0.0.1:${sinkPort}`,
    SECOND_LOOK_RATE_LIMIT_PER_USER: '0', SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS: '0', SECOND_LOOK_MAX_HEAP_BYTES: '0',
  });
  const app = await buildApp(config);
  try {
    const seeded = Date.now();
    let first = '';
    for (let n = 0; n < MESSAGES; n++) {
      const recipients = Array.from({ length: RECIPIENTS }, (_, r) => `user${n}-${r}+quarantine-spam@contoso.example`);
      const outcome = await app.quarantine.intake.intake({ bytes: message(n), recipients, source: 'http' });
      first ||= outcome.items[0]?.id ?? '';
    }
    log(`seeded ${TOTAL} quarantined rows (${MESSAGES} messages × ${RECIPIENTS} recipients) in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    if (config.auth.kind !== 'embedded') throw new Error('the bench needs the embedded issuer');
    const issuer = await loadEmbeddedIssuer(dataDir, config.auth.issuer, config.auth.audience);
    const { token } = await mintToken(issuer, { email: 'qa@contoso.example', roles: ['QuarantineAdministrator'], lifetime: 3600, now: new Date() });

    const start = process.hrtime.bigint();
    const startMs = Date.now();
    const created = await app.inject({ method: 'POST', url: '/api/quarantine/bulk-release', headers: { authorization: `Bearer ${token}` }, payload: { similarTo: first, by: 'sender' } });
    if (created.statusCode !== 202) throw new Error(`starting the job: ${created.statusCode} ${created.body.slice(0, 300)}`);
    const job = created.json<{ id: string; total: number }>();
    if (job.total !== TOTAL) throw new Error(`the job selected ${job.total} members, not ${TOTAL}`);
    const accepted = process.hrtime.bigint();

    // The two loops main.ts runs, without their pauses.
    let released = false;
    const releasing = (async () => {
      while ((await app.quarantineBulk.runOnce()) !== undefined);
      released = true;
    })();
    const releasedAt = releasing.then(() => process.hrtime.bigint());
    const sending = (async () => {
      for (;;) {
        const wasReleased = released;
        const result = await app.mailSender.runOnce();
        if (result.failed.length + result.unconfirmed.length + result.retrying.length > 0) throw new Error(`delivery trouble: ${JSON.stringify({ failed: result.failed.length, unconfirmed: result.unconfirmed.length, retrying: result.retrying.length })}`);
        if (wasReleased && result.sent.length === 0) return;
        if (result.sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    // A slow run is cut off (the sender halted after the mail under way) and measured as far as it got.
    let cut = false;
    const cutOff = setTimeout(() => {
      cut = true;
      void app.mailSender.halt();
    }, CUT_OFF_MS);
    await Promise.all([releasing, sending]);
    clearTimeout(cutOff);
    // Every mail the sender recorded as sent had its 250; the sink's count is asked once the last answer has surely been counted.
    const { delivered, lastAtMs } = await countOf(sink);
    if (delivered !== TOTAL && !cut) throw new Error(`the relay took ${delivered} of ${TOTAL}`);
    const seconds = (lastAtMs - startMs) / 1000;
    const rate = Math.round(delivered / seconds);
    const result: BenchResult = {
      name: `bulk release, ${TOTAL.toLocaleString('en-US')} quarantined messages delivered to a loopback SMTP relay, SQLite, end to end`,
      value: rate,
      unit: 'messages/s',
      target: { op: '>=', value: TARGET },
      pass: rate >= TARGET,
      note: `${delivered.toLocaleString('en-US')} of ${TOTAL.toLocaleString('en-US')} delivered${delivered < TOTAL ? ' (cut off)' : ''} in ${seconds.toFixed(1)} s from the job's request to the last 250; job request answered in ${(Number(accepted - start) / 1e6).toFixed(0)} ms, every member released (queued) after ${(Number((await releasedAt) - start) / 1e9).toFixed(1)} s`,
    };
    return [result];
  } finally {
    await app.close();
    await new Promise<void>((resolve) => {
      sink.once('exit', () => resolve());
      sink.send('stop');
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
};
