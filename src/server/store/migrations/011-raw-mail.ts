import type { Kysely, Migration } from 'kysely';

/**
 * Queued mail that is a stored message sent on as it is (a quarantined message's release):
 * the row names the original in message_blobs by SHA-256 instead of holding composed text, and
 * its text_body is the one header line the copy gets in front (X-Second-Look-Released).
 */
export const m011RawMail: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('mail_outbox').addColumn('raw_sha256', 'varchar(64)').execute();
    await db.schema.createIndex('mail_outbox_raw').on('mail_outbox').column('raw_sha256').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('mail_outbox_raw').execute();
    await db.schema.alterTable('mail_outbox').dropColumn('raw_sha256').execute();
  },
};
