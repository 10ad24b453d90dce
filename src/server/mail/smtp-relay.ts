/**
 * Production delivery: mail goes to an SMTP relay with nodemailer's SMTPConnection, over
 * connections kept open and reused (smtp-relay-pool.ts): a bulk release sends thousands of
 * copies, and a new connection (TLS, EHLO, AUTH) for each would cost more than the mail.
 * smtps:// is TLS from the first byte; smtp:// upgrades with STARTTLS whenever the relay
 * offers it (and must, when credentials would cross the network). A certificate that does not
 * verify stops the send: nothing falls back to plain text.
 *
 * The message body is handed over only after the relay has accepted the envelope, and this
 * file knows when: an error after that point without a reply from the relay leaves it unknown
 * whether the relay took the mail, which the queue must not guess at (it would send twice).
 * An error before it on a reused connection (the relay closed it while it was idle) costs
 * nothing: the mail goes once more over a new connection at once.
 */
import { Readable } from 'node:stream';
import { relayLabel, type SmtpRelayConfig } from '../config/mail-config';
import { composeMail, type ComposedMail, type OutgoingMail } from './compose';
import { DeliveryError, type DeliveryFailure, type MailDelivery } from './delivery';
import { UnsafeMailError } from './mail-fields';
import { RelayConnectionPool, type PooledConnection } from './smtp-relay-pool';

/** The whole exchange, however slowly a relay answers: it ends, and the mail is retried (or held). */
const SEND_DEADLINE_MS = 5 * 60_000;

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
}

/** What an SMTP error means for this mail, given whether the relay already had the whole message. */
export function failureOf(error: SmtpError, handedOver: boolean): DeliveryFailure {
  const reply = error.responseCode;
  if (reply !== undefined && reply >= 500 && reply < 600 && (error.code === 'EENVELOPE' || error.code === 'EMESSAGE')) return 'refused';
  if (reply !== undefined && reply >= 400) return 'retry';
  return handedOver ? 'unknown' : 'retry';
}

/** An error's message as it may be kept and shown: one line, bounded. */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  let line = '';
  for (const char of text) line += (char.codePointAt(0) ?? 0) < 0x20 ? ' ' : char;
  return line.replace(/ {2,}/g, ' ').trim().slice(0, 500);
}

export class SmtpRelayDelivery implements MailDelivery {
  readonly repeatable = false;
  readonly description: string;
  private readonly pool: RelayConnectionPool;

  constructor(relay: SmtpRelayConfig) {
    this.description = `SMTP relay ${relayLabel(relay)}`;
    this.pool = new RelayConnectionPool(relay);
  }

  async deliver(mail: OutgoingMail): Promise<void> {
    let composed: ComposedMail;
    try {
      composed = await composeMail(mail);
    } catch (error) {
      if (error instanceof UnsafeMailError) throw new DeliveryError(error.message, 'refused');
      throw error;
    }
    let handedOver = false;
    const onHandOver = () => {
      handedOver = true;
    };
    let connection: PooledConnection | undefined;
    try {
      connection = await this.pool.acquire();
      try {
        await this.send(connection, composed, onHandOver);
      } catch (error) {
        // A kept connection the relay dropped while idle: not a byte of this mail went, so it goes again on a new one.
        if (!connection.reused || handedOver || !droppedWhileIdle(error as SmtpError)) throw error;
        this.pool.discard(connection);
        connection = await this.pool.open();
        await this.send(connection, composed, onHandOver);
      }
      this.pool.release(connection);
    } catch (error) {
      if (connection) this.pool.discard(connection);
      throw new DeliveryError(describe(error), failureOf(error as SmtpError, handedOver));
    }
  }

  /** Closes the connections kept open; a send under way finishes first. */
  close(): Promise<void> {
    return this.pool.close();
  }

  /** One message over `connection`. `onHandOver` runs when the body starts going to the relay. */
  private send(connection: PooledConnection, { raw, envelope }: ComposedMail, onHandOver: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        connection.onTrouble = undefined;
        if (error) reject(error);
        else resolve();
      };
      const deadline = setTimeout(() => finish(new Error(`the relay did not finish within ${SEND_DEADLINE_MS / 1000} seconds`)), SEND_DEADLINE_MS);
      deadline.unref();
      // The connection failing (reset, timeout, closed) ends this send; later troubles find it settled.
      connection.onTrouble = finish;
      // Read only when SMTPConnection pipes it, after the relay's 354 to DATA.
      const body = new Readable({
        read() {
          onHandOver();
          this.push(raw);
          this.push(null);
        },
      });
      connection.smtp.send({ ...envelope, size: raw.length }, body, (error) => finish(error ?? undefined));
    });
  }
}

/** The relay closed or reset a kept connection (no reply, or 421 "closing"): worth one more try on a new one. */
function droppedWhileIdle(error: SmtpError): boolean {
  return error.responseCode === undefined || error.responseCode === 421;
}
