import type { Kysely, Migration } from 'kysely';

/**
 * The stable subject (`entra:TID:OID`, `oidc:ISS:SUB`) beside the mailbox address: who made
 * each submission and who made each change. Rows written before this migration have none.
 * The indexes serve the daily report quota (a user's submissions since midnight) and the
 * retention purge (is any row still referring to this stored message?).
 */
export const m005StableSubjects: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('submissions').addColumn('created_by_subject', 'varchar(512)').execute();
    await db.schema.alterTable('audit_log').addColumn('actor_subject', 'varchar(512)').execute();
    await db.schema
      .createIndex('submissions_subject_created')
      .on('submissions')
      .columns(['created_by_subject', 'created_date_time'])
      .execute();
    await db.schema.createIndex('submissions_message').on('submissions').column('message_sha256').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('submissions_message').execute();
    await db.schema.dropIndex('submissions_subject_created').execute();
    await db.schema.alterTable('audit_log').dropColumn('actor_subject').execute();
    await db.schema.alterTable('submissions').dropColumn('created_by_subject').execute();
  },
};
