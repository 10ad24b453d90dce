/**
 * What a repository runs its queries on: the database itself, or a transaction a unit of work
 * opened (see unit-of-work.ts). Repositories never know which.
 */
import { PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';

export type Executor = Kysely<Database> | Transaction<Database>;

/** The few places SQL differs by database ask this; everything else is one code path. */
export function isPostgres(db: Pick<Kysely<unknown>, 'getExecutor'>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
