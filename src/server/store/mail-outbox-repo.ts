/** The outgoing mail queue's rows. Knows SQL, not when or how a mail is sent. */
import type { Executor } from './executor';
import type { MailOutboxTable } from './schema-mail';

/** A mail to queue: written, addressed and with its Message-ID fixed, so a retry resends it as it was. */
export interface NewMail {
  id: string;
  kind: 'reviewNotice';
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  relatedId: string | null;
}

export type MailRow = MailOutboxTable;

export class MailOutboxRepo {
  constructor(private readonly db: Executor) {}

  /** Queues `mail`, due at once. Inside a unit of work it commits with the change that caused it. */
  async enqueue(mail: NewMail, now: string): Promise<void> {
    await this.db
      .insertInto('mail_outbox')
      .values({
        id: mail.id,
        kind: mail.kind,
        from_address: mail.from,
        to_address: mail.to,
        subject: mail.subject,
        text_body: mail.text,
        message_id: mail.messageId,
        related_id: mail.relatedId,
        state: 'queued',
        attempts: 0,
        next_attempt_date_time: now,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        created_date_time: now,
        sent_date_time: null,
      })
      .execute();
  }
}
