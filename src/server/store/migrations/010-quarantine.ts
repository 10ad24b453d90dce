import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../executor';
import { binaryType } from './dialect';

/**
 * The quarantine: one row per recipient of a quarantined message, all of a message's rows
 * sharing its one stored original (message_blobs, by SHA-256).
 *
 * - Duplicates (the same Message-ID for the same recipient with the same bytes) are one row: a
 *   unique index says so, and the row's id is derived from the same three values.
 * - One index per filter the admin list offers (recipient, sender, sender domain, reason,
 *   policy, release status), each ending in the received time and id, so the first page of any
 *   one filter, newest first, reads only the rows it shows; received and expires ranges have
 *   their own. The expires index is also what the retention purge walks.
 * - "Subject contains": the subject folded for search, indexed by SQLite FTS5 (external
 *   content, kept by triggers) or a PostgreSQL tsvector with a GIN index, as submissions' is.
 * - The content fingerprint (core/clusters' MinHash signature) on each row, and its LSH band
 *   keys once per stored message in quarantine_bands, so "similar messages" is an index lookup.
 */
const FILTER_INDEXES: ReadonlyArray<[name: string, column: string]> = [
  ['quarantined_messages_recipient_received', 'recipient'],
  ['quarantined_messages_sender_received', 'sender'],
  ['quarantined_messages_sender_domain_received', 'sender_domain'],
  ['quarantined_messages_reason_received', 'reason'],
  ['quarantined_messages_policy_received', 'policy'],
  ['quarantined_messages_release_status_received', 'release_status'],
];

export const m010Quarantine: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('quarantined_messages')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('message_sha256', 'varchar(64)', (c) => c.notNull())
      .addColumn('message_size', 'integer', (c) => c.notNull())
      .addColumn('internet_message_id', 'text', (c) => c.notNull())
      .addColumn('recipient', 'varchar(320)', (c) => c.notNull())
      .addColumn('sender', 'text', (c) => c.notNull())
      .addColumn('sender_name', 'text')
      .addColumn('sender_domain', 'text', (c) => c.notNull())
      .addColumn('envelope_sender', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('subject_folded', 'text', (c) => c.notNull())
      .addColumn('received_date_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('reason', 'varchar(32)', (c) => c.notNull())
      .addColumn('reason_basis', 'varchar(16)', (c) => c.notNull())
      .addColumn('reason_evidence', 'text')
      .addColumn('policy', 'varchar(64)', (c) => c.notNull())
      .addColumn('expires_date_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('release_status', 'varchar(16)', (c) => c.notNull().defaultTo('notReleased'))
      .addColumn('release_requested_date_time', 'varchar(32)')
      .addColumn('release_decided_date_time', 'varchar(32)')
      .addColumn('release_decided_by', 'varchar(320)')
      .addColumn('released_date_time', 'varchar(32)')
      .addColumn('source', 'varchar(16)', (c) => c.notNull())
      .addColumn('fingerprint', binaryType(db))
      .addColumn('fingerprint_version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema.createIndex('quarantined_messages_dedup').on('quarantined_messages').columns(['internet_message_id', 'recipient', 'message_sha256']).unique().execute();
    await db.schema.createIndex('quarantined_messages_received').on('quarantined_messages').columns(['received_date_time', 'id']).execute();
    // Expiry order (a list filtered by expiry is in that order) and the purge's "expired by now".
    await db.schema.createIndex('quarantined_messages_expires').on('quarantined_messages').columns(['expires_date_time', 'id']).execute();
    await db.schema.createIndex('quarantined_messages_message').on('quarantined_messages').column('message_sha256').execute();
    for (const [name, column] of FILTER_INDEXES) {
      await db.schema.createIndex(name).on('quarantined_messages').columns([column, 'received_date_time', 'id']).execute();
    }

    if (isPostgres(db)) {
      // 'simple': subjects are in every language, so no stemming; prefix queries do the rest.
      await sql`alter table quarantined_messages add column subject_search tsvector generated always as (to_tsvector('simple', subject_folded)) stored`.execute(db);
      await sql`create index quarantined_messages_subject_search on quarantined_messages using gin (subject_search)`.execute(db);
    } else {
      await sql`create virtual table quarantined_messages_fts using fts5(subject_folded, content='quarantined_messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')`.execute(db);
      await sql`create trigger quarantined_messages_fts_insert after insert on quarantined_messages begin
        insert into quarantined_messages_fts(rowid, subject_folded) values (new.rowid, new.subject_folded);
      end`.execute(db);
      await sql`create trigger quarantined_messages_fts_delete after delete on quarantined_messages begin
        insert into quarantined_messages_fts(quarantined_messages_fts, rowid, subject_folded) values ('delete', old.rowid, old.subject_folded);
      end`.execute(db);
      await sql`create trigger quarantined_messages_fts_update after update of subject_folded on quarantined_messages begin
        insert into quarantined_messages_fts(quarantined_messages_fts, rowid, subject_folded) values ('delete', old.rowid, old.subject_folded);
        insert into quarantined_messages_fts(rowid, subject_folded) values (new.rowid, new.subject_folded);
      end`.execute(db);
    }

    // Looked up by key only: SQLite keeps the rows in the primary key's b-tree itself.
    const bands = db.schema
      .createTable('quarantine_bands')
      .addColumn('band_key', 'integer', (c) => c.notNull())
      .addColumn('message_sha256', 'varchar(64)', (c) => c.notNull())
      .addPrimaryKeyConstraint('quarantine_bands_pk', ['band_key', 'message_sha256']);
    await (isPostgres(db) ? bands : bands.modifyEnd(sql`without rowid`)).execute();
    await db.schema.createIndex('quarantine_bands_message').on('quarantine_bands').column('message_sha256').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('quarantine_bands').execute();
    if (!isPostgres(db)) {
      for (const trigger of ['quarantined_messages_fts_insert', 'quarantined_messages_fts_delete', 'quarantined_messages_fts_update']) await sql`drop trigger ${sql.raw(trigger)}`.execute(db);
      await sql`drop table quarantined_messages_fts`.execute(db);
    }
    await db.schema.dropTable('quarantined_messages').execute();
  },
};
