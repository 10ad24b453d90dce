/**
 * Runs compiled read queries on a worker thread with its own read-only better-sqlite3
 * connection. better-sqlite3 is synchronous: reading a large stored message (up to the 35 MB
 * limit) on the main connection would stop every other request until the disk answered. Rows
 * come back with their byte columns transferred, not copied. WAL lets this connection read
 * while the writer thread commits.
 */
import { Worker } from 'node:worker_threads';
import type { CompiledStatement } from './sqlite-writer';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statements.size > 64) statements.clear();
      statements.set(sql, statement);
    }
    const row = statement.get(...parameters);
    const transfer = new Set();
    if (row) for (const value of Object.values(row)) if (Buffer.isBuffer(value)) transfer.add(value.buffer);
    try {
      parentPort.postMessage({ id, row }, [...transfer]);
    } catch {
      parentPort.postMessage({ id, row }); // a buffer that cannot be moved is copied instead
    }
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

type Row = Record<string, unknown>;

export class SqliteReader {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (row: Row | undefined) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(file: string) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3') } });
    this.worker.on('message', ({ id, row, error }: { id: number; row?: Row; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error === undefined) waiting?.resolve(row);
      else waiting?.reject(new Error(error));
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the database reader stopped (exit code ${code})`)));
    this.worker.unref();
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  /** The first row of the query, or undefined. Byte columns arrive as Uint8Array. */
  first(statement: CompiledStatement): Promise<Row | undefined> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, sql: statement.sql, parameters: statement.parameters });
    });
  }

  async close(): Promise<void> {
    this.failAll(new Error('the server is shutting down'));
    await this.worker.terminate();
  }
}
