import type { Kysely, Migration } from 'kysely';

/**
 * The outgoing mail queue. A mail is a row written in the same transaction as the change that
 * causes it (a review's notice), so it exists exactly when the change does; the sender takes
 * rows by state and time, leasing each while it sends, and records how it went.
 */
export const m007MailOutbox: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('kind', 'varchar(32)', (c) => c.notNull())
      .addColumn('from_address', 'varchar(320)', (c) => c.notNull())
      .addColumn('to_address', 'varchar(320)', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text_body', 'text', (c) => c.notNull())
      /** The Message-ID, fixed when queued: a retry sends the same message, not a new one. */
      .addColumn('message_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('related_id', 'varchar(64)')
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_date_time', 'varchar(32)')
      .addColumn('lease_owner', 'varchar(128)')
      .addColumn('lease_until', 'varchar(32)')
      .addColumn('last_error', 'text')
      .addColumn('created_date_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('sent_date_time', 'varchar(32)')
      .execute();
    await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['state', 'next_attempt_date_time']).execute();
    await db.schema.createIndex('mail_outbox_created').on('mail_outbox').columns(['created_date_time', 'id']).execute();
    await db.schema.createIndex('mail_outbox_related').on('mail_outbox').column('related_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('mail_outbox').execute();
  },
};
