/**
 * For the quarantine's intake tests: a test server that takes mail for contoso.example with its
 * SMTP listener on a free loopback port, a plain SMTP client that says exactly what a test
 * wants (nodemailer refuses to send some of the bad input), the stored rows read over a
 * connection of their own, and the bad messages the intake must survive.
 */
import net from 'node:net';
import type { DatabaseKind } from './databases';
import { startTestServer, type TestServer } from './server';
import { openDatabase } from '../../src/server/store/database';
import type { QuarantinedMessagesTable } from '../../src/server/store/schema-quarantine';

export const ACCEPTED = 'contoso.example';

export interface QuarantineServer extends TestServer {
  smtpPort: number;
}

export async function startQuarantineServer(kind: DatabaseKind, env: Record<string, string> = {}): Promise<QuarantineServer> {
  const server = await startTestServer(kind, { SECOND_LOOK_ACCEPTED_DOMAINS: ACCEPTED, SECOND_LOOK_SMTP_PORT: '0', ...env });
  const smtp = server.app.quarantine.smtp;
  if (smtp === undefined) throw new Error('the SMTP listener is off');
  const { port } = await smtp.listen();
  return {
    ...server,
    smtpPort: port,
    async close() {
      await smtp.close();
      await server.close();
    },
  };
}

export type QuarantineRowRead = Omit<QuarantinedMessagesTable, 'fingerprint'> & { fingerprint: Uint8Array | null };

/** Every quarantined row, oldest first, and the stored messages' count, read over a second connection. */
export async function storedQuarantine(server: Pick<TestServer, 'config'>): Promise<{ rows: QuarantineRowRead[]; blobs: number; bands: number }> {
  const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
  try {
    const rows = await db.selectFrom('quarantined_messages').selectAll().orderBy('received_date_time').orderBy('recipient').execute();
    const blobs = await db.selectFrom('message_blobs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const bands = await db.selectFrom('quarantine_bands').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return { rows, blobs: Number(blobs.n), bands: Number(bands.n) };
  } finally {
    await db.destroy();
  }
}

/** The stored bytes of one message, read over a second connection. */
export async function storedMessage(server: Pick<TestServer, 'config'>, sha256: string): Promise<Buffer | undefined> {
  const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
  try {
    const row = await db.selectFrom('message_blobs').select('bytes').where('sha256', '=', sha256).executeTakeFirst();
    return row === undefined ? undefined : Buffer.from(row.bytes);
  } finally {
    await db.destroy();
  }
}

/** The replies to one SMTP session: the greeting, then one reply per step (multi-line replies joined). */
export async function smtpSession(port: number, steps: ReadonlyArray<string | Buffer>): Promise<string[]> {
  const socket = net.connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  let current: string[] = [];
  const waiting: Array<() => void> = [];
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    for (let end = buffer.indexOf('\r\n'); end !== -1; end = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      current.push(line);
      if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
        replies.push(current.join('\n'));
        current = [];
        waiting.shift()?.();
      }
    }
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  const next = (count: number) =>
    new Promise<void>((resolve, reject) => {
      if (replies.length >= count) return resolve();
      const timer = setTimeout(() => reject(new Error(`no SMTP reply ${count} within 20 s; got: ${replies.join(' | ')}`)), 20_000);
      const check = () => {
        if (replies.length >= count) {
          clearTimeout(timer);
          resolve();
        } else waiting.push(check);
      };
      waiting.push(check);
      void closed.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  await next(1);
  for (const [i, step] of steps.entries()) {
    if (socket.destroyed) break;
    socket.write(typeof step === 'string' ? `${step}\r\n` : step);
    await next(i + 2);
  }
  socket.end();
  await closed;
  return replies;
}

/** An SMTP transaction for `recipients` carrying `body` (dot-stuffed and terminated here). */
export function transaction(recipients: readonly string[], body: Buffer, from = 'mta@contoso.example'): Array<string | Buffer> {
  const stuffed = Buffer.from(body.toString('latin1').replace(/(^|\r?\n)\./g, '$1..'), 'latin1');
  const ending = stuffed.length === 0 || stuffed.subarray(-2).toString() === '\r\n' ? '.\r\n' : '\r\n.\r\n';
  return ['EHLO mta.contoso.example', `MAIL FROM:<${from}>`, ...recipients.map((r) => `RCPT TO:<${r}>`), 'DATA', Buffer.concat([stuffed, Buffer.from(ending)]), 'QUIT'];
}

/** A plain message (CRLF). */
export function plainMessage(options: { messageId?: string; subject?: string; to?: string; extraHeaders?: string[]; body?: string } = {}): Buffer {
  return Buffer.from(
    [
      'From: "Billing" <billing@supplier.example>',
      `To: ${options.to ?? 'accounts@contoso.example'}`,
      `Subject: ${options.subject ?? 'Invoice 2026-118'}`,
      'Date: Sun, 22 Nov 2026 09:14:03 +0000',
      `Message-ID: ${options.messageId ?? '<inv-118@supplier.example>'}`,
      ...(options.extraHeaders ?? []),
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      options.body ?? 'Dear customer, please find invoice 2026-118 for November attached. Payment is due within thirty days of the invoice date.',
      '',
    ].join('\r\n'),
  );
}

/** 10,000 nested multipart parts, each holding the next. */
export function mimeBomb(depth = 10_000): Buffer {
  const head = ['From: bomb@attacker.example', 'To: anna@contoso.example', 'Subject: nested', 'Message-ID: <bomb@attacker.example>', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b0"', '', ''].join('\r\n');
  const opening: string[] = [];
  const closing: string[] = [];
  for (let i = 0; i < depth; i++) {
    opening.push(`--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`);
    closing.push(`\r\n--b${i}--\r\n`);
  }
  return Buffer.from(`${head}${opening.join('')}--b${depth}\r\nContent-Type: text/plain\r\n\r\ninnermost\r\n--b${depth}--\r\n${closing.reverse().join('')}`);
}

/** Bytes that are not text in any charset, with one header line so that something can be read. */
export function eightBitGarbage(withHeader: boolean): Buffer {
  const noise = Buffer.alloc(4096);
  for (let i = 0; i < noise.length; i++) noise[i] = 0x80 + ((i * 37) % 0x7f);
  noise[100] = 0x00;
  const head = withHeader ? Buffer.from('Subject: \xff\xfe\x00 broken \x1b[31m\r\nFrom: x@\xe9xample.example\r\nMessage-ID: <g\x00rbage@x>\r\n\r\n', 'latin1') : Buffer.alloc(0);
  return Buffer.concat([head, noise]);
}
