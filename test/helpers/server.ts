/**
 * A real triage server for one test: a temporary data folder (SQLite file, blob store, issuer
 * key) or a fresh PostgreSQL schema, a fixed clock, and tokens minted by its embedded issuer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/contracts/roles';
import { buildApp } from '../../src/server/app';
import { loadEmbeddedIssuer, mintToken } from '../../src/server/auth/embedded-issuer';
import { loadConfig, type Config } from '../../src/server/config/config';
import { openDatabase, type Db } from '../../src/server/store/database';
import { freshPostgresSchema, type DatabaseKind } from './databases';

export const FIXED_NOW = new Date('2026-11-22T12:00:00.000Z');

export class TestClock {
  constructor(private current: Date = FIXED_NOW) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestServer {
  app: FastifyInstance;
  config: Config;
  clock: TestClock;
  token(email: string, roles?: Role[], options?: { lifetime?: number; audience?: string }): Promise<string>;
  close(): Promise<void>;
}

export function tempDir(prefix = 'second-look-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestServer(
  kind: DatabaseKind = 'sqlite',
  env: Record<string, string> = {},
  options: { realClock?: boolean; logStream?: NodeJS.WritableStream } = {},
): Promise<TestServer> {
  const dataDir = tempDir();
  const pg = kind === 'postgresql' ? await freshPostgresSchema(env['DATABASE_URL']) : undefined;
  const config = loadConfig({
    SECOND_LOOK_DATA: dataDir,
    SECOND_LOOK_LOG_LEVEL: 'silent',
    SECOND_LOOK_WEB_ROOT: path.join(dataDir, 'no-web'),
    // A busy test machine lags and fills its heap in ways no server would: load shedding would
    // answer some requests 503 at random. Its own tests turn it on.
    SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS: '0',
    SECOND_LOOK_MAX_HEAP_BYTES: '0',
    ...env,
    ...(pg ? { DATABASE_URL: pg.url } : {}),
  });
  const clock = new TestClock();
  const app = await buildApp(config, { ...(options.realClock ? {} : { clock }), ...(options.logStream ? { logStream: options.logStream } : {}) });
  return {
    app,
    config,
    clock,
    async token(email, roles = [], options = {}) {
      const issuer = config.auth;
      if (issuer.kind !== 'embedded') throw new Error('token() needs the embedded issuer');
      const embedded = await loadEmbeddedIssuer(dataDir, issuer.issuer, options.audience ?? issuer.audience);
      const { token } = await mintToken(embedded, { email, roles, lifetime: options.lifetime ?? 90 * 86_400, now: clock.now() });
      return token;
    },
    async close() {
      await app.close();
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type CountedTable = 'message_blobs' | 'submissions';

/** Rows of `table` in `db`. */
export async function rowsIn(db: Db, table: CountedTable): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Rows of `table` in the server's own database, read over a second connection. */
export async function countRows(server: TestServer, table: CountedTable): Promise<number> {
  const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
  try {
    return await rowsIn(db, table);
  } finally {
    await db.destroy();
  }
}
