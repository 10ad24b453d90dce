/**
 * Opens the database: the embedded SQLite file (better-sqlite3, WAL) by default, PostgreSQL
 * when a DATABASE_URL is given. Everything above this file sees one Kysely<Database>.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { isPostgres } from './executor';
import { migrationProvider } from './migrations';
import { ImmediateSqliteDialect, withStatementCache } from './sqlite-dialect';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  dataDir: string;
  databaseUrl: string | undefined;
}

/** The embedded database's file, when that is what `options` open. */
export function sqliteFileOf(options: DatabaseOptions): string | undefined {
  return options.databaseUrl ? undefined : path.join(options.dataDir, 'second-look.sqlite');
}

export function openDatabase(options: DatabaseOptions): Db {
  if (options.databaseUrl) {
    return new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new Pool({ connectionString: options.databaseUrl, max: 10 }) }),
    });
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = sqliteFileOf(options) ?? '';
  const sqlite = new SQLite(file);
  // Original messages live in this file (tens of KB each). With 16 KB pages a message takes a
  // quarter of the WAL frames (one write each) it would with the default 4 KB, which halved
  // the kernel time per stored report. It only takes effect when the file is created.
  sqlite.pragma('page_size = 16384');
  // WAL lets readers run beside the writer. synchronous=FULL makes every acknowledged commit
  // durable across power loss, not just across a crash of this process.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
}

export class MigrationError extends Error {}

/** Brings the schema up to date. Safe to run on every start and from `second-look migrate`. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  // Kysely looks for its own tables in every schema it can see unless told which one is ours:
  // another schema's copy (another deployment's, or a concurrent test's) would pass for ours.
  const schema = isPostgres(db) ? (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
