import { sql, type Transaction } from 'kysely';
import { isPostgres } from './executor';
import type { Database } from './schema';

/**
 * Makes read-check-write sequences (duplicate and limit checks) safe across concurrent
 * requests and several server instances. SQLite already runs one write transaction at a
 * time; PostgreSQL gets a transaction-scoped advisory lock on the given key.
 */
export async function serializeOn(trx: Transaction<Database>, key: string): Promise<void> {
  if (isPostgres(trx)) {
    await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
  }
}
