/**
 * Commits quarantined messages: each message's original (once, by hash), its similarity band
 * keys (once per message) and one row per recipient, in one transaction. Knows SQL, not rules:
 * the intake service decides every value.
 *
 * Like submissions, inserts go through a group commit (group-commit.ts): messages that arrive
 * while a commit is on disk go together in the next one, each caller answered only once its own
 * rows are committed. On the embedded SQLite the transaction runs on the writer thread, so the
 * fsync never stops the event loop. A row already there (the same Message-ID, recipient and
 * bytes: its id is the same) is left as it is, so a repeated delivery changes nothing.
 */
import type { CompiledQuery } from 'kysely';
import { storeBlobsStatement, type MessageBlob } from './blob-store';
import type { Db } from './database';
import { GroupCommit } from './group-commit';
import type { QuarantinedMessagesTable } from './schema-quarantine';
import type { SqliteWriter } from './sqlite-writer';

export type QuarantinedMessageRow = QuarantinedMessagesTable;

export interface QuarantineInsert {
  /** One per recipient, all of `blob`. */
  rows: QuarantinedMessageRow[];
  blob: MessageBlob;
  /** The LSH band keys of the message's fingerprint (none without text). */
  bandKeys: readonly number[];
}

/** Messages per transaction, and the bytes they may carry (one larger message still goes alone). */
const MAX_BATCH_MESSAGES = 128;
const MAX_BATCH_BYTES = 64 * 1024 * 1024;
/** Rows per INSERT statement: well inside SQLite's and PostgreSQL's limits on bound values. */
const ROWS_PER_STATEMENT = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class QuarantineIntakeWriter {
  private readonly inserts: GroupCommit<QuarantineInsert>;

  /** `writer`: the embedded SQLite's writer thread; without it (PostgreSQL) Kysely executes. */
  constructor(
    private readonly db: Db,
    writer?: SqliteWriter,
  ) {
    this.inserts = new GroupCommit(
      async (pending) => {
        const statements = this.statements(pending);
        if (writer) {
          await writer.transaction(statements);
        } else {
          await this.db.transaction().execute(async (trx) => {
            for (const statement of statements) await trx.executeQuery(statement);
          });
        }
      },
      { maxRows: MAX_BATCH_MESSAGES, sizeOf: (p) => p.blob.size, maxSize: MAX_BATCH_BYTES },
    );
  }

  private statements(pending: readonly QuarantineInsert[]): CompiledQuery[] {
    const statements: CompiledQuery[] = [];
    const at = pending[0]?.rows[0]?.received_date_time ?? new Date(0).toISOString();
    const blobs = storeBlobsStatement(this.db, pending.map((p) => p.blob), at);
    if (blobs !== undefined) statements.push(blobs);
    const bands = new Map<string, { band_key: number; message_sha256: string }>();
    for (const p of pending) for (const key of p.bandKeys) bands.set(`${key}:${p.blob.sha256}`, { band_key: key, message_sha256: p.blob.sha256 });
    // In key order, as the blobs: concurrent servers lock the same keys in the same order.
    const sortedBands = [...bands.values()].sort((a, b) => a.band_key - b.band_key || (a.message_sha256 < b.message_sha256 ? -1 : a.message_sha256 > b.message_sha256 ? 1 : 0));
    for (const chunk of chunks(sortedBands, ROWS_PER_STATEMENT)) {
      statements.push(this.db.insertInto('quarantine_bands').values(chunk).onConflict((oc) => oc.doNothing()).compile());
    }
    const rows = new Map<string, QuarantinedMessageRow>();
    for (const p of pending) for (const row of p.rows) if (!rows.has(row.id)) rows.set(row.id, row);
    for (const chunk of chunks([...rows.values()], ROWS_PER_STATEMENT)) {
      statements.push(this.db.insertInto('quarantined_messages').values(chunk).onConflict((oc) => oc.doNothing()).compile());
    }
    return statements;
  }

  /** Resolves once the message, its band keys and its rows are committed (with others, maybe). */
  insert(insert: QuarantineInsert): Promise<void> {
    return this.inserts.add(insert);
  }
}
