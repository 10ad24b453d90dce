/**
 * Which databases the server suites run against: always a real SQLite file, and PostgreSQL
 * when DATABASE_URL is set. With REQUIRE_PG=1 (CI) a missing DATABASE_URL is a failure, so
 * PostgreSQL can never be skipped without anyone noticing.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export type DatabaseKind = 'sqlite' | 'postgresql';

export function databaseKinds(): DatabaseKind[] {
  const url = process.env['DATABASE_URL'];
  if (!url && process.env['REQUIRE_PG'] === '1') {
    throw new Error('REQUIRE_PG=1 but DATABASE_URL is not set: the PostgreSQL suite cannot run');
  }
  return url ? ['sqlite', 'postgresql'] : ['sqlite'];
}

/**
 * A fresh, empty PostgreSQL schema for one app, and a connection string that uses it. Each
 * test gets its own schema, so suites never see each other's rows.
 */
export async function freshPostgresSchema(baseUrl?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = baseUrl ?? process.env['DATABASE_URL'];
  if (!base) throw new Error('DATABASE_URL is not set');
  const schema = `sl_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: base });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}
