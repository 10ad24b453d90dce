/**
 * The quarantine's SMTP listener: an MTA hands over quarantined mail, as Postfix does through
 * a transport map or Exchange through a send connector. Recipients come from RCPT TO alone;
 * `250` is sent only once the message is committed for every recipient. app.ts builds it;
 * main.ts starts it (`listen`) and stops it on shutdown.
 *
 * Replies (RFC 5321 codes, RFC 3463 enhanced codes in the text):
 * - RCPT TO outside the accepted domains: 550 5.1.2; not a mailbox, or an unknown tag: 553 5.1.3;
 *   no accepted domains configured at all: 451 4.3.5 (the MTA keeps the mail until they are);
 * - a message over the limit: 552 5.3.4 (at MAIL FROM when SIZE= says so, or after DATA);
 * - an empty message, or one without header fields: 554 5.6.0;
 * - the database or anything unexpected failing: 451 4.3.0, so the MTA tries again later;
 * - stored: 250 2.0.0, also for a repeated delivery (it is a duplicate, nothing new is stored).
 */
import type { AddressInfo } from 'node:net';
import type { RecipientCheck } from '../../core/quarantine';
import { SmtpListener, type SmtpListenerOptions, type SmtpReply } from '../mail/smtp-listener';
import { IntakeRefusal, MAX_RECIPIENTS, type QuarantineIntakeService } from './quarantine-intake-service';

export type SmtpIntakeOptions = Omit<SmtpListenerOptions, 'maxMessageBytes' | 'maxRecipients'>;

function recipientReply(check: Extract<RecipientCheck, { ok: false }>): SmtpReply {
  switch (check.code) {
    case 'notAcceptedDomain':
      return { code: 550, message: `5.1.2 <${check.recipient}>: ${check.message}` };
    case 'noAcceptedDomains':
      return { code: 451, message: `4.3.5 ${check.message}` };
    case 'invalidAddress':
    case 'unknownTag':
      return { code: 553, message: `5.1.3 ${check.message}` };
  }
}

/** The SMTP reply for a message intake refused. */
export function refusalReply(refusal: IntakeRefusal): SmtpReply {
  switch (refusal.refusal) {
    case 'tooLarge':
      return { code: 552, message: `5.3.4 ${refusal.message}` };
    case 'emptyMessage':
    case 'noHeaders':
      return { code: 554, message: `5.6.0 ${refusal.message}` };
    case 'noRecipients':
      return { code: 554, message: `5.5.1 ${refusal.message}` };
    case 'tooManyRecipients':
      return { code: 552, message: `5.5.3 ${refusal.message}` };
    case 'recipientRefused': {
      const first = refusal.recipients[0];
      return first === undefined ? { code: 550, message: `5.1.2 ${refusal.message}` } : recipientReply(first);
    }
  }
}

export class QuarantineSmtpIntake {
  private readonly listener: SmtpListener;
  private address: AddressInfo | undefined;

  constructor(
    intake: QuarantineIntakeService,
    options: SmtpIntakeOptions,
    logError: (error: unknown, message: string) => void,
  ) {
    this.listener = new SmtpListener(
      { ...options, maxMessageBytes: intake.maxMessageBytes, maxRecipients: MAX_RECIPIENTS },
      {
        checkRecipient: async (address) => {
          const check = await intake.checkRecipient(address);
          return check.ok ? undefined : recipientReply(check);
        },
        deliver: async (bytes, envelope) => {
          try {
            const outcome = await intake.intake({ bytes, recipients: envelope.recipients, envelopeSender: envelope.mailFrom, source: 'smtp' });
            const duplicates = outcome.duplicates > 0 ? ` (${outcome.duplicates} already quarantined)` : '';
            return { code: 250, message: `2.0.0 quarantined for ${outcome.items.length} recipient${outcome.items.length === 1 ? '' : 's'}${duplicates}` };
          } catch (error) {
            if (error instanceof IntakeRefusal) return refusalReply(error);
            throw error;
          }
        },
        logError,
      },
    );
  }

  /** Starts listening; resolves with where. */
  async listen(): Promise<AddressInfo> {
    this.address = await this.listener.listen();
    return this.address;
  }

  /** Where it listens, once it does. */
  get listening(): AddressInfo | undefined {
    return this.address;
  }

  /** Stops taking mail; messages being received finish first (up to 10 s). */
  async close(): Promise<void> {
    await this.listener.close();
    this.address = undefined;
  }
}
