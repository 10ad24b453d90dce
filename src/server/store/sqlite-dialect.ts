/**
 * Kysely's SQLite dialect, with write transactions that begin IMMEDIATE. The embedded database
 * has two writing connections: this one (lists, analyses, audit) and the writer thread's
 * (batched reports). A transaction begun DEFERRED reads from a snapshot and asks for the write
 * lock only at its first write; if the writer thread committed in between, SQLite cannot
 * upgrade the stale snapshot and fails at once with SQLITE_BUSY_SNAPSHOT, which no busy timeout
 * retries. Taking the write lock at BEGIN makes the transaction wait its turn (busy_timeout)
 * and then read current data, so it never fails that way.
 */
import type SQLite from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement } from 'kysely';

/** Prepared statements kept per SQL text; the queries the services run are a few dozen shapes. */
const STATEMENT_CACHE = 256;

/**
 * The connection as Kysely sees it, with prepared statements reused: Kysely prepares every
 * query afresh, and preparing costs more than running most of ours (a report's quota check, an
 * idempotency lookup). Kysely holds one query at a time on this connection, so a cached
 * statement is never used twice at once.
 */
export function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql) as unknown as SqliteStatement;
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

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
