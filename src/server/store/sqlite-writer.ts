/**
 * Commits compiled SQL on the writer thread (see SqliteThread). On the main thread, every
 * durable commit (an fsync of the WAL) would stop the whole server for milliseconds; the
 * batched submission inserts go here instead, so the server keeps parsing requests while the
 * disk flushes.
 *
 * SQLite allows one writer at a time across connections; both connections wait for each other
 * through busy_timeout, and WAL lets the main connection read while this one writes.
 */
import { SqliteThread, type CompiledStatement } from './sqlite-thread';
import type { WriterRequest } from './sqlite-worker.mjs';

export class SqliteWriter extends SqliteThread {
  constructor(file: string) {
    super({
      name: 'the database writer',
      file,
      pragmas: ['journal_mode = WAL', 'synchronous = FULL', 'busy_timeout = 5000'],
      job: 'writer',
    });
  }

  /**
   * Runs the statements in one transaction and resolves once it is committed; if any fails,
   * none of them took effect.
   */
  async transaction(list: readonly CompiledStatement[]): Promise<void> {
    const request: WriterRequest = { list: list.map(({ sql, parameters }) => ({ sql, parameters })) };
    await this.ask(request);
  }
}
