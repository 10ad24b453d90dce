/**
 * Connections to the SMTP relay, kept open between mails and reused (smtp-relay.ts sends over
 * them). One mail at a time per connection; as many connections as mails are sent at once (the
 * queue's sender bounds that). A connection is closed after MAX_MAILS_PER_CONNECTION mails (relays
 * limit a session's messages), after IDLE_MS without a mail, when the relay closes or breaks it,
 * and when the server stops.
 */
import fs from 'node:fs';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SmtpRelayConfig } from '../config/mail-config';

/** Waits (ms): long enough for a busy relay, short enough that a dead one is noticed. */
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000, dnsTimeout: 30_000 };
/** Postfix's smtpd and Exchange accept 100 or more messages per session; staying at 100 is safe with both. */
const MAX_MAILS_PER_CONNECTION = 100;
/** A kept connection unused this long is closed, before the relay's own idle timeout (Postfix: 300 s) would. */
const IDLE_MS = 10_000;

export interface PooledConnection {
  readonly smtp: SMTPConnection;
  /** True when it carried a mail before this one: the relay may have dropped it meanwhile. */
  reused: boolean;
  mails: number;
  closed: boolean;
  /** Told when the connection fails or the relay ends it; the send under way settles with it. */
  onTrouble: ((error: Error) => void) | undefined;
  idleTimer: NodeJS.Timeout | undefined;
}

export class RelayConnectionPool {
  private readonly idle: PooledConnection[] = [];
  private readonly ca: Buffer | undefined;
  private closing = false;

  constructor(private readonly relay: SmtpRelayConfig) {
    this.ca = relay.caFile ? fs.readFileSync(relay.caFile) : undefined;
  }

  /** A kept connection when one is idle, else a new one (connected, and logged in when the relay wants credentials). */
  async acquire(): Promise<PooledConnection> {
    for (let kept = this.idle.pop(); kept !== undefined; kept = this.idle.pop()) {
      clearTimeout(kept.idleTimer);
      if (!kept.closed) return kept;
    }
    return this.open();
  }

  /** A new connection, ready for MAIL FROM. */
  open(): Promise<PooledConnection> {
    const smtp = new SMTPConnection({
      host: this.relay.host,
      port: this.relay.port,
      secure: this.relay.implicitTls,
      requireTLS: this.relay.requireStartTls,
      ...TIMEOUTS,
      logger: false,
      debug: false,
      tls: { minVersion: 'TLSv1.2', ...(this.ca ? { ca: this.ca } : {}) },
    });
    const connection: PooledConnection = { smtp, reused: false, mails: 0, closed: false, onTrouble: undefined, idleTimer: undefined };
    const trouble = (error: Error) => {
      connection.closed = true;
      this.forget(connection);
      connection.onTrouble?.(error);
    };
    // Listened to for the connection's whole life: an idle one's error must not go unhandled.
    smtp.on('error', (error: Error) => {
      trouble(error);
      smtp.close();
    });
    smtp.on('end', () => trouble(new Error('the relay closed the connection')));
    return new Promise<PooledConnection>((resolve, reject) => {
      const fail = (error: Error) => {
        connection.onTrouble = undefined;
        smtp.close();
        reject(error);
      };
      connection.onTrouble = fail;
      smtp.connect((error) => {
        if (error) return fail(error);
        const ready = () => {
          connection.onTrouble = undefined;
          resolve(connection);
        };
        if (this.relay.user === undefined || !smtp.allowsAuth) return ready();
        smtp.login({ user: this.relay.user, pass: this.relay.password ?? '' }, (loginError) => (loginError ? fail(loginError) : ready()));
      });
    });
  }

  /** A mail went through `connection`: kept for the next one, or closed when it has carried enough. */
  release(connection: PooledConnection): void {
    connection.mails++;
    connection.reused = true;
    if (connection.closed || this.closing || connection.mails >= MAX_MAILS_PER_CONNECTION) return this.quit(connection);
    connection.idleTimer = setTimeout(() => {
      this.forget(connection);
      this.quit(connection);
    }, IDLE_MS);
    connection.idleTimer.unref();
    this.idle.push(connection);
  }

  /** A connection whose last exchange failed: closed, never reused (its state is unknown). */
  discard(connection: PooledConnection): void {
    connection.closed = true;
    connection.onTrouble = undefined;
    this.forget(connection);
    connection.smtp.close();
  }

  /** Closes every kept connection politely (QUIT); new sends after this open and close their own. */
  async close(): Promise<void> {
    this.closing = true;
    for (const connection of this.idle.splice(0)) {
      clearTimeout(connection.idleTimer);
      this.quit(connection);
    }
  }

  private quit(connection: PooledConnection): void {
    connection.closed = true;
    connection.onTrouble = undefined;
    connection.smtp.quit();
  }

  private forget(connection: PooledConnection): void {
    clearTimeout(connection.idleTimer);
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
  }
}
