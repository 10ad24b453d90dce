/**
 * Quarantine intake over SMTP on loopback, as an MTA hands mail over: 50 KB messages, four
 * connections (nodemailer's pool), each message a different one for one recipient, each `250`
 * only after its commit (the embedded SQLite). The server runs in a child process.
 * Target: at least 200 messages/s.
 */
import nodemailer from 'nodemailer';
import { startServer, stop } from './child-server';
import type { Bench, BenchResult } from './types';

const MESSAGES = 3_000;
const CONNECTIONS = 4;
const TARGET = 200;
const DOMAIN = 'contoso.example';

/** A 50 KB message: plain text, as a newsletter or an invoice would come. */
function message(n: number): Buffer {
  const line = `Line of the newsletter number ${n}, with words that vary a little: ${(n * 7919) % 10007}.\r\n`;
  const body = line.repeat(Math.ceil((50 * 1024) / line.length));
  return Buffer.from(
    [
      'From: "News" <news@sender.example>',
      `To: user${n % 200}@${DOMAIN}`,
      `Subject: Weekly ${n}`,
      'Date: Sun, 22 Nov 2026 09:14:03 +0000',
      `Message-ID: <bench-${n}@sender.example>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
    ].join('\r\n'),
  );
}

export const run: Bench = async () => {
  const server = await startServer('app', { SECOND_LOOK_SMTP_PORT: '0', SECOND_LOOK_ACCEPTED_DOMAINS: DOMAIN, SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS: '0', SECOND_LOOK_MAX_HEAP_BYTES: '0' });
  try {
    if (!server.smtpPort) throw new Error('the bench server did not start its SMTP listener');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort, ignoreTLS: true, pool: true, maxConnections: CONNECTIONS, maxMessages: Infinity });
    const bodies = Array.from({ length: MESSAGES }, (_, n) => message(n));
    let next = 0;
    let refused = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < MESSAGES) {
          const n = next++;
          try {
            await transport.sendMail({ envelope: { from: 'mta@contoso.example', to: [`user${n % 200}@${DOMAIN}`] }, raw: bodies[n] ?? Buffer.alloc(0) });
          } catch {
            refused++;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    transport.close();
    const rate = Math.round((MESSAGES - refused) / seconds);
    const result: BenchResult = {
      name: 'quarantine SMTP intake, 50 KB messages, 4 connections, SQLite, loopback',
      value: rate,
      unit: 'messages/s',
      target: { op: '>=', value: TARGET },
      pass: refused === 0 && rate >= TARGET,
      note: `${MESSAGES} messages in ${seconds.toFixed(1)} s, ${refused} refused; each 250 after its commit`,
    };
    return [result];
  } finally {
    await stop(server.child);
  }
};
