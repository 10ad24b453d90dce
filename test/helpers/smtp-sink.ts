/**
 * A real SMTP relay on loopback for the delivery tests: smtp-server, keeping every message it
 * accepted. It can refuse the first tries with a reply code, drop the connection after the
 * message without answering (the relay's answer lost), offer STARTTLS or speak TLS from the
 * start with the test certificate, and ask for a user and password.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';

export const TEST_CA_FILE = path.join(__dirname, '../fixtures/smtp-tls/cert.pem');
const TEST_KEY_FILE = path.join(__dirname, '../fixtures/smtp-tls/key.pem');

export interface SinkMessage {
  messageId: string;
  raw: string;
  from: string;
  to: string[];
  /** The session was encrypted (STARTTLS or implicit TLS) when the message came. */
  secure: boolean;
  user: string | undefined;
}

export interface SinkOptions {
  /** `starttls`: offered on a plain connection; `implicit`: TLS from the first byte; `none`: plain only. */
  tls?: 'none' | 'starttls' | 'implicit';
  /** A user and password the relay requires. */
  auth?: { user: string; password: string };
  /** Refuse this many messages (after receiving them whole) with `refuseCode` before accepting. */
  refuseFirst?: number;
  refuseCode?: number;
  /** Refuse every recipient with this code. */
  refuseRecipients?: number;
  /** Refuse these recipients (lower-case addresses) with their codes; others are taken. */
  refuseAddresses?: Readonly<Record<string, number>>;
  /** Take this many messages whole, then drop the connection without a reply. */
  dropFirst?: number;
  /** Wait this long before answering each message (so concurrent senders overlap). */
  delayMs?: number;
}

export interface SmtpSink {
  port: number;
  /** smtp:// or smtps:// URL of this sink, with the credentials when it asks for them. */
  url: string;
  /** Every message accepted (answered 250). */
  accepted: SinkMessage[];
  /** Messages received whole but refused or left without an answer. */
  refused: number;
  /** SMTP sessions opened so far, and the most open at one time. */
  readonly connections: { opened: number; open: number; mostAtOnce: number };
  /** Cuts every open session, as a relay does to clients idle too long. */
  dropConnections(): void;
  /** Resolves once `count` messages have been accepted. */
  waitFor(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  close(): Promise<void>;
}

function messageIdOf(raw: string): string {
  const header = raw.split(/\r\n\r\n/, 1)[0] ?? '';
  return /^Message-ID:\s*(.+)$/im.exec(header)?.[1]?.trim() ?? '';
}

export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const tls = options.tls ?? 'none';
  const accepted: SinkMessage[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let refusalsLeft = options.refuseFirst ?? 0;
  let dropsLeft = options.dropFirst ?? 0;
  const sink = { refused: 0 };
  const connections = { opened: 0, open: 0, mostAtOnce: 0 };

  const settings: SMTPServerOptions = {
    logger: false,
    secure: tls === 'implicit',
    ...(tls === 'none' ? {} : { key: fs.readFileSync(TEST_KEY_FILE), cert: fs.readFileSync(TEST_CA_FILE) }),
    disabledCommands: [...(tls === 'none' ? ['STARTTLS'] : []), ...(options.auth ? [] : ['AUTH'])],
    authOptional: !options.auth,
    onConnect(_session, callback) {
      connections.opened++;
      connections.open++;
      connections.mostAtOnce = Math.max(connections.mostAtOnce, connections.open);
      callback();
    },
    onClose() {
      connections.open--;
    },
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.password) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (options.refuseRecipients) return callback(Object.assign(new Error('Recipient refused'), { responseCode: options.refuseRecipients }));
      const code = options.refuseAddresses?.[address.address.toLowerCase()];
      if (code !== undefined) return callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: code }));
      return callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const answer = () => {
          if (dropsLeft > 0) {
            dropsLeft--;
            sink.refused++;
            for (const connection of server.connections) connection._socket.destroy();
            return;
          }
          if (refusalsLeft > 0) {
            refusalsLeft--;
            sink.refused++;
            return callback(Object.assign(new Error('Try again later'), { responseCode: options.refuseCode ?? 451 }));
          }
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          accepted.push({ messageId: messageIdOf(raw), raw, from, to: session.envelope.rcptTo.map((r) => r.address), secure: session.secure, user: typeof session.user === 'string' ? session.user : undefined });
          callback();
          for (const waiter of [...waiters]) {
            if (accepted.length >= waiter.count) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve();
            }
          }
        };
        if (options.delayMs) setTimeout(answer, options.delayMs);
        else answer();
      });
    },
  };
  const server = new SMTPServer(settings);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const credentials = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.password)}@` : '';
  return {
    port,
    url: `${tls === 'implicit' ? 'smtps' : 'smtp'}://${credentials}127.0.0.1:${port}`,
    accepted,
    get refused() {
      return sink.refused;
    },
    connections,
    dropConnections() {
      for (const connection of server.connections) connection._socket.destroy();
    },
    waitFor(count, timeoutMs = 60_000) {
      if (accepted.length >= count) return Promise.resolve(accepted);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the sink accepted ${accepted.length} of ${count} messages in ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ count, resolve: () => { clearTimeout(timer); resolve(accepted); } });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of server.connections) connection._socket.destroy();
        server.close(() => resolve());
      }),
  };
}
