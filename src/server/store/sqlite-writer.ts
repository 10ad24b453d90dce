/**
 * Commits compiled SQL on a worker thread with its own better-sqlite3 connection. better-
 * sqlite3 is synchronous: on the main thread, every durable commit (an fsync of the WAL)
 * stops the whole server for milliseconds. The batched submission inserts go here instead, so
 * the server keeps parsing requests while the disk flushes. Kysely still builds the SQL; this
 * only runs it.
 *
 * SQLite allows one writer at a time across connections; both connections wait for each other
 * through busy_timeout, and WAL lets the main connection read while this one writes.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
const statements = new Map();
function prepared(sql) {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (statements.size > 64) statements.clear();
    statements.set(sql, statement);
  }
  return statement;
}
const runAll = db.transaction((list) => {
  for (const { sql, parameters } of list) prepared(sql).run(...parameters);
});
parentPort.on('message', ({ id, list }) => {
  try {
    runAll(list);
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error), code: error && error.code });
  }
});
`;

export interface CompiledStatement {
  sql: string;
  parameters: readonly unknown[];
}

export class SqliteWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export class SqliteWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(file: string) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3') } });
    this.worker.on('message', ({ id, error, code }: { id: number; error?: string; code?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error === undefined) waiting?.resolve();
      else waiting?.reject(new SqliteWriteError(error, code));
    });
    this.worker.on('error', (error) => this.failAll(error));
    // A thread that ends for any reason answers nothing more: nobody may wait on it forever.
    this.worker.on('exit', (code) => this.failAll(new Error(`the database writer stopped (exit code ${code})`)));
    this.worker.unref();
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  /**
   * Runs the statements in one transaction and resolves once it is committed; if any fails,
   * none of them took effect. Byte parameters are copied to the thread, never shared.
   */
  transaction(list: readonly CompiledStatement[]): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ id, list: list.map(({ sql, parameters }) => ({ sql, parameters })) });
      } catch (error) {
        // Could not be copied to the thread (out of memory, say): nothing was written.
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  async close(): Promise<void> {
    this.failAll(new Error('the server is shutting down'));
    await this.worker.terminate();
  }
}
