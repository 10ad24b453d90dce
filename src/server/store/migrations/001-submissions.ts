import type { Kysely, Migration } from 'kysely';
import { autoNumberedKey } from './dialect';

/** Submissions and the audit log. Types chosen to mean the same in SQLite and PostgreSQL. */
export const m001Submissions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('submissions')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('category', 'varchar(16)', (c) => c.notNull())
      .addColumn('source', 'varchar(16)', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('internet_message_id', 'text', (c) => c.notNull())
      .addColumn('recipient_email_address', 'varchar(320)', (c) => c.notNull())
      .addColumn('to_recipients', 'text', (c) => c.notNull())
      .addColumn('sender', 'varchar(320)', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('received_date_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('created_date_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('created_by_email', 'varchar(320)', (c) => c.notNull())
      .addColumn('created_by_name', 'text')
      .addColumn('comment', 'text')
      .addColumn('message_sha256', 'varchar(64)')
      .addColumn('message_size', 'integer')
      .addColumn('headers_raw', 'text', (c) => c.notNull())
      .addColumn('original_submission_id', 'varchar(64)')
      .addColumn('result', 'text')
      .addColumn('idempotency_key', 'varchar(200)')
      .execute();
    // A retried report carries the same key: the unique index makes the second insert fail
    // instead of creating a duplicate, even when both arrive at once.
    await db.schema
      .createIndex('submissions_idempotency')
      .on('submissions')
      .columns(['created_by_email', 'idempotency_key'])
      .unique()
      .execute();
    await db.schema.createIndex('submissions_created').on('submissions').columns(['created_date_time', 'id']).execute();
    await db.schema
      .createIndex('submissions_reporter_message')
      .on('submissions')
      .columns(['created_by_email', 'internet_message_id'])
      .execute();
    await db.schema.createIndex('submissions_sender').on('submissions').column('sender').execute();
    await db.schema.createIndex('submissions_recipient').on('submissions').column('recipient_email_address').execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', autoNumberedKey(db))
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .addColumn('actor', 'varchar(320)', (c) => c.notNull())
      .addColumn('action', 'varchar(64)', (c) => c.notNull())
      .addColumn('target_type', 'varchar(64)', (c) => c.notNull())
      .addColumn('target_id', 'varchar(400)', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('audit_log').execute();
    await db.schema.dropTable('submissions').execute();
  },
};
