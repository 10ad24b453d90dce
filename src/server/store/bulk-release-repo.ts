/**
 * Bulk release jobs and their members (migration 012), the quarantined rows a bulk release
 * selects from, and the analyzer's verdicts stored with quarantined messages. Knows SQL, not
 * rules: which rows are similar and which are risky is the service's business.
 */
import type { Executor } from './executor';
import type { QuarantineListRow } from './quarantine-repo';
import type { BulkReleaseJobsTable, BulkReleaseMembersTable, QuarantineAnalysesTable } from './schema-quarantine-bulk';

export type BulkReleaseJobRow = BulkReleaseJobsTable;
export type BulkReleaseMemberRow = BulkReleaseMembersTable;
export type QuarantineAnalysisRow = QuarantineAnalysesTable;

/** Rows not yet released: the ones a bulk release may take. */
const NOT_RELEASED = ['notReleased', 'requested', 'denied'];
/** Values per statement: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const MEMBER_COLUMNS = [
  'id', 'message_sha256', 'message_size', 'internet_message_id', 'recipient', 'sender', 'sender_name', 'sender_domain', 'envelope_sender',
  'subject', 'subject_folded', 'received_date_time', 'reason', 'reason_basis', 'reason_evidence', 'policy', 'expires_date_time', 'release_status',
  'release_requested_date_time', 'release_decided_date_time', 'release_decided_by', 'released_date_time', 'source', 'fingerprint_version',
] as const satisfies ReadonlyArray<keyof QuarantineListRow>;

export class BulkReleaseRepo {
  constructor(private readonly db: Executor) {}

  // ---- selecting members ----

  /** Not-yet-released rows with this column equal to `value`, oldest first. */
  async notReleasedWhere(column: 'sender' | 'sender_domain' | 'subject_folded', value: string): Promise<QuarantineListRow[]> {
    return this.db.selectFrom('quarantined_messages').select(MEMBER_COLUMNS).where(column, '=', value).where('release_status', 'in', NOT_RELEASED)
      .orderBy('received_date_time').orderBy('id').execute();
  }

  /** Not-yet-released rows of these stored messages, oldest first. */
  async notReleasedOfMessages(hashes: readonly string[]): Promise<QuarantineListRow[]> {
    const rows: QuarantineListRow[] = [];
    for (const chunk of chunks([...new Set(hashes)], CHUNK)) {
      rows.push(...await this.db.selectFrom('quarantined_messages').select(MEMBER_COLUMNS).where('message_sha256', 'in', chunk).where('release_status', 'in', NOT_RELEASED).execute());
    }
    return rows.sort((a, b) => (a.received_date_time < b.received_date_time ? -1 : a.received_date_time > b.received_date_time ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** One stored fingerprint of each of these messages (all of a message's rows have the same). */
  async fingerprints(hashes: readonly string[]): Promise<Map<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    for (const chunk of chunks([...new Set(hashes)], CHUNK)) {
      const rows = await this.db.selectFrom('quarantined_messages').select(['message_sha256', 'fingerprint']).where('message_sha256', 'in', chunk).where('fingerprint', 'is not', null).execute();
      for (const row of rows) if (row.fingerprint !== null && !found.has(row.message_sha256)) found.set(row.message_sha256, row.fingerprint);
    }
    return found;
  }

  /** How many recipients (rows, in any release status) each of these messages was quarantined for. */
  async recipientCounts(hashes: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const chunk of chunks([...new Set(hashes)], CHUNK)) {
      const rows = await this.db.selectFrom('quarantined_messages').select(['message_sha256', (eb) => eb.fn.countAll().as('n')]).where('message_sha256', 'in', chunk).groupBy('message_sha256').execute();
      for (const row of rows) counts.set(row.message_sha256, Number(row.n));
    }
    return counts;
  }

  /** Rows by id (released or not), for a job's batch. */
  async rowsByIds(ids: readonly string[]): Promise<Map<string, QuarantineListRow>> {
    const found = new Map<string, QuarantineListRow>();
    for (const chunk of chunks([...new Set(ids)], CHUNK)) {
      for (const row of await this.db.selectFrom('quarantined_messages').select(MEMBER_COLUMNS).where('id', 'in', chunk).execute()) found.set(row.id, row);
    }
    return found;
  }

  // ---- jobs ----

  async insertJob(job: BulkReleaseJobRow, rowIds: readonly string[]): Promise<void> {
    await this.db.insertInto('bulk_release_jobs').values(job).execute();
    for (const chunk of chunks(rowIds, CHUNK)) {
      await this.db.insertInto('bulk_release_members').values(chunk.map((row_id) => ({ job_id: job.id, row_id, state: 'pending', mail_id: null, detail: null }))).execute();
    }
  }

  async job(id: string): Promise<BulkReleaseJobRow | undefined> {
    return this.db.selectFrom('bulk_release_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first. */
  async jobs(limit: number): Promise<BulkReleaseJobRow[]> {
    return this.db.selectFrom('bulk_release_jobs').selectAll().orderBy('created_date_time', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /**
   * Takes the oldest unfinished job whose lease is free (never taken, or run out by `now`) for
   * `owner` until `until`: a conditional update, so of instances trying at once one gets it.
   */
  async claim(owner: string, now: string, until: string): Promise<BulkReleaseJobRow | undefined> {
    const candidates = await this.db.selectFrom('bulk_release_jobs').select('id').where('state', 'in', ['queued', 'running'])
      .where((eb) => eb.or([eb('lease_expires', 'is', null), eb('lease_expires', '<=', now)]))
      .orderBy('created_date_time').orderBy('id').limit(5).execute();
    for (const { id } of candidates) {
      const result = await this.db.updateTable('bulk_release_jobs').set({ state: 'running', lease_owner: owner, lease_expires: until }).where('id', '=', id)
        .where('state', 'in', ['queued', 'running']).where((eb) => eb.or([eb('lease_expires', 'is', null), eb('lease_expires', '<=', now)])).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) return this.job(id);
    }
    return undefined;
  }

  /** Extends `owner`'s lease; false when another instance holds the job now (or it is finished). */
  async renew(id: string, owner: string, until: string): Promise<boolean> {
    const result = await this.db.updateTable('bulk_release_jobs').set({ lease_expires: until }).where('id', '=', id).where('lease_owner', '=', owner).where('state', '=', 'running').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async pendingMembers(jobId: string, limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('bulk_release_members').select('row_id').where('job_id', '=', jobId).where('state', '=', 'pending').orderBy('row_id').limit(limit).execute();
    return rows.map((r) => r.row_id);
  }

  /** Marks a pending member done; false when it was not pending (taken already). */
  async markMember(jobId: string, rowId: string, state: 'released' | 'failed', mailId: string | null, detail: string | null): Promise<boolean> {
    const result = await this.db.updateTable('bulk_release_members').set({ state, mail_id: mailId, detail }).where('job_id', '=', jobId).where('row_id', '=', rowId).where('state', '=', 'pending').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async addCounts(jobId: string, released: number, failed: number): Promise<void> {
    if (released === 0 && failed === 0) return;
    await this.db.updateTable('bulk_release_jobs').set((eb) => ({ released: eb('released', '+', released), failed: eb('failed', '+', failed) })).where('id', '=', jobId).execute();
  }

  async finish(jobId: string, owner: string, state: 'done' | 'failed', now: string): Promise<boolean> {
    const result = await this.db.updateTable('bulk_release_jobs').set({ state, finished_date_time: now, lease_owner: null, lease_expires: null }).where('id', '=', jobId).where('lease_owner', '=', owner).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // ---- analyses ----

  async saveAnalysis(row: QuarantineAnalysisRow): Promise<void> {
    await this.db.insertInto('quarantine_analyses').values(row)
      .onConflict((oc) => oc.column('message_sha256').doUpdateSet({ submission_id: row.submission_id, category: row.category, analyzed_by: row.analyzed_by, analyzed_date_time: row.analyzed_date_time }))
      .execute();
  }

  async analyses(hashes: readonly string[]): Promise<Map<string, QuarantineAnalysisRow>> {
    const found = new Map<string, QuarantineAnalysisRow>();
    for (const chunk of chunks([...new Set(hashes)], CHUNK)) {
      for (const row of await this.db.selectFrom('quarantine_analyses').selectAll().where('message_sha256', 'in', chunk).execute()) found.set(row.message_sha256, row);
    }
    return found;
  }
}
