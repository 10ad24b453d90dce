/**
 * The embedded database has two writing connections: the main one (lists, audit, analyses)
 * and the writer thread's (batched reports). A main-connection transaction must never fail
 * because the other committed while it was reading (SQLITE_BUSY_SNAPSHOT): it begins IMMEDIATE,
 * holding the write lock from its first statement.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { migrateToLatest, openDatabase, sqliteFileOf, type Db } from '../../src/server/store/database';
import { SqliteWriter } from '../../src/server/store/sqlite-writer';
import { tempDir } from '../helpers/server';

function auditInsert(db: Db, n: number) {
  return db.insertInto('audit_log').values({ at: `2026-11-22T12:00:${String(n % 60).padStart(2, '0')}.000Z`, actor: 'writer', actor_subject: null, action: 'test', target_type: 'test', target_id: String(n), detail: '{}' });
}

describe('SQLite write transactions on the main connection', () => {
  let dataDir: string;
  let db: Db;
  let file: string;
  beforeEach(async () => {
    dataDir = tempDir();
    db = openDatabase({ dataDir, databaseUrl: undefined });
    await migrateToLatest(db);
    file = sqliteFileOf({ dataDir, databaseUrl: undefined }) ?? '';
  });
  afterEach(async () => {
    await db.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('hold the write lock from BEGIN: another connection cannot commit between their read and their write', async () => {
    const other = new SQLite(file);
    other.pragma('busy_timeout = 0');
    try {
      let otherOutcome = '';
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('audit_log').selectAll().execute();
        // With a DEFERRED begin, this commit would succeed, and the insert below would then fail
        // with SQLITE_BUSY_SNAPSHOT. With IMMEDIATE, the other connection has to wait its turn.
        try {
          other.prepare("insert into audit_log (at, actor, action, target_type, target_id, detail) values ('x', 'other', 'x', 'x', 'x', '{}')").run();
          otherOutcome = 'committed';
        } catch (error) {
          otherOutcome = (error as { code?: string }).code ?? 'failed';
        }
        await auditInsert(trx as unknown as Db, 1).execute();
      });
      expect(otherOutcome).toBe('SQLITE_BUSY');
      expect(await db.selectFrom('audit_log').select('actor').execute()).toEqual([{ actor: 'writer' }]);
    } finally {
      other.close();
    }
  });

  test('concurrent read-check-write transactions and writer-thread commits all succeed', async () => {
    const writer = new SqliteWriter(file);
    try {
      const mainSide = Array.from({ length: 200 }, (_, n) =>
        db.transaction().execute(async (trx) => {
          const seen = await trx.selectFrom('audit_log').select('id').where('actor', '=', 'writer').execute();
          await auditInsert(trx as unknown as Db, seen.length + n).execute();
        }),
      );
      const threadSide = Array.from({ length: 200 }, (_, n) =>
        writer.transaction([
          db.insertInto('user_list_entries').values({ id: randomUUID(), owner_email: 'anna@contoso.example', list: 'safe', value: `s${n}@example.com`, display_value: `s${n}@example.com`, value_type: 'address', created_date_time: '2026-11-22T12:00:00.000Z' }).compile(),
        ]),
      );
      const outcomes = await Promise.allSettled([...mainSide, ...threadSide]);
      const failures = outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason));
      expect(failures).toEqual([]);
      expect(await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()).toEqual({ n: 200 });
      expect(await db.selectFrom('user_list_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()).toEqual({ n: 200 });
    } finally {
      await writer.close();
    }
  });
});
