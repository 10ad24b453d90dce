/**
 * How a queued mail leaves the server: written to the pickup folder (the embedded default) or
 * handed to an SMTP relay. The queue's sender (services/mail-sender-service.ts) decides when
 * and how often; a delivery only tries once and says how it went. deliveryFor() (delivery-for.ts)
 * picks one from the configuration.
 */
import type { OutgoingMail } from './compose';

export type { OutgoingMail } from './compose';

/**
 * Why a delivery did not succeed:
 * - `retry`: it did not arrive and may later (a 4xx reply, a refused connection, a full disk);
 * - `refused`: it never will as it is (a 5xx reply to this message, a header that cannot be
 *   written safely);
 * - `unknown`: the relay had the whole message but the reply never came, so it may have
 *   taken it. Sending it again could deliver it twice.
 */
export type DeliveryFailure = 'retry' | 'refused' | 'unknown';

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly failure: DeliveryFailure,
  ) {
    super(message);
  }
}

export interface MailDelivery {
  /** Where mail goes, as logs and the start banner may show it (never a password). */
  readonly description: string;
  /**
   * True when delivering a mail a second time has the effect of the first (the pickup folder:
   * the same file again). A send cut short is then simply tried again instead of held back.
   */
  readonly repeatable: boolean;
  /** Resolves once the mail is handed over; rejects with a DeliveryError otherwise. Several may run at once. */
  deliver(mail: OutgoingMail): Promise<void>;
  /** Lets go of what it holds between mails (a relay's kept connections), when the server stops. */
  close?(): Promise<void>;
}
