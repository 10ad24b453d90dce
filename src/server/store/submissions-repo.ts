/** Reads and writes the submissions table. Knows SQL, not rules: the service decides. */
import type { CompiledQuery } from 'kysely';
import type { Db } from './database';
import type { MessageBlobsTable, SubmissionsTable } from './schema';
import type { MessageBlob } from './blob-store';
import { encodeCursor, type CursorPosition } from './cursor';
import { GroupCommit } from './group-commit';
import type { SqliteWriter } from './sqlite-writer';

export type SubmissionRow = SubmissionsTable;

export interface SubmissionFilter {
  category?: string;
  status?: string;
  source?: string;
  createdBy?: string;
  sender?: string;
  recipient?: string;
  internetMessageId?: string;
  createdAfter?: string;
  createdBefore?: string;
}

export interface RowPage {
  rows: SubmissionRow[];
  nextCursor: string | null;
}

/** Unique-violation codes: SQLite's extended code and PostgreSQL's SQLSTATE. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/**
 * A batch is one multi-row INSERT in one transaction. Capped by the bytes it carries too:
 * PostgreSQL refuses a message over 1 GB, and every byte of a batch is copied once more on
 * its way to SQLite's writer thread. A single larger message still goes, alone.
 */
const MAX_BATCH_ROWS = 256;
const MAX_BATCH_BYTES = 64 * 1024 * 1024;

interface PendingInsert {
  row: SubmissionRow;
  blob: MessageBlob | undefined;
}

export class SubmissionsRepo {
  private readonly inserts: GroupCommit<PendingInsert>;

  /** `writer`: the embedded SQLite's writer thread; without it (PostgreSQL) Kysely executes. */
  constructor(
    private readonly db: Db,
    writer?: SqliteWriter,
  ) {
    this.inserts = new GroupCommit(async (pending) => {
      const statements = this.insertStatements(pending);
      if (writer) {
        await writer.transaction(statements);
      } else {
        await this.db.transaction().execute(async (trx) => {
          for (const statement of statements) await trx.executeQuery(statement);
        });
      }
    }, { maxRows: MAX_BATCH_ROWS, sizeOf: (p) => p.blob?.size ?? 0, maxSize: MAX_BATCH_BYTES });
  }

  /** The messages (each hash once; one already stored is kept) and then the rows. */
  private insertStatements(pending: readonly PendingInsert[]): CompiledQuery[] {
    const blobs = new Map<string, MessageBlobsTable>();
    for (const { row, blob } of pending) {
      if (blob !== undefined && !blobs.has(blob.sha256)) {
        blobs.set(blob.sha256, { sha256: blob.sha256, size: blob.size, bytes: blob.bytes, created_date_time: row.created_date_time });
      }
    }
    const statements: CompiledQuery[] = [];
    if (blobs.size > 0) {
      statements.push(
        this.db
          .insertInto('message_blobs')
          // In key order: two servers on one PostgreSQL then lock the same keys in the same
          // order, and cannot deadlock each other.
          .values([...blobs.values()].sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0)))
          .onConflict((oc) => oc.column('sha256').doNothing())
          .compile(),
      );
    }
    statements.push(this.db.insertInto('submissions').values(pending.map((p) => p.row)).compile());
    return statements;
  }

  /**
   * Resolves once the row, and its original message when given, are committed together
   * (batched with concurrent inserts: see GroupCommit).
   */
  insert(row: SubmissionRow, blob?: MessageBlob): Promise<void> {
    return this.inserts.add({ row, blob });
  }

  async byId(id: string): Promise<SubmissionRow | undefined> {
    return this.db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async byIdempotencyKey(createdBy: string, key: string): Promise<SubmissionRow | undefined> {
    return this.db
      .selectFrom('submissions')
      .selectAll()
      .where('created_by_email', '=', createdBy)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /** How many submissions `subject` made at or after `since` (ISO), up to `atMost` (no need to count past it). */
  async countByCreatorSince(subject: string, since: string, atMost: number): Promise<number> {
    const row = await this.db
      .selectFrom((eb) =>
        eb
          .selectFrom('submissions')
          .select('id')
          .where('created_by_subject', '=', subject)
          .where('created_date_time', '>=', since)
          .limit(atMost)
          .as('recent'),
      )
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Newest first, after `after` (the last row of the previous page) when given. */
  async list(filter: SubmissionFilter, limit: number, after: CursorPosition | undefined): Promise<RowPage> {
    let query = this.db.selectFrom('submissions').selectAll();
    if (filter.category) query = query.where('category', '=', filter.category);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.source) query = query.where('source', '=', filter.source);
    if (filter.createdBy) query = query.where('created_by_email', '=', filter.createdBy);
    if (filter.sender) query = query.where('sender', '=', filter.sender);
    if (filter.recipient) query = query.where('recipient_email_address', '=', filter.recipient);
    if (filter.internetMessageId) query = query.where('internet_message_id', '=', filter.internetMessageId);
    if (filter.createdAfter) query = query.where('created_date_time', '>=', filter.createdAfter);
    if (filter.createdBefore) query = query.where('created_date_time', '<', filter.createdBefore);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('created_date_time', '<', after.t),
          eb.and([eb('created_date_time', '=', after.t), eb('id', '<', after.id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('created_date_time', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ t: last.created_date_time, id: last.id }) : null;
    return { rows: page, nextCursor };
  }
}
