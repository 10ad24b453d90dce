import { sql, type Kysely, type Migration } from 'kysely';
import { binaryType } from './dialect';

/**
 * Original messages, kept by content in the database itself: the key is the SHA-256 of the
 * bytes, so the same message reported by fifty people is stored once. Stored beside the
 * submission rows, a report's message and its row commit in one transaction (one fsync for a
 * whole group of reports, and never one without the other). One file per message cost a file
 * creation and two fsyncs per report, which capped intake near 1,100 reports/s on our disks.
 */
export const m004MessageBlobs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('message_blobs')
      .addColumn('sha256', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('bytes', binaryType(db), (c) => c.notNull())
      .addColumn('created_date_time', 'varchar(32)', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    // Earlier code reads messages from files only: dropping stored messages would lose them.
    const kept = await sql<{ n: number }>`select count(*) as n from message_blobs`.execute(db);
    if (Number(kept.rows[0]?.n ?? 0) > 0) {
      throw new Error('message_blobs holds original messages that earlier versions cannot read; keep this migration');
    }
    await db.schema.dropTable('message_blobs').execute();
  },
};
