/**
 * Kysely's SQLite dialect, with write transactions that begin IMMEDIATE. The embedded database
 * has two writing connections: this one (lists, analyses, audit) and the writer thread's
 * (batched reports). A transaction begun DEFERRED reads from a snapshot and asks for the write
 * lock only at its first write; if the writer thread committed in between, SQLite cannot
 * upgrade the stale snapshot and fails at once with SQLITE_BUSY_SNAPSHOT, which no busy timeout
 * retries. Taking the write lock at BEGIN makes the transaction wait its turn (busy_timeout)
 * and then read current data, so it never fails that way.
 */
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}
