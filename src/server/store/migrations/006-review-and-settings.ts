import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../executor';
import { searchableText } from '../search-text';

/**
 * What the portal needs of user reports:
 * - the admin's review (result, personal message, when, by whom), the language the reporter
 *   reads (for the notice), and the cluster a report belongs to;
 * - the sender's domain as a column, so "every sender at contoso.com" is an index range;
 * - one index per filter the User reported view offers, each ending in the report date, so
 *   the first page of any single filter, newest first, reads only the rows it shows;
 * - full-text search on the subject: the subject folded for search (core/text/fold.ts: lower
 *   case, no accents; search-text.ts, written with the row) indexed by SQLite FTS5 (external content, kept by
 *   triggers) or by a PostgreSQL tsvector with a GIN index, so both match alike;
 * - settings an admin saves (templates, policy), one JSON value per key.
 */
const FILTER_INDEXES: ReadonlyArray<[name: string, column: string]> = [
  ['submissions_source_created', 'source'],
  ['submissions_category_created', 'category'],
  ['submissions_review_created', 'review_result'],
  ['submissions_reporter_created', 'created_by_email'],
  ['submissions_sender_created', 'sender'],
  ['submissions_sender_domain_created', 'sender_domain'],
  ['submissions_recipient_created', 'recipient_email_address'],
  ['submissions_cluster_created', 'cluster_id'],
];

/** Rows from before this migration get their folded subject here, a batch at a time. */
async function foldExistingSubjects(db: Kysely<unknown>): Promise<void> {
  const rows = db as unknown as Kysely<{ submissions: { id: string; subject: string; subject_folded: string } }>;
  let after = '';
  for (;;) {
    const batch = await rows.selectFrom('submissions').select(['id', 'subject']).where('id', '>', after).orderBy('id').limit(1000).execute();
    for (const row of batch) await rows.updateTable('submissions').set({ subject_folded: searchableText(row.subject) }).where('id', '=', row.id).execute();
    const last = batch[batch.length - 1];
    if (last === undefined) return;
    after = last.id;
  }
}

export const m006ReviewAndSettings: Migration = {
  async up(db: Kysely<unknown>) {
    const columns: ReadonlyArray<[string, string]> = [
      ['review_result', 'varchar(32)'],
      ['review_message', 'text'],
      ['reviewed_date_time', 'varchar(32)'],
      ['reviewed_by', 'varchar(320)'],
      ['cluster_id', 'varchar(64)'],
      ['reporter_locale', 'varchar(16)'],
    ];
    for (const [name, type] of columns) await db.schema.alterTable('submissions').addColumn(name, sql.raw(type)).execute();
    await db.schema.alterTable('submissions').addColumn('sender_domain', 'varchar(255)', (c) => c.notNull().defaultTo('')).execute();
    await db.schema.alterTable('submissions').addColumn('subject_folded', 'text', (c) => c.notNull().defaultTo('')).execute();
    await foldExistingSubjects(db);
    const domainOf = isPostgres(db) ? sql`lower(split_part(sender, '@', 2))` : sql`lower(substr(sender, instr(sender, '@') + 1))`;
    await sql`update submissions set sender_domain = ${domainOf} where sender like '%@%'`.execute(db);

    // The filters' own indexes replace the single-column ones of 001.
    await db.schema.dropIndex('submissions_sender').execute();
    await db.schema.dropIndex('submissions_recipient').execute();
    for (const [name, column] of FILTER_INDEXES) {
      await db.schema.createIndex(name).on('submissions').columns([column, 'created_date_time', 'id']).execute();
    }

    if (isPostgres(db)) {
      // 'simple': subjects are in every language, so no stemming; prefix queries do the rest.
      await sql`alter table submissions add column subject_search tsvector generated always as (to_tsvector('simple', subject_folded)) stored`.execute(db);
      await sql`create index submissions_subject_search on submissions using gin (subject_search)`.execute(db);
    } else {
      await sql`create virtual table submissions_fts using fts5(subject_folded, content='submissions', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')`.execute(db);
      await sql`insert into submissions_fts(rowid, subject_folded) select rowid, subject_folded from submissions`.execute(db);
      await sql`create trigger submissions_fts_insert after insert on submissions begin
        insert into submissions_fts(rowid, subject_folded) values (new.rowid, new.subject_folded);
      end`.execute(db);
      await sql`create trigger submissions_fts_delete after delete on submissions begin
        insert into submissions_fts(submissions_fts, rowid, subject_folded) values ('delete', old.rowid, old.subject_folded);
      end`.execute(db);
      await sql`create trigger submissions_fts_update after update of subject_folded on submissions begin
        insert into submissions_fts(submissions_fts, rowid, subject_folded) values ('delete', old.rowid, old.subject_folded);
        insert into submissions_fts(rowid, subject_folded) values (new.rowid, new.subject_folded);
      end`.execute(db);
    }

    // The audit log's filters (its target type has had an index since 003).
    for (const column of ['actor', 'action', 'target_id']) {
      await db.schema.createIndex(`audit_log_${column}`).on('audit_log').columns([column, 'id']).execute();
    }

    await db.schema
      .createTable('settings')
      .addColumn('key', 'varchar(128)', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('modified_by', 'varchar(320)', (c) => c.notNull())
      .addColumn('modified_date_time', 'varchar(32)', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('settings').execute();
    for (const column of ['actor', 'action', 'target_id']) await db.schema.dropIndex(`audit_log_${column}`).execute();
    if (isPostgres(db)) {
      await sql`drop index submissions_subject_search`.execute(db);
      await sql`alter table submissions drop column subject_search`.execute(db);
    } else {
      for (const trigger of ['submissions_fts_insert', 'submissions_fts_delete', 'submissions_fts_update']) await sql`drop trigger ${sql.raw(trigger)}`.execute(db);
      await sql`drop table submissions_fts`.execute(db);
    }
    for (const [name] of FILTER_INDEXES) await db.schema.dropIndex(name).execute();
    await db.schema.createIndex('submissions_sender').on('submissions').column('sender').execute();
    await db.schema.createIndex('submissions_recipient').on('submissions').column('recipient_email_address').execute();
    for (const column of ['subject_folded', 'reporter_locale', 'sender_domain', 'cluster_id', 'reviewed_by', 'reviewed_date_time', 'review_message', 'review_result']) {
      await db.schema.alterTable('submissions').dropColumn(column).execute();
    }
  },
};
