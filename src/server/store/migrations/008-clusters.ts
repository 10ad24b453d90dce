import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../executor';
import { binaryType } from './dialect';

/**
 * Clusters of similar reports, and their similarity index.
 *
 * - `clusters`: one row per cluster with its counters (kept by the service as reports join and
 *   are reviewed), so the list never counts submissions; one index per list order and filter,
 *   each ending in the last-seen time and id, so the first page reads only the rows it shows.
 * - `cluster_bands`: the LSH band keys of each cluster's signature. A new report's keys find
 *   the clusters worth comparing it with, by index.
 * - `cluster_people`: each cluster's distinct reporters and recipients, so a report joining a
 *   cluster of fifty thousand adds to its counts without counting them all again.
 * - On submissions: the Internet Message-ID, so the same message reported by another recipient
 *   is found at once, and the original of an admin analysis, so a cluster's latest verdict is.
 */
export const m008Clusters: Migration = {
  async up(db: Kysely<unknown>) {
    const count = (name: string) => (t: ReturnType<Kysely<unknown>['schema']['createTable']>) => t.addColumn(name, 'integer', (c) => c.notNull().defaultTo(0));
    let clusters = db.schema
      .createTable('clusters')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('sender_key', 'varchar(700)', (c) => c.notNull())
      .addColumn('sender_domain', 'varchar(255)', (c) => c.notNull())
      .addColumn('sender_basis', 'varchar(16)', (c) => c.notNull())
      .addColumn('representative_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('signature', binaryType(db))
      .addColumn('fingerprint_version', 'integer', (c) => c.notNull());
    for (const name of ['report_count', 'reporter_count', 'recipient_count', 'open_count', 'not_junk_count', 'spam_count', 'phishing_count', 'malware_count']) {
      clusters = count(name)(clusters);
    }
    await clusters
      .addColumn('first_seen_date_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('last_seen_date_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('decision_result', 'varchar(32)')
      .addColumn('decision_message', 'text')
      .addColumn('decision_notify', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('decided_date_time', 'varchar(32)')
      .addColumn('decided_by', 'varchar(320)')
      .addColumn('auto_resolve', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_date_time', 'varchar(32)', (c) => c.notNull())
      .execute();
    const indexes: ReadonlyArray<[name: string, columns: string[]]> = [
      ['clusters_last_seen', ['last_seen_date_time', 'id']],
      ['clusters_size', ['report_count', 'last_seen_date_time', 'id']],
      ['clusters_status_last_seen', ['status', 'last_seen_date_time', 'id']],
      ['clusters_status_size', ['status', 'report_count', 'last_seen_date_time', 'id']],
      // report_count last: the list's size test is read from the index, not from each row.
      ['clusters_domain_last_seen', ['sender_domain', 'last_seen_date_time', 'id', 'report_count']],
      ['clusters_first_seen', ['first_seen_date_time']],
    ];
    for (const [name, columns] of indexes) await db.schema.createIndex(name).on('clusters').columns(columns).execute();

    // Looked up by key only: SQLite keeps the rows in the primary key's b-tree itself.
    const bands = db.schema
      .createTable('cluster_bands')
      .addColumn('band_key', 'integer', (c) => c.notNull())
      .addColumn('cluster_id', 'varchar(64)', (c) => c.notNull())
      .addPrimaryKeyConstraint('cluster_bands_pk', ['band_key', 'cluster_id']);
    await (isPostgres(db) ? bands : bands.modifyEnd(sql`without rowid`)).execute();
    await db.schema.createIndex('cluster_bands_cluster').on('cluster_bands').column('cluster_id').execute();

    const people = db.schema
      .createTable('cluster_people')
      .addColumn('cluster_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('role', 'varchar(16)', (c) => c.notNull())
      .addColumn('address', 'varchar(320)', (c) => c.notNull())
      .addPrimaryKeyConstraint('cluster_people_pk', ['cluster_id', 'role', 'address']);
    await (isPostgres(db) ? people : people.modifyEnd(sql`without rowid`)).execute();

    await db.schema.createIndex('submissions_message_id').on('submissions').column('internet_message_id').execute();
    await db.schema.createIndex('submissions_original').on('submissions').columns(['original_submission_id', 'created_date_time']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('submissions_original').execute();
    await db.schema.dropIndex('submissions_message_id').execute();
    await db.schema.dropTable('cluster_people').execute();
    await db.schema.dropTable('cluster_bands').execute();
    await db.schema.dropTable('clusters').execute();
  },
};
