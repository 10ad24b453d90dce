/**
 * An SMTP listener (smtp-server) that takes whole messages and hands each, with its envelope,
 * to a handler; the handler's answer is the reply. What the messages are for is the caller's
 * business (the quarantine's intake, services/quarantine-smtp-intake.ts); this file keeps the
 * protocol and its limits:
 *
 * - recipients come from RCPT TO only, each checked by the handler as it arrives;
 * - SIZE is advertised and enforced: a MAIL FROM declaring more, or DATA running over, gets
 *   552 5.3.4, and no more than the limit is ever held in memory;
 * - an optional client allow list (CIDR, by ipaddr.js) is checked when a client connects;
 * - AUTH (PLAIN, LOGIN) is required when a user is configured, and offered only inside TLS
 *   (STARTTLS with the server's certificate) unless the listener is on loopback;
 * - replies carry RFC 3463 enhanced codes in their text; a handler that fails unexpectedly
 *   becomes 451 4.3.0, so the sending MTA keeps the message and tries again.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { hash, timingSafeEqual } from 'node:crypto';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { isLoopbackHost, parseIp, parseNetwork, type Network } from '../../core/net/addresses';

/** A reply: its code and text (the text starts with the enhanced status code). */
export interface SmtpReply {
  code: number;
  message: string;
}

export interface SmtpEnvelope {
  /** MAIL FROM; '' for the null sender. */
  mailFrom: string;
  /** RCPT TO, each accepted by `checkRecipient`, in order. */
  recipients: string[];
  clientAddress: string;
}

export interface SmtpHandlers {
  /** Accept (undefined) or refuse (a reply) one RCPT TO. */
  checkRecipient(address: string): Promise<SmtpReply | undefined>;
  /** Take one whole message; the reply (a 250, or a refusal) is sent once this resolves. */
  deliver(bytes: Buffer, envelope: SmtpEnvelope): Promise<SmtpReply>;
  /** Something unexpected failed; the client got a 451. */
  logError(error: unknown, message: string): void;
}

export interface SmtpListenerOptions {
  host: string;
  port: number;
  /** The largest message taken, in bytes (the SIZE extension). */
  maxMessageBytes: number;
  maxRecipients: number;
  auth: { user: string; password: string } | undefined;
  /** Client networks that may connect (CIDR or single addresses); empty = anyone who reaches `host`. */
  allow: readonly string[];
  /** Certificate and key files for STARTTLS; without them STARTTLS is not offered. */
  tls: { certFile: string; keyFile: string } | undefined;
  /** The name the listener greets with. */
  name?: string;
}

function refusal(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Compares secrets in constant time (their digests, so lengths do not show either). */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(hash('sha256', given, 'buffer'), hash('sha256', expected, 'buffer'));
}

function allowed(address: string, networks: readonly Network[]): boolean {
  const ip = parseIp(address);
  return ip !== undefined && networks.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));
}

export class SmtpListener {
  private readonly server: SMTPServer;

  constructor(
    private readonly options: SmtpListenerOptions,
    private readonly handlers: SmtpHandlers,
  ) {
    const networks = options.allow.map((cidr) => parseNetwork(cidr)).filter((n): n is Network => n !== undefined);
    const auth = options.auth;
    const settings: SMTPServerOptions = {
      name: options.name,
      banner: 'Second Look quarantine intake',
      logger: false,
      size: options.maxMessageBytes,
      maxRecipients: options.maxRecipients,
      disableReverseLookup: true,
      closeTimeout: 10_000,
      // Enhanced codes are written into each refusal's text by whoever knows the reason.
      hideENHANCEDSTATUSCODES: true,
      disabledCommands: [...(options.tls === undefined ? ['STARTTLS'] : []), ...(auth === undefined ? ['AUTH'] : [])],
      authMethods: ['PLAIN', 'LOGIN'],
      authOptional: auth === undefined,
      // AUTH only inside TLS, except on loopback, where nothing crosses a network.
      allowInsecureAuth: isLoopbackHost(options.host),
      ...(options.tls === undefined ? {} : { key: fs.readFileSync(options.tls.keyFile), cert: fs.readFileSync(options.tls.certFile) }),
      onConnect: (session, callback) => {
        if (networks.length > 0 && !allowed(session.remoteAddress, networks)) {
          return callback(refusal(554, `5.7.1 ${session.remoteAddress} may not use this quarantine (SECOND_LOOK_SMTP_ALLOW)`));
        }
        return callback();
      },
      onAuth: (credentials, _session, callback) => {
        if (auth !== undefined && (credentials.method === 'PLAIN' || credentials.method === 'LOGIN') && sameSecret(credentials.username ?? '', auth.user) && sameSecret(credentials.password ?? '', auth.password)) {
          return callback(null, { user: auth.user });
        }
        return callback(refusal(535, '5.7.8 the user name or password is wrong'));
      },
      onRcptTo: (address, _session, callback) => {
        this.handlers.checkRecipient(address.address).then(
          (reply) => callback(reply === undefined ? null : refusal(reply.code, reply.message)),
          (error: unknown) => {
            this.handlers.logError(error, 'checking an SMTP recipient failed');
            callback(refusal(451, '4.3.0 the recipient could not be checked right now; try again later'));
          },
        );
      },
      onData: (stream, session, callback) => this.onData(stream, session, callback),
    };
    this.server = new SMTPServer(settings);
    // A client's broken connection is not the server's failure; only the listener's own errors are logged.
    this.server.on('error', (error) => this.handlers.logError(error, 'the quarantine SMTP listener reported an error'));
  }

  private onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void): void {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit nothing more is kept; the rest is read and dropped.
      if (size <= this.options.maxMessageBytes) chunks.push(chunk);
    });
    stream.on('error', () => undefined); // the connection closed mid-message: no reply can go
    stream.on('end', () => {
      if (stream.sizeExceeded || size > this.options.maxMessageBytes) {
        return callback(refusal(552, `5.3.4 the message is larger than the ${this.options.maxMessageBytes} byte limit`));
      }
      const envelope: SmtpEnvelope = {
        mailFrom: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
        recipients: session.envelope.rcptTo.map((r) => r.address),
        clientAddress: session.remoteAddress,
      };
      this.handlers.deliver(Buffer.concat(chunks, Math.min(size, this.options.maxMessageBytes)), envelope).then(
        (reply) => (reply.code >= 200 && reply.code < 300 ? callback(null, reply.message) : callback(refusal(reply.code, reply.message))),
        (error: unknown) => {
          this.handlers.logError(error, 'taking a message over SMTP failed');
          callback(refusal(451, '4.3.0 the message could not be stored right now; try again later'));
        },
      );
    });
  }

  /** Starts listening; resolves with the address (the port, when 0 was asked for). */
  listen(): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.server.once('error', onError);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.server.off('error', onError);
        resolve(this.server.server.address() as AddressInfo);
      });
    });
  }

  /** Stops taking connections; those open finish (up to 10 s) before it resolves. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.server.listening) return resolve();
      this.server.close(() => resolve());
    });
  }
}
