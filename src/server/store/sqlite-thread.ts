/**
 * A better-sqlite3 connection on a worker thread of its own, asked by request and reply.
 * better-sqlite3 is synchronous: whatever runs on the main connection stops every other
 * request until the disk answers. The writer (commits) and the reader (large stored messages)
 * each keep one of these; Kysely still builds the SQL on the main thread.
 *
 * The thread runs sqlite-worker.mts, an ES module: compiled beside this file in production
 * (build/, .mjs), and as TypeScript with its types stripped by Node under the tests (src/).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SqliteWorkerData } from './sqlite-worker.mjs';

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

/** The worker program beside this file: .mjs when compiled, .mts under the tests. */
const WORKER_FILE = path.join(__dirname, path.extname(__filename) === '.ts' ? 'sqlite-worker.mts' : 'sqlite-worker.mjs');

export interface ThreadOptions extends Omit<SqliteWorkerData, 'options'> {
  /** What the thread is, for the error when it stops ("the database writer"). */
  name: string;
  /** better-sqlite3's constructor options. */
  options?: SqliteWorkerData['options'];
}

export class SqliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(thread: ThreadOptions) {
    const workerData: SqliteWorkerData = { job: thread.job, file: thread.file, options: thread.options ?? {}, pragmas: thread.pragmas };
    this.worker = new Worker(WORKER_FILE, { workerData });
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
