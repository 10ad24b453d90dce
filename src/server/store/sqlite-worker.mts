/**
 * The program of a SQLite worker thread (see SqliteThread): one better-sqlite3 connection,
 * prepared statements kept by SQL, and one job, the writer's or the reader's.
 *
 * It imports only node: modules and the driver, and uses only syntax that type stripping can
 * erase, so Node runs this file as it is under the tests (src/, TypeScript) and compiled in
 * production (build/, JavaScript). It is an ES module (.mts) so that Node need not guess.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** What the main thread hands the worker at start. */
export interface SqliteWorkerData {
  job: 'writer' | 'reader';
  file: string;
  options: Database.Options;
  pragmas: readonly string[];
}

interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

export type WriterRequest = { list: readonly Statement[] };
export type ReaderRequest = Statement;

/** A reply: the result, and the buffers to move to the main thread instead of copying them. */
interface Answer {
  result: unknown;
  transfer: ArrayBuffer[];
}

const MAX_PREPARED = 64;

function start(data: SqliteWorkerData): void {
  const port = parentPort;
  if (port === null) throw new Error('sqlite-worker runs only as a worker thread');
  const db = new Database(data.file, data.options);
  for (const pragma of data.pragmas) db.pragma(pragma);

  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      if (statements.size > MAX_PREPARED) statements.clear();
      statements.set(sql, statement);
    }
    return statement;
  };

  // The writer commits a batch in one transaction: all of it, or none of it.
  const runAll = db.transaction((list: readonly Statement[]) => {
    for (const { sql, parameters } of list) prepared(sql).run(...parameters);
  });
  const write = (request: WriterRequest): Answer => {
    runAll(request.list);
    return { result: {}, transfer: [] };
  };

  // The reader answers the first row; its byte columns move to the main thread, not copied.
  const read = (request: ReaderRequest): Answer => {
    const row = prepared(request.sql).get(...request.parameters) as Record<string, unknown> | undefined;
    const transfer = new Set<ArrayBuffer>();
    if (row !== undefined) {
      for (const value of Object.values(row)) if (Buffer.isBuffer(value) && value.buffer instanceof ArrayBuffer) transfer.add(value.buffer);
    }
    return { result: row, transfer: [...transfer] };
  };

  const handle = data.job === 'writer' ? (r: unknown) => write(r as WriterRequest) : (r: unknown) => read(r as ReaderRequest);

  port.on('message', ({ id, request }: { id: number; request: unknown }) => {
    let answer: Answer;
    try {
      answer = handle(request);
    } catch (error) {
      const e = error as { message?: unknown; code?: unknown };
      port.postMessage({ id, error: String(e?.message ?? error), code: typeof e?.code === 'string' ? e.code : undefined });
      return;
    }
    try {
      port.postMessage({ id, result: answer.result }, answer.transfer);
    } catch {
      port.postMessage({ id, result: answer.result }); // a buffer that cannot be moved is copied
    }
  });
}

start(workerData as SqliteWorkerData);
