/**
 * Reads the quarantine: rows by id, the rows (recipients) of one stored message, and the
 * filtered, paged list every admin and end-user view is built on. Knows SQL, not rules: who may
 * see which rows is the services' business. Writes of new messages go through
 * QuarantineIntakeWriter (group commit); the later actions (release, delete …) belong here.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import { encodeCursor, type CursorPosition } from './cursor';
import { isPostgres, type Executor } from './executor';
import type { Database } from './schema';
import type { QuarantinedMessagesTable } from './schema-quarantine';

export type QuarantineRow = QuarantinedMessagesTable;
/** A row without its fingerprint: what lists show. */
export type QuarantineListRow = Omit<QuarantineRow, 'fingerprint'>;

/** Every filter of the admin list; each has an index ending in (received, id) (migration 010). */
export interface QuarantineFilter {
  recipient?: string;
  sender?: string;
  senderDomain?: string;
  reason?: string;
  policy?: string;
  releaseStatus?: string;
  /** Words that must all start a word of the subject (as searchWords makes them). */
  subjectWords?: readonly string[];
  /** ISO instants: received at or after / before. */
  receivedAfter?: string;
  receivedBefore?: string;
  /** ISO instants: expiring at or after / before. */
  expiresAfter?: string;
  expiresBefore?: string;
  /** Newest first (default) or oldest first. */
  oldestFirst?: boolean;
}

/** A release's delivery as the mail queue holds it. */
export interface ReleaseDeliveryRow {
  id: string;
  related_id: string | null;
  state: string;
  attempts: number;
  last_error: string | null;
  sent_date_time: string | null;
}

export interface QuarantinePage {
  rows: QuarantineListRow[];
  nextCursor: string | null;
}

const LIST_COLUMNS = [
  'id', 'message_sha256', 'message_size', 'internet_message_id', 'recipient', 'sender', 'sender_name', 'sender_domain', 'envelope_sender',
  'subject', 'subject_folded', 'received_date_time', 'reason', 'reason_basis', 'reason_evidence', 'policy', 'expires_date_time', 'release_status',
  'release_requested_date_time', 'release_decided_date_time', 'release_decided_by', 'released_date_time', 'source', 'fingerprint_version',
] as const satisfies ReadonlyArray<keyof QuarantineListRow>;

export class QuarantineRepo {
  constructor(private readonly db: Executor) {}

  async byId(id: string): Promise<QuarantineRow | undefined> {
    return this.db.selectFrom('quarantined_messages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Of the policies `names`, those some quarantined row is under (one index probe each). */
  async policiesInUse(names: readonly string[]): Promise<string[]> {
    const used: string[] = [];
    for (const name of names) {
      const row = await this.db.selectFrom('quarantined_messages').select('id').where('policy', '=', name).limit(1).executeTakeFirst();
      if (row !== undefined) used.push(name);
    }
    return used;
  }

  /** Of `ids`, those that are stored. */
  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.selectFrom('quarantined_messages').select('id').where('id', 'in', [...ids]).execute();
    return new Set(rows.map((r) => r.id));
  }

  /** Every recipient's row of one stored message, oldest first. */
  async ofMessage(sha256: string): Promise<QuarantineListRow[]> {
    return this.db.selectFrom('quarantined_messages').select(LIST_COLUMNS).where('message_sha256', '=', sha256).orderBy('received_date_time').orderBy('id').execute();
  }

  /**
   * The latest queued release (mail_outbox kind quarantineRelease, related_id = the row) of each
   * of `ids` that has one: its state, attempts, last error and sent time, by row id.
   */
  async releaseDeliveries(ids: readonly string[]): Promise<Map<string, ReleaseDeliveryRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('mail_outbox')
      .select(['id', 'related_id', 'state', 'attempts', 'last_error', 'sent_date_time', 'created_date_time'])
      .where('kind', '=', 'quarantineRelease')
      .where('related_id', 'in', [...ids])
      .orderBy('created_date_time')
      .orderBy('id')
      .execute();
    // Oldest first, so the latest of a row is the one kept.
    return new Map(rows.map((r) => [r.related_id ?? '', r]));
  }

  /** The language `email` last reported in (their latest report that recorded one): notices to a recipient are in it. */
  async latestReporterLocale(email: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('submissions')
      .select('reporter_locale')
      .where('created_by_email', '=', email)
      .where('reporter_locale', 'is not', null)
      .orderBy('created_date_time', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.reporter_locale ?? undefined;
  }

  /** Stored messages sharing at least one LSH band key with `keys` (candidates for "similar"). */
  async messagesSharingBands(keys: readonly number[], limit: number): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.selectFrom('quarantine_bands').select('message_sha256').distinct().where('band_key', 'in', [...keys]).limit(limit).execute();
    return rows.map((r) => r.message_sha256);
  }

  /**
   * By received time (newest first unless `oldestFirst`), after `after` (the last row of the
   * previous page) when given. Every filter has an index ending in the received time.
   */
  async list(filter: QuarantineFilter, limit: number, after: CursorPosition | undefined): Promise<QuarantinePage> {
    const words = filter.subjectWords ?? [];
    if (words.length > 0 && !isPostgres(this.db)) return this.searchSqlite(filter, words, limit, after);
    let query = this.filtered(this.db.selectFrom('quarantined_messages').select(LIST_COLUMNS), filter);
    if (words.length > 0) query = query.where(sql<boolean>`subject_search @@ to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' & ')})`);
    const direction = filter.oldestFirst ? 'asc' : 'desc';
    // With an expiry range the list is in expiry order (the index on it answers at once); in
    // arrival order it would sort every row the range holds (160 ms over a week of a million).
    // The cursor's `t` is then an expiry: the next page's request carries the same filter.
    const key = filter.expiresAfter !== undefined || filter.expiresBefore !== undefined ? 'expires_date_time' : 'received_date_time';
    if (after) {
      const beyond = filter.oldestFirst ? '>' : '<';
      query = query.where((eb) => eb.or([eb(key, beyond, after.t), eb.and([eb(key, '=', after.t), eb('id', beyond, after.id)])]));
    }
    const rows = await query.orderBy(key, direction).orderBy('id', direction).limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor({ t: last[key], id: last.id }) : null };
  }

  /**
   * A subject search on SQLite, driven by the full-text index in rowid order (see
   * SubmissionsRepo.searchSqlite): one instance writes a SQLite file, so rowid order is the
   * order messages arrived in; the cursor carries the rowid.
   */
  private async searchSqlite(filter: QuarantineFilter, words: readonly string[], limit: number, after: CursorPosition | undefined): Promise<QuarantinePage> {
    const match = words.map((w) => `"${w}"*`).join(' AND ');
    let query = this.filtered(
      this.db
        .selectFrom('quarantined_messages')
        .innerJoin(sql<{ rowid: number }>`quarantined_messages_fts`.as('f'), (join) => join.on(sql`f.rowid`, '=', sql`quarantined_messages.rowid`))
        .select(LIST_COLUMNS.map((c) => `quarantined_messages.${c}` as const))
        .select(sql<number>`quarantined_messages.rowid`.as('row_number')),
      filter,
    ).where(sql<boolean>`quarantined_messages_fts match ${match}`);
    if (after?.r !== undefined) query = query.where(sql<boolean>`f.rowid ${sql.raw(filter.oldestFirst ? '>' : '<')} ${after.r}`);
    const found = await query.orderBy(sql`f.rowid`, filter.oldestFirst ? 'asc' : 'desc').limit(limit + 1).execute();
    const rows = found.map(({ row_number: _, ...row }) => row as QuarantineListRow);
    const page = rows.slice(0, limit);
    const last = found[page.length - 1];
    return { rows: page, nextCursor: found.length > limit && last ? encodeCursor({ t: last.received_date_time, id: last.id, r: Number(last.row_number) }) : null };
  }

  /**
   * Sets the release fields of row `id` when its status is one of `from`: a conditional update,
   * so two admins (or an admin and the recipient) deciding at once change it once. False when
   * the row is gone or its status was no longer one of `from`.
   */
  async setRelease(
    id: string,
    from: readonly string[],
    set: Partial<Pick<QuarantineRow, 'release_status' | 'release_requested_date_time' | 'release_decided_date_time' | 'release_decided_by' | 'released_date_time'>>,
  ): Promise<boolean> {
    const result = await this.db.updateTable('quarantined_messages').set(set).where('id', '=', id).where('release_status', 'in', [...from]).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Deletes rows by id; returns how many went. */
  async deleteRows(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db.deleteFrom('quarantined_messages').where('id', 'in', [...ids]).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Rows whose retention ended at or before `now`: their expiry (fixed at intake) has come, or
   * they were received before their reason's cutoff in `receivedBefore` (retention shortened since).
   */
  async expired(now: string, receivedBefore: Readonly<Record<string, string>>, limit: number): Promise<Array<{ id: string; message_sha256: string; reason: string }>> {
    const byExpiry = this.db.selectFrom('quarantined_messages').select(['id', 'message_sha256', 'reason']).where('expires_date_time', '<=', now).orderBy('expires_date_time').orderBy('id').limit(limit).execute();
    const byReason = Object.entries(receivedBefore).map(([reason, cutoff]) =>
      this.db.selectFrom('quarantined_messages').select(['id', 'message_sha256', 'reason']).where('reason', '=', reason).where('received_date_time', '<', cutoff).orderBy('received_date_time').orderBy('id').limit(limit).execute());
    const found = new Map<string, { id: string; message_sha256: string; reason: string }>();
    for (const rows of [await byExpiry, ...(await Promise.all(byReason))]) for (const row of rows) found.set(row.id, row);
    return [...found.values()].slice(0, limit);
  }

  /** The band keys of those of `hashes` no quarantined row refers to any more; returns how many keys went. */
  async deleteUnreferencedBands(hashes: readonly string[]): Promise<number> {
    const unique = [...new Set(hashes)];
    if (unique.length === 0) return 0;
    const used = await this.db.selectFrom('quarantined_messages').select('message_sha256').distinct().where('message_sha256', 'in', unique).execute();
    const usedSet = new Set(used.map((r) => r.message_sha256));
    const gone = unique.filter((h) => !usedSet.has(h));
    if (gone.length === 0) return 0;
    const result = await this.db.deleteFrom('quarantine_bands').where('message_sha256', 'in', gone).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The filters every listing shares (everything but the subject search and the cursor). */
  private filtered<Q>(query: Q, filter: QuarantineFilter): Q {
    let q = query as unknown as SelectQueryBuilder<Database, 'quarantined_messages', object>;
    if (filter.recipient) q = q.where('recipient', '=', filter.recipient);
    if (filter.sender) q = q.where('sender', '=', filter.sender);
    if (filter.senderDomain) q = q.where('sender_domain', '=', filter.senderDomain);
    if (filter.reason) q = q.where('reason', '=', filter.reason);
    if (filter.policy) q = q.where('policy', '=', filter.policy);
    if (filter.releaseStatus) q = q.where('release_status', '=', filter.releaseStatus);
    if (filter.receivedAfter) q = q.where('received_date_time', '>=', filter.receivedAfter);
    if (filter.receivedBefore) q = q.where('received_date_time', '<', filter.receivedBefore);
    if (filter.expiresAfter) q = q.where('expires_date_time', '>=', filter.expiresAfter);
    if (filter.expiresBefore) q = q.where('expires_date_time', '<', filter.expiresBefore);
    return q as unknown as Q;
  }
}
