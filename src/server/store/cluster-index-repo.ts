/**
 * What clustering reads and writes as reports arrive: reports not in a cluster yet, clusters
 * that already hold the same message, the clusters a signature's band keys point at, and, once
 * the service has decided, new clusters, their band keys and the reports' cluster ids.
 *
 * A batch is decided on current data and written in one transaction: new clusters with their
 * band keys, and the reports joining clusters with what they add to the counters (counts are
 * added, never counted again: see joinStatements). With the embedded SQLite
 * the reads are small indexed lookups on the main connection and the writes go to the writer
 * thread, after the reports' own inserts (clustering runs in one sequence per server, so nothing
 * else writes these rows in between). With PostgreSQL, where several servers may cluster at
 * once, the whole batch runs in one transaction holding an advisory lock.
 */
import { sql, type CompiledQuery } from 'kysely';
import type { Db } from './database';
import type { Executor } from './executor';
import { joinStatements, type ClusterRow, type JoiningRow } from './clusters-repo';
import type { CursorPosition } from './cursor';
import type { SubmissionsTable } from './schema';
import type { SqliteWriter } from './sqlite-writer';

/** A report waiting for its cluster: what clustering needs of it. */
export type UnclusteredRow = JoiningRow & Pick<SubmissionsTable, 'internet_message_id' | 'sender' | 'subject' | 'headers_raw' | 'message_sha256'>;

/** What a candidate cluster is compared on. */
export type CandidateClusterRow = Pick<ClusterRow, 'id' | 'sender_key' | 'signature' | 'fingerprint_version' | 'decision_result' | 'decision_message' | 'decision_notify' | 'auto_resolve'>;

export interface NewCluster {
  row: ClusterRow;
  bandKeys: readonly number[];
}

/** What one batch writes. */
export interface AssignmentPlan {
  clusters: NewCluster[];
  assignments: ReadonlyArray<{ row: JoiningRow; clusterId: string }>;
}

const UNCLUSTERED_COLUMNS = [
  'id', 'internet_message_id', 'sender', 'subject', 'headers_raw', 'message_sha256', 'created_date_time', 'category', 'created_by_email', 'recipient_email_address', 'review_result',
] as const;
const CANDIDATE_COLUMNS = ['id', 'sender_key', 'signature', 'fingerprint_version', 'decision_result', 'decision_message', 'decision_notify', 'auto_resolve'] as const;
const CHUNK = 500;

function chunks<T>(values: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/** The reads of one batch, on whatever the batch runs on. */
export class ClusterIndexReads {
  constructor(private readonly db: Executor) {}

  /** Of `ids`, the user reports still in no cluster, oldest first. */
  async unclusteredByIds(ids: readonly string[]): Promise<UnclusteredRow[]> {
    const rows: UnclusteredRow[] = [];
    for (const part of chunks(ids)) {
      rows.push(...(await this.db.selectFrom('submissions').select(UNCLUSTERED_COLUMNS).where('id', 'in', part).where('cluster_id', 'is', null).where('source', '=', 'user').execute()));
    }
    return rows.sort((a, b) => (a.created_date_time < b.created_date_time ? -1 : a.created_date_time > b.created_date_time ? 1 : a.id < b.id ? -1 : 1));
  }

  /** User reports in no cluster, oldest first, after `after`: the catch-up after a restart. */
  unclustered(after: CursorPosition | undefined, limit: number): Promise<UnclusteredRow[]> {
    let query = this.db.selectFrom('submissions').select(UNCLUSTERED_COLUMNS).where('cluster_id', 'is', null).where('source', '=', 'user');
    if (after !== undefined) {
      query = query.where((eb) => eb.or([eb('created_date_time', '>', after.t), eb.and([eb('created_date_time', '=', after.t), eb('id', '>', after.id)])]));
    }
    return query.orderBy('created_date_time').orderBy('id').limit(limit).execute();
  }

  /** The clusters already holding a report of each Message-ID. */
  async clustersOfMessages(messageIds: readonly string[]): Promise<Array<{ internet_message_id: string; cluster_id: string }>> {
    const out: Array<{ internet_message_id: string; cluster_id: string }> = [];
    for (const part of chunks([...new Set(messageIds)])) {
      const rows = await this.db
        .selectFrom('submissions')
        .select(['internet_message_id', 'cluster_id'])
        .distinct()
        .where('internet_message_id', 'in', part)
        .where('cluster_id', 'is not', null)
        .execute();
      for (const r of rows) if (r.cluster_id !== null) out.push({ internet_message_id: r.internet_message_id, cluster_id: r.cluster_id });
    }
    return out;
  }

  /** The clusters sharing band keys with a signature, most shared keys first. */
  async clustersByBands(bandKeys: readonly number[], limit: number): Promise<string[]> {
    if (bandKeys.length === 0) return [];
    const rows = await this.db
      .selectFrom('cluster_bands')
      .select((eb) => ['cluster_id', eb.fn.countAll<number>().as('shared')])
      .where('band_key', 'in', [...new Set(bandKeys)])
      .groupBy('cluster_id')
      .orderBy('shared', 'desc')
      .orderBy('cluster_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.cluster_id);
  }

  async clusters(ids: readonly string[]): Promise<CandidateClusterRow[]> {
    const out: CandidateClusterRow[] = [];
    for (const part of chunks([...new Set(ids)])) out.push(...(await this.db.selectFrom('clusters').select(CANDIDATE_COLUMNS).where('id', 'in', part).execute()));
    return out;
  }
}

export class ClusterIndexRepo {
  /** `writer`: the embedded SQLite's writer thread; without it (PostgreSQL) Kysely executes. */
  constructor(
    private readonly db: Db,
    private readonly writer?: SqliteWriter,
  ) {}

  /** Reads outside any batch (the catch-up's first look). */
  get reads(): ClusterIndexReads {
    return new ClusterIndexReads(this.db);
  }

  /**
   * Runs one batch: `decide` reads what it needs and returns what to write, which is then
   * committed in one transaction with the affected clusters' counters.
   */
  async batch<T>(decide: (reads: ClusterIndexReads) => Promise<{ plan: AssignmentPlan; value: T }>): Promise<T> {
    if (this.writer !== undefined) {
      const { plan, value } = await decide(new ClusterIndexReads(this.db));
      const statements = this.statements(this.db, plan);
      if (statements.length > 0) await this.writer.transaction(statements);
      return value;
    }
    return this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('second-look:clustering'))`.execute(trx);
      const { plan, value } = await decide(new ClusterIndexReads(trx));
      for (const statement of this.statements(trx, plan)) await trx.executeQuery(statement);
      return value;
    });
  }

  private statements(db: Executor, plan: AssignmentPlan): CompiledQuery[] {
    const statements: CompiledQuery[] = [];
    if (plan.clusters.length > 0) {
      for (const part of chunks(plan.clusters, 50)) statements.push(db.insertInto('clusters').values(part.map((c) => c.row)).compile());
      const bands = plan.clusters.flatMap((c) => [...new Set(c.bandKeys)].map((band_key) => ({ band_key, cluster_id: c.row.id })));
      for (const part of chunks(bands)) statements.push(db.insertInto('cluster_bands').values(part).onConflict((oc) => oc.doNothing()).compile());
    }
    const byCluster = new Map<string, JoiningRow[]>();
    for (const { row, clusterId } of plan.assignments) byCluster.set(clusterId, [...(byCluster.get(clusterId) ?? []), row]);
    for (const [clusterId, rows] of byCluster) statements.push(...joinStatements(db, clusterId, rows, true));
    return statements;
  }
}
