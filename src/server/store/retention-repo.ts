/**
 * Deleting what retention says has expired: old submissions (user reports and admin analyses)
 * and then every stored message no row refers to any more. Knows SQL, not policy: the service
 * picks the cut-off and writes the audit row in the same unit of work.
 */
import { sql, type Transaction } from 'kysely';
import { isPostgres } from './executor';
import type { Database } from './schema';

/** Bound to a transaction: the purge lock below lasts as long as it does. */
export class RetentionRepo {
  constructor(private readonly trx: Transaction<Database>) {}

  /** Up to `limit` submissions created before `cutoff` (ISO): their ids and message hashes. */
  expiredSubmissions(cutoff: string, limit: number): Promise<Array<{ id: string; message_sha256: string | null }>> {
    return this.trx
      .selectFrom('submissions')
      .select(['id', 'message_sha256'])
      .where('created_date_time', '<', cutoff)
      .orderBy('created_date_time')
      .limit(limit)
      .execute();
  }

  async deleteSubmissions(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.trx.deleteFrom('submissions').where('id', 'in', ids).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Of `hashes`, those no submission and no quarantined message refers to any more; their
   * stored messages are deleted.
   * Returns the unreferenced hashes (a message kept as a file by an older server may be among
   * them, though its row is not in message_blobs).
   */
  async deleteUnreferencedMessages(hashes: readonly string[]): Promise<{ unreferenced: string[]; deleted: number }> {
    const unique = [...new Set(hashes)];
    if (unique.length === 0) return { unreferenced: [], deleted: 0 };
    const stillUsed = await this.trx
      .selectFrom('submissions')
      .select('message_sha256')
      .distinct()
      .where('message_sha256', 'in', unique)
      .execute();
    // Quarantined messages share the same store: a message still quarantined for anyone stays.
    const quarantined = await this.trx.selectFrom('quarantined_messages').select('message_sha256').distinct().where('message_sha256', 'in', unique).execute();
    // A release still queued (mail_outbox.raw_sha256, migration 011) needs its message until sent.
    const queued = await this.trx.selectFrom('mail_outbox').select('raw_sha256 as message_sha256').distinct().where('raw_sha256', 'in', unique).where('state', '!=', 'sent').execute();
    const used = new Set([...stillUsed, ...quarantined, ...queued].map((r) => r.message_sha256));
    const unreferenced = unique.filter((h) => !used.has(h));
    if (unreferenced.length === 0) return { unreferenced, deleted: 0 };
    const result = await this.trx.deleteFrom('message_blobs').where('sha256', 'in', unreferenced).executeTakeFirst();
    return { unreferenced, deleted: Number(result.numDeletedRows) };
  }

  /**
   * True when this transaction may purge: on PostgreSQL, one server instance at a time holds a
   * transaction-scoped advisory lock and the others skip the run; SQLite has one instance.
   */
  async claimPurge(): Promise<boolean> {
    if (!isPostgres(this.trx)) return true;
    const row = await sql<{ claimed: boolean }>`select pg_try_advisory_xact_lock(hashtext('second-look:retention-purge')) as claimed`.execute(this.trx);
    return row.rows[0]?.claimed === true;
  }
}
