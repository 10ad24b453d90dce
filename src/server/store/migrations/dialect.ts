import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/**
 * The one place migrations differ by database: an auto-numbered key. SQLite numbers an
 * `integer primary key` by itself (it aliases the rowid); PostgreSQL needs an identity.
 */
export function autoNumberedKey(db: Kysely<unknown>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return postgres ? (c) => c.primaryKey().generatedByDefaultAsIdentity() : (c) => c.primaryKey();
}
