/**
 * Runs compiled read queries on the reader thread (see SqliteThread), with a read-only
 * connection of its own. Reading a large stored message (up to the 35 MB limit) on the main
 * connection would stop every other request until the disk answered. Rows come back with
 * their byte columns moved, not copied. WAL lets this connection read while the writer commits.
 */
import { SqliteThread, type CompiledStatement } from './sqlite-thread';
import type { ReaderRequest } from './sqlite-worker.mjs';

type Row = Record<string, unknown>;

export class SqliteReader extends SqliteThread {
  constructor(file: string) {
    super({
      name: 'the database reader',
      file,
      options: { readonly: true, fileMustExist: true },
      pragmas: ['busy_timeout = 5000'],
      job: 'reader',
    });
  }

  /** The first row of the query, or undefined. Byte columns arrive as Uint8Array. */
  async first(statement: CompiledStatement): Promise<Row | undefined> {
    const request: ReaderRequest = { sql: statement.sql, parameters: statement.parameters };
    return (await this.ask(request)) as Row | undefined;
  }
}
