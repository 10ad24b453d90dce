/**
 * Production delivery: each mail goes to an SMTP relay over its own connection, with
 * nodemailer's SMTPConnection. smtps:// is TLS from the first byte; smtp:// upgrades with
 * STARTTLS whenever the relay offers it (and must, when credentials would cross the network).
 * A certificate that does not verify stops the send: nothing falls back to plain text.
 *
 * The message body is handed over only after the relay has accepted the envelope, and this
 * file knows when: an error after that point without a reply from the relay leaves it unknown
 * whether the relay took the mail, which the queue must not guess at (it would send twice).
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { relayLabel, type SmtpRelayConfig } from '../config/mail-config';
import { composeMail, type ComposedMail, type OutgoingMail } from './compose';
import { DeliveryError, type DeliveryFailure, type MailDelivery } from './delivery';
import { UnsafeMailError } from './mail-fields';

/** Waits (ms): long enough for a busy relay, short enough that a dead one is noticed. */
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000, dnsTimeout: 30_000 };
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
  private readonly ca: Buffer | undefined;

  constructor(private readonly relay: SmtpRelayConfig) {
    this.description = `SMTP relay ${relayLabel(relay)}`;
    this.ca = relay.caFile ? fs.readFileSync(relay.caFile) : undefined;
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
    try {
      await this.send(composed, () => {
        handedOver = true;
      });
    } catch (error) {
      throw new DeliveryError(describe(error), failureOf(error as SmtpError, handedOver));
    }
  }

  /** One connection, one message. `onHandOver` runs when the body starts going to the relay. */
  private send({ raw, envelope }: ComposedMail, onHandOver: () => void): Promise<void> {
    const connection = new SMTPConnection({
      host: this.relay.host,
      port: this.relay.port,
      secure: this.relay.implicitTls,
      requireTLS: this.relay.requireStartTls,
      ...TIMEOUTS,
      logger: false,
      debug: false,
      tls: { minVersion: 'TLSv1.2', ...(this.ca ? { ca: this.ca } : {}) },
    });
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        if (error) connection.close();
        else connection.quit();
        if (error) reject(error);
        else resolve();
      };
      const deadline = setTimeout(() => finish(new Error(`the relay did not finish within ${SEND_DEADLINE_MS / 1000} seconds`)), SEND_DEADLINE_MS);
      deadline.unref();
      // Errors after the end (a QUIT the relay never answers) find the exchange settled and change nothing.
      connection.on('error', (error: Error) => finish(error));
      // Read only when SMTPConnection pipes it, after the relay's 354 to DATA.
      const body = new Readable({
        read() {
          onHandOver();
          this.push(raw);
          this.push(null);
        },
      });
      const sendMessage = () =>
        connection.send({ ...envelope, size: raw.length }, body, (error) => {
          finish(error ?? undefined);
        });
      connection.connect((error) => {
        if (error) return finish(error);
        if (this.relay.user === undefined || !connection.allowsAuth) return sendMessage();
        connection.login({ user: this.relay.user, pass: this.relay.password ?? '' }, (loginError) => {
          if (loginError) return finish(loginError);
          sendMessage();
        });
      });
    });
  }
}
