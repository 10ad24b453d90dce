/**
 * Reads and writes clusters of similar reports and their similarity index. Knows SQL, not
 * rules: which cluster a report joins, and what a decision means, are the services' business.
 */
import { sql, type CompiledQuery, type ExpressionBuilder } from 'kysely';
import { isPostgres, type Executor } from './executor';
import type { Database, SubmissionsTable } from './schema';
import type { ClustersTable } from './schema-clusters';

export type ClusterRow = ClustersTable;
/** A cluster without its signature: what lists and details show. */
export type ClusterSummaryRow = Omit<ClusterRow, 'signature'>;

export interface ClusterListFilter {
  status?: string;
  senderDomain?: string;
  minReports: number;
  sort: 'lastSeen' | 'size';
}

/** The last row of a page: its last-seen time, id and (sorting by size) report count. */
export interface ClusterPosition {
  t: string;
  id: string;
  n: number;
}

export interface ClusterDecisionWrite {
  result: string;
  message: string | null;
  notify: boolean;
  at: string;
  by: string;
}

export interface LatestAnalysisRow {
  id: string;
  result: string | null;
  created_date_time: string;
}

const SUMMARY_COLUMNS = [
  'id', 'sender_key', 'sender_domain', 'sender_basis', 'representative_id', 'subject', 'fingerprint_version',
  'report_count', 'reporter_count', 'recipient_count', 'open_count', 'not_junk_count', 'spam_count', 'phishing_count', 'malware_count',
  'first_seen_date_time', 'last_seen_date_time', 'status', 'decision_result', 'decision_message', 'decision_notify',
  'decided_date_time', 'decided_by', 'auto_resolve', 'created_date_time',
] as const satisfies ReadonlyArray<keyof ClusterSummaryRow>;

/** Ids per statement: far below every database's limit on bound values. */
const CHUNK = 500;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

export class ClustersRepo {
  constructor(private readonly db: Executor) {}

  /** A page of clusters, most recently active (or largest) first, after `after`. */
  async list(filter: ClusterListFilter, limit: number, after: ClusterPosition | undefined): Promise<{ rows: ClusterSummaryRow[]; next: ClusterPosition | null }> {
    // Newest first, SQLite's planner would rather take the size index for `report_count >= ?`
    // and sort every match (110 ms over 700,000 clusters) than walk the newest-first index and
    // skip the small ones (2 ms). A unary plus makes the size test unusable as an index key
    // there; PostgreSQL reads it as the same number.
    const size = filter.sort === 'size' ? sql.ref<number>('report_count') : sql<number>`+${sql.ref('report_count')}`;
    let query = this.db.selectFrom('clusters').select(SUMMARY_COLUMNS).where(size, '>=', filter.minReports);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.senderDomain !== undefined) query = query.where('sender_domain', '=', filter.senderDomain);
    if (after !== undefined) {
      query = query.where((eb) => {
        const byTime = eb.or([eb('last_seen_date_time', '<', after.t), eb.and([eb('last_seen_date_time', '=', after.t), eb('id', '<', after.id)])]);
        return filter.sort === 'size' ? eb.or([eb('report_count', '<', after.n), eb.and([eb('report_count', '=', after.n), byTime])]) : byTime;
      });
    }
    if (filter.sort === 'size') query = query.orderBy('report_count', 'desc');
    const rows = await query.orderBy('last_seen_date_time', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { rows: page, next: rows.length > limit && last ? { t: last.last_seen_date_time, id: last.id, n: last.report_count } : null };
  }

  byId(id: string): Promise<ClusterSummaryRow | undefined> {
    return this.db.selectFrom('clusters').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** The cluster's reports, newest first. */
  members(clusterId: string, limit: number): Promise<SubmissionsTable[]> {
    return this.db
      .selectFrom('submissions')
      .selectAll()
      .where('cluster_id', '=', clusterId)
      .orderBy('created_date_time', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /** Distinct values of one column among the cluster's reports, in order. */
  async distinct(clusterId: string, column: 'created_by_email' | 'recipient_email_address', limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('submissions').select(column).distinct().where('cluster_id', '=', clusterId).orderBy(column).limit(limit).execute();
    return rows.map((r) => (column === 'created_by_email' ? (r as { created_by_email: string }).created_by_email : (r as { recipient_email_address: string }).recipient_email_address));
  }

  /** The ids of the cluster's reports nobody has reviewed yet. */
  async openMemberIds(clusterId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('submissions').select('id').where('cluster_id', '=', clusterId).where('review_result', 'is', null).execute();
    return rows.map((r) => r.id);
  }

  /** Per cluster, the newest admin analysis of any of its reports. */
  async latestAnalyses(clusterIds: readonly string[]): Promise<Map<string, LatestAnalysisRow>> {
    const out = new Map<string, LatestAnalysisRow>();
    const ids = [...new Set(clusterIds)];
    if (ids.length === 0) return out;
    // One query for a whole page: a query per cluster costs a round trip each (to the reader
    // thread, or to PostgreSQL), which for a page of 50 was most of the list's time. A cluster
    // has few analyses (an admin analyses one representative), so the newest is picked here.
    const rows = await this.db
      .selectFrom('submissions as a')
      .innerJoin('submissions as m', 'm.id', 'a.original_submission_id')
      .select(['m.cluster_id', 'a.id', 'a.result', 'a.created_date_time'])
      .where('a.source', '=', 'administrator')
      .where('m.cluster_id', 'in', ids)
      .execute();
    for (const { cluster_id: clusterId, ...row } of rows) {
      if (clusterId === null) continue;
      const kept = out.get(clusterId);
      const newer = kept === undefined || row.created_date_time > kept.created_date_time || (row.created_date_time === kept.created_date_time && row.id > kept.id);
      if (newer) out.set(clusterId, row);
    }
    return out;
  }

  async setAutoResolve(id: string, on: boolean): Promise<void> {
    await this.db.updateTable('clusters').set({ auto_resolve: on ? 1 : 0 }).where('id', '=', id).execute();
  }

  async decide(id: string, decision: ClusterDecisionWrite): Promise<void> {
    await this.db
      .updateTable('clusters')
      .set({ decision_result: decision.result, decision_message: decision.message, decision_notify: decision.notify ? 1 : 0, decided_date_time: decision.at, decided_by: decision.by, status: 'decided' })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Puts reports that are in no cluster yet into `clusterId` and counts them in (see
   * joinStatements). Returns the ids that joined: one another server put in a cluster first is
   * left where it is.
   */
  async join(clusterId: string, rows: readonly JoiningRow[], stillOpen: boolean): Promise<string[]> {
    const free = new Set<string>();
    for (const part of chunks(rows.map((r) => r.id))) {
      for (const r of await this.db.selectFrom('submissions').select('id').where('id', 'in', part).where('cluster_id', 'is', null).execute()) free.add(r.id);
    }
    const joining = rows.filter((r) => free.has(r.id));
    for (const statement of joinStatements(this.db, clusterId, joining, stillOpen)) await this.db.executeQuery(statement);
    return joining.map((r) => r.id);
  }

  /** `reviewed` reports of each cluster that were open are not any more. */
  async reviewed(openBefore: ReadonlyMap<string, number>): Promise<void> {
    for (const [clusterId, count] of openBefore) {
      if (count === 0) continue;
      await this.db
        .updateTable('clusters')
        .set((eb) => ({
          open_count: eb('open_count', '-', count),
          status: sql<string>`case when decision_result is not null or open_count - ${count} <= 0 then 'decided' else 'open' end`,
        }))
        .where('id', '=', clusterId)
        .execute();
    }
  }

  /** Every counter of `clusterIds` counted afresh from their reports (after retention purged some). */
  async recount(clusterIds: Iterable<string>): Promise<void> {
    for (const statement of recountStatements(this.db, [...new Set(clusterIds)])) await this.db.executeQuery(statement);
  }

  /**
   * After retention purged reports older than `cutoff`: clusters with no report left go (with
   * their index rows), and those that lost some are recounted, with a new representative when
   * theirs went. Returns how many clusters were removed.
   */
  async prune(cutoff: string): Promise<number> {
    const stale = await this.db.selectFrom('clusters').select('id').where('first_seen_date_time', '<', cutoff).execute();
    let removed = 0;
    for (const part of chunks(stale.map((r) => r.id))) {
      const alive = await this.db.selectFrom('submissions').select('cluster_id').distinct().where('cluster_id', 'in', part).execute();
      const kept = new Set(alive.map((r) => r.cluster_id));
      const gone = part.filter((id) => !kept.has(id));
      if (gone.length > 0) {
        await this.db.deleteFrom('cluster_bands').where('cluster_id', 'in', gone).execute();
        await this.db.deleteFrom('cluster_people').where('cluster_id', 'in', gone).execute();
        removed += Number((await this.db.deleteFrom('clusters').where('id', 'in', gone).executeTakeFirst()).numDeletedRows);
      }
      const left = part.filter((id) => kept.has(id));
      if (left.length === 0) continue;
      await this.db
        .updateTable('clusters')
        .set((eb) => {
          const oldest = (column: 'id' | 'subject') =>
            eb.selectFrom('submissions').select(`submissions.${column}`).whereRef('submissions.cluster_id', '=', 'clusters.id').orderBy('submissions.created_date_time').orderBy('submissions.id').limit(1);
          return { representative_id: oldest('id'), subject: oldest('subject') };
        })
        .where('id', 'in', left)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('submissions').select('submissions.id').whereRef('submissions.id', '=', 'clusters.representative_id'))))
        .execute();
      await this.recount(left);
    }
    return removed;
  }
}

/** What joining a cluster needs of a report. */
export type JoiningRow = Pick<SubmissionsTable, 'id' | 'category' | 'created_by_email' | 'recipient_email_address' | 'created_date_time' | 'review_result'>;

const CATEGORY_COLUMNS: Readonly<Record<string, 'not_junk_count' | 'spam_count' | 'phishing_count' | 'malware_count'>> = {
  notJunk: 'not_junk_count',
  spam: 'spam_count',
  phishing: 'phishing_count',
  malware: 'malware_count',
};

/**
 * The statements that put `rows` (in no cluster yet) into `clusterId` and add them to its
 * counters: counts added, not counted again, so a report joining a cluster of fifty thousand
 * costs what it costs in one of five. Reporters and recipients are counted as distinct
 * addresses in cluster_people. `stillOpen`: the reports stay unreviewed (false when they are
 * being marked in the same transaction).
 */
export function joinStatements(db: Executor, clusterId: string, rows: readonly JoiningRow[], stillOpen: boolean): CompiledQuery[] {
  if (rows.length === 0) return [];
  const statements: CompiledQuery[] = [];
  for (const part of chunks(rows.map((r) => r.id))) {
    statements.push(db.updateTable('submissions').set({ cluster_id: clusterId }).where('id', 'in', part).where('cluster_id', 'is', null).compile());
  }
  const people = [
    ...new Set(rows.map((r) => `reporter\n${r.created_by_email}`)),
    ...new Set(rows.map((r) => `recipient\n${r.recipient_email_address}`)),
  ].map((key) => {
    const [role = '', address = ''] = key.split('\n');
    return { cluster_id: clusterId, role, address };
  });
  for (const part of chunks(people)) statements.push(db.insertInto('cluster_people').values(part).onConflict((oc) => oc.doNothing()).compile());

  const added = { not_junk_count: 0, spam_count: 0, phishing_count: 0, malware_count: 0 };
  let open = 0;
  let first = rows[0]?.created_date_time ?? '';
  let last = first;
  for (const row of rows) {
    const column = CATEGORY_COLUMNS[row.category];
    if (column !== undefined) added[column]++;
    if (stillOpen && row.review_result === null) open++;
    if (row.created_date_time < first) first = row.created_date_time;
    if (row.created_date_time > last) last = row.created_date_time;
  }
  const [least, greatest] = isPostgres(db) ? ['least', 'greatest'] : ['min', 'max'];
  const peopleCount = (role: string) => sql<number>`(select count(*) from cluster_people where cluster_people.cluster_id = clusters.id and cluster_people.role = ${role})`;
  statements.push(
    db
      .updateTable('clusters')
      .set((eb) => ({
        report_count: eb('report_count', '+', rows.length),
        open_count: eb('open_count', '+', open),
        not_junk_count: eb('not_junk_count', '+', added.not_junk_count),
        spam_count: eb('spam_count', '+', added.spam_count),
        phishing_count: eb('phishing_count', '+', added.phishing_count),
        malware_count: eb('malware_count', '+', added.malware_count),
        reporter_count: peopleCount('reporter'),
        recipient_count: peopleCount('recipient'),
        first_seen_date_time: sql<string>`${sql.raw(least)}(first_seen_date_time, ${first})`,
        last_seen_date_time: sql<string>`${sql.raw(greatest)}(last_seen_date_time, ${last})`,
        status: sql<string>`case when decision_result is not null or open_count + ${open} = 0 then 'decided' else 'open' end`,
      }))
      .where('id', '=', clusterId)
      .compile(),
  );
  return statements;
}

/**
 * The statements that count `clusterIds` afresh from their reports: cluster_people rebuilt, and
 * one UPDATE … FROM an aggregate per chunk. Reads every report of the clusters, so it is kept
 * for what only happens now and then (retention).
 */
export function recountStatements(db: Executor, clusterIds: readonly string[]): CompiledQuery[] {
  const categoryCount = (eb: ExpressionBuilder<Database, 'submissions'>, category: string) =>
    eb.fn.sum<number>(eb.case().when('category', '=', category).then(1).else(0).end());
  return chunks(clusterIds).flatMap((part) => {
    const rebuild: CompiledQuery[] = [db.deleteFrom('cluster_people').where('cluster_id', 'in', part).compile()];
    for (const [role, column] of [['reporter', 'created_by_email'], ['recipient', 'recipient_email_address']] as const) {
      rebuild.push(
        db
          .insertInto('cluster_people')
          .columns(['cluster_id', 'role', 'address'])
          .expression((eb) => eb.selectFrom('submissions').select((s) => [s.ref('cluster_id').$notNull().as('cluster_id'), s.val(role).as('role'), s.ref(column).as('address')]).distinct().where('cluster_id', 'in', part))
          .compile(),
      );
    }
    const totals = db
      .selectFrom('submissions')
      .select((eb) => [
        'cluster_id',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.case().when('review_result', 'is', null).then(1).else(0).end()).as('open'),
        categoryCount(eb, 'notJunk').as('not_junk'),
        categoryCount(eb, 'spam').as('spam'),
        categoryCount(eb, 'phishing').as('phishing'),
        categoryCount(eb, 'malware').as('malware'),
        eb.fn.min('created_date_time').as('first_seen'),
        eb.fn.max('created_date_time').as('last_seen'),
      ])
      .where('cluster_id', 'in', part)
      .groupBy('cluster_id')
      .as('totals');
    const peopleCount = (role: string) => sql<number>`(select count(*) from cluster_people where cluster_people.cluster_id = clusters.id and cluster_people.role = ${role})`;
    const update = db
      .updateTable('clusters')
      .from(totals)
      .set((eb) => ({
        report_count: eb.ref('totals.n'),
        reporter_count: peopleCount('reporter'),
        recipient_count: peopleCount('recipient'),
        open_count: eb.ref('totals.open'),
        not_junk_count: eb.ref('totals.not_junk'),
        spam_count: eb.ref('totals.spam'),
        phishing_count: eb.ref('totals.phishing'),
        malware_count: eb.ref('totals.malware'),
        first_seen_date_time: eb.ref('totals.first_seen'),
        last_seen_date_time: eb.ref('totals.last_seen'),
        status: sql<string>`case when clusters.decision_result is not null or totals.open = 0 then 'decided' else 'open' end`,
      }))
      .whereRef('clusters.id', '=', 'totals.cluster_id')
      .compile();
    return [...rebuild, update];
  });
}
