import type { Kysely, Migration } from 'kysely';

/**
 * Bulk release of similar quarantined messages as background jobs (a lease per job, a state per
 * member), and the analyzer's verdict stored with a quarantined message.
 */
export const m012QuarantineBulk: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('bulk_release_jobs')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('similar_to', 'varchar(64)', (c) => c.notNull())
      .addColumn('by_kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('released', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'varchar(320)', (c) => c.notNull())
      .addColumn('created_by_subject', 'text')
      .addColumn('created_date_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('finished_date_time', 'varchar(32)')
      .addColumn('lease_owner', 'varchar(64)')
      .addColumn('lease_expires', 'varchar(32)')
      .execute();
    await db.schema.createIndex('bulk_release_jobs_state').on('bulk_release_jobs').columns(['state', 'created_date_time']).execute();
    await db.schema.createIndex('bulk_release_jobs_created').on('bulk_release_jobs').columns(['created_date_time', 'id']).execute();

    await db.schema
      .createTable('bulk_release_members')
      .addColumn('job_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('row_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('mail_id', 'varchar(64)')
      .addColumn('detail', 'text')
      .addPrimaryKeyConstraint('bulk_release_members_pk', ['job_id', 'row_id'])
      .execute();
    await db.schema.createIndex('bulk_release_members_state').on('bulk_release_members').columns(['job_id', 'state', 'row_id']).execute();

    await db.schema
      .createTable('quarantine_analyses')
      .addColumn('message_sha256', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('submission_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('category', 'varchar(32)', (c) => c.notNull())
      .addColumn('analyzed_by', 'varchar(320)', (c) => c.notNull())
      .addColumn('analyzed_date_time', 'varchar(32)', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('quarantine_analyses').execute();
    await db.schema.dropTable('bulk_release_members').execute();
    await db.schema.dropTable('bulk_release_jobs').execute();
  },
};
