/** The places migrations differ by database; everything else is one code path. */
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { isPostgres } from '../executor';

/**
 * An auto-numbered key. SQLite numbers an `integer primary key` by itself (it aliases the
 * rowid); PostgreSQL needs an identity.
 */
export function autoNumberedKey(db: Kysely<unknown>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return isPostgres(db) ? (c) => c.primaryKey().generatedByDefaultAsIdentity() : (c) => c.primaryKey();
}

/** Raw bytes: SQLite's `blob`, PostgreSQL's `bytea`. Both read back as a Buffer. */
export function binaryType(db: Kysely<unknown>): 'bytea' | 'blob' {
  return isPostgres(db) ? 'bytea' : 'blob';
}
