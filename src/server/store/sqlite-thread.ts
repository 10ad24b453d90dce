/**
 * A better-sqlite3 connection on a worker thread of its own, asked by request and reply.
 * better-sqlite3 is synchronous: whatever runs on the main connection stops every other
 * request until the disk answers. The writer (commits) and the reader (large stored messages)
 * each keep one of these; Kysely still builds the SQL on the main thread.
 *
 * The worker's code is a plain JavaScript string (no imports beyond node: and the driver), so
 * it runs the same from src/ under the tests and from build/ in production.
 */
import { Worker } from 'node:worker_threads';

export interface CompiledStatement {
  sql: string;
  parameters: readonly unknown[];
}

/** An error the database raised on the thread; `code` is SQLite's (e.g. SQLITE_CONSTRAINT_UNIQUE). */
export class SqliteThreadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * The thread's program: opens the connection (`options`, then `pragmas`), keeps prepared
 * statements by SQL (`prepared(sql)`), and answers each request with `handle(request)`, whose
 * `{ result, transfer }` goes back with the request's id (the buffers in `transfer` moved, not
 * copied, when they can be). `handle` is JavaScript source evaluated on the thread.
 */
function workerSource(handle: string): string {
  return `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.options);
for (const pragma of workerData.pragmas) db.pragma(pragma);
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
const handle = ${handle};
parentPort.on('message', ({ id, request }) => {
  let answer;
  try {
    answer = handle(request);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error), code: error && error.code });
    return;
  }
  try {
    parentPort.postMessage({ id, result: answer.result }, answer.transfer || []);
  } catch {
    parentPort.postMessage({ id, result: answer.result }); // a buffer that cannot be moved is copied
  }
});
`;
}

export interface ThreadOptions {
  /** What the thread is, for the error when it stops ("the database writer"). */
  name: string;
  file: string;
  /** better-sqlite3's constructor options. */
  options?: Record<string, unknown>;
  pragmas: readonly string[];
  /** JavaScript source of `(request) => ({ result, transfer })`, run on the thread. */
  handle: string;
}

export class SqliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(thread: ThreadOptions) {
    this.worker = new Worker(workerSource(thread.handle), {
      eval: true,
      workerData: { file: thread.file, options: thread.options ?? {}, pragmas: thread.pragmas, driver: require.resolve('better-sqlite3') },
    });
    this.worker.on('message', ({ id, result, error, code }: { id: number; result?: unknown; error?: string; code?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error === undefined) waiting?.resolve(result);
      else waiting?.reject(new SqliteThreadError(error, code));
    });
    this.worker.on('error', (error) => this.failAll(error));
    // A thread that ends for any reason answers nothing more: nobody may wait on it forever.
    this.worker.on('exit', (code) => this.failAll(new Error(`${thread.name} stopped (exit code ${code})`)));
    this.worker.unref(); // an idle thread never keeps the process alive
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  /** Sends `request` to the thread; resolves with its result. Byte values are copied there. */
  protected ask(request: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ id, request });
      } catch (error) {
        // Could not be copied to the thread (out of memory, say): nothing was done.
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
