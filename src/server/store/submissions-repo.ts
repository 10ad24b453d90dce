/** Reads and writes the submissions table. Knows SQL, not rules: the service decides. */
import { sql, type CompiledQuery, type SelectQueryBuilder } from 'kysely';
import { isPostgres } from './executor';
import type { Db } from './database';
import type { Database, MessageBlobsTable, SubmissionsTable } from './schema';
import type { MessageBlob } from './blob-store';
import { encodeCursor, type CursorPosition } from './cursor';
import { GroupCommit } from './group-commit';
import type { SqliteWriter } from './sqlite-writer';

export type SubmissionRow = SubmissionsTable;

export interface SubmissionFilter {
  category?: string;
  status?: string;
  source?: string;
  /** An admin's result, or `unreviewed` for reports nobody marked yet. */
  review?: string;
  createdBy?: string;
  sender?: string;
  senderDomain?: string;
  recipient?: string;
  internetMessageId?: string;
  clusterId?: string;
  /** Words that must all start a word of the subject (lower-case letters and digits only). */
  subjectWords?: readonly string[];
  createdAfter?: string;
  createdBefore?: string;
  /** Newest first (default) or oldest first. */
  oldestFirst?: boolean;
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

  /**
   * By report date (newest first unless `oldestFirst`), after `after` (the last row of the
   * previous page) when given. Every filter has an index ending in the date (migration 006),
   * so the first page of any one filter reads only the rows it shows.
   */
  async list(filter: SubmissionFilter, limit: number, after: CursorPosition | undefined): Promise<RowPage> {
    const words = filter.subjectWords ?? [];
    if (words.length > 0 && !isPostgres(this.db)) return this.searchSqlite(filter, words, limit, after);
    let query = this.filtered(this.db.selectFrom('submissions').selectAll(), filter);
    if (words.length > 0) query = query.where(sql<boolean>`subject_search @@ to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' & ')})`);
    const direction = filter.oldestFirst ? 'asc' : 'desc';
    if (after) {
      const beyond = filter.oldestFirst ? '>' : '<';
      query = query.where((eb) =>
        eb.or([
          eb('created_date_time', beyond, after.t),
          eb.and([eb('created_date_time', '=', after.t), eb('id', beyond, after.id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('created_date_time', direction)
      .orderBy('id', direction)
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ t: last.created_date_time, id: last.id }) : null;
    return { rows: page, nextCursor };
  }

  /**
   * A subject search on SQLite, driven by the full-text index in rowid order: FTS5 hands out
   * matches newest first and stops at the page, where sorting every match by date would read
   * them all (a common word matches tens of thousands). One instance writes a SQLite file, so
   * rowid order is the order reports arrived in; the cursor carries the rowid.
   */
  private async searchSqlite(filter: SubmissionFilter, words: readonly string[], limit: number, after: CursorPosition | undefined): Promise<RowPage> {
    const match = words.map((w) => `"${w}"*`).join(' AND ');
    let query = this.filtered(
      this.db
        .selectFrom('submissions')
        .innerJoin(sql<{ rowid: number }>`submissions_fts`.as('f'), (join) => join.on(sql`f.rowid`, '=', sql`submissions.rowid`))
        .selectAll('submissions')
        .select(sql<number>`submissions.rowid`.as('row_number')),
      filter,
    ).where(sql<boolean>`submissions_fts match ${match}`);
    if (after?.r !== undefined) query = query.where(sql<boolean>`f.rowid ${sql.raw(filter.oldestFirst ? '>' : '<')} ${after.r}`);
    const found = await query.orderBy(sql`f.rowid`, filter.oldestFirst ? 'asc' : 'desc').limit(limit + 1).execute();
    const rows = found.map(({ row_number: _, ...row }) => row as SubmissionRow);
    const page = rows.slice(0, limit);
    const last = found[page.length - 1];
    const nextCursor = found.length > limit && last ? encodeCursor({ t: last.created_date_time, id: last.id, r: Number(last.row_number) }) : null;
    return { rows: page, nextCursor };
  }

  /** The filters every listing shares (everything but the subject search and the cursor). */
  private filtered<Q>(query: Q, filter: SubmissionFilter): Q {
    let q = query as unknown as SelectQueryBuilder<Database, 'submissions', object>;
    if (filter.category) q = q.where('category', '=', filter.category);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.source) q = q.where('source', '=', filter.source);
    if (filter.review === 'unreviewed') q = q.where('review_result', 'is', null);
    else if (filter.review) q = q.where('review_result', '=', filter.review);
    if (filter.createdBy) q = q.where('created_by_email', '=', filter.createdBy);
    if (filter.sender) q = q.where('sender', '=', filter.sender);
    if (filter.senderDomain) q = q.where('sender_domain', '=', filter.senderDomain);
    if (filter.recipient) q = q.where('recipient_email_address', '=', filter.recipient);
    if (filter.internetMessageId) q = q.where('internet_message_id', '=', filter.internetMessageId);
    if (filter.clusterId) q = q.where('cluster_id', '=', filter.clusterId);
    if (filter.createdAfter) q = q.where('created_date_time', '>=', filter.createdAfter);
    if (filter.createdBefore) q = q.where('created_date_time', '<', filter.createdBefore);
    return q as unknown as Q;
  }
}
