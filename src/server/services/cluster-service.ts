/**
 * Clusters of similar reports, for admins: list and read them, switch auto-resolve, and mark a
 * whole cluster at once (every open report in it, each reporter notified in their language, by
 * ReviewService). Which report joins which cluster is clustering-service.ts.
 */
import type { Cluster, ClusterDetail, ClusterPage, ClusterPatch, ListClustersQuery } from '../../contracts/portal/clusters';
import type { MarkRequest, MarkResponse } from '../../contracts/portal/review';
import { canAdminister, canReadAll, type Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import type { ClusterPosition, ClusterSummaryRow } from '../store/clusters-repo';
import type { Store } from '../store/unit-of-work';
import type { ClusterReviews } from './cluster-reviews';
import { toCluster } from './cluster-view';
import { badRequest, forbidden, notFound } from './errors';
import type { ReviewService } from './review-service';
import { toSubmission } from './submission-view';

export interface ClusterServiceDeps {
  store: Store;
  clock: Clock;
  review: ReviewService;
  reviews: ClusterReviews;
}

const DEFAULT_LIMIT = 50;
const DEFAULT_MIN_REPORTS = 2;
/** Reports, reporters and recipients a detail lists at most (the counts say how many there are). */
const DETAIL_LIMIT = 500;

function encodeCursor(position: ClusterPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): ClusterPosition {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<ClusterPosition> | null;
    if (typeof value?.t === 'string' && typeof value.id === 'string' && typeof value.n === 'number' && Number.isInteger(value.n)) return { t: value.t, id: value.id, n: value.n };
  } catch {
    // fall through
  }
  throw badRequest('invalid_cursor', 'cursor is not one this server issued');
}

export class ClusterService {
  constructor(private readonly deps: ClusterServiceDeps) {}

  private async views(rows: readonly ClusterSummaryRow[]): Promise<Cluster[]> {
    const latest = await this.deps.store.repos.clusters.latestAnalyses(rows.map((r) => r.id));
    return rows.map((row) => toCluster(row, latest.get(row.id)));
  }

  /** GET /api/clusters */
  async list(principal: Principal, query: ListClustersQuery): Promise<ClusterPage> {
    if (!canReadAll(principal)) throw forbidden('clusters need the SecurityAdministrator or SecurityReader role');
    const filter = {
      minReports: query.minReports ?? DEFAULT_MIN_REPORTS,
      sort: query.sort ?? 'lastSeen',
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.senderDomain === undefined ? {} : { senderDomain: query.senderDomain.trim().toLowerCase() }),
    };
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const { rows, next } = await this.deps.store.repos.clusters.list(filter, query.limit ?? DEFAULT_LIMIT, after);
    return { items: await this.views(rows), nextCursor: next === null ? null : encodeCursor(next) };
  }

  private async existing(id: string): Promise<ClusterSummaryRow> {
    const row = await this.deps.store.repos.clusters.byId(id);
    if (row === undefined) throw notFound(`cluster ${id}`);
    return row;
  }

  /** GET /api/clusters/{id} */
  async get(principal: Principal, id: string): Promise<ClusterDetail> {
    if (!canReadAll(principal)) throw forbidden('clusters need the SecurityAdministrator or SecurityReader role');
    const repo = this.deps.store.repos.clusters;
    const row = await this.existing(id);
    const [view] = await this.views([row]);
    if (view === undefined) throw notFound(`cluster ${id}`);
    const [reports, reporters, recipients] = await Promise.all([
      repo.members(id, DETAIL_LIMIT),
      repo.distinct(id, 'created_by_email', DETAIL_LIMIT),
      repo.distinct(id, 'recipient_email_address', DETAIL_LIMIT),
    ]);
    return { ...view, reports: reports.map(toSubmission), reporters, recipients };
  }

  /** PATCH /api/clusters/{id}: auto-resolve on or off, audited in the same transaction. */
  async update(principal: Principal, id: string, patch: ClusterPatch): Promise<Cluster> {
    if (!canAdminister(principal)) throw forbidden('changing a cluster needs the SecurityAdministrator role');
    const at = this.deps.clock.now().toISOString();
    const row = await this.deps.store.transaction(async (unit) => {
      await unit.serializeOn(`cluster:${id}`);
      const before = await unit.clusters.byId(id);
      if (before === undefined) throw notFound(`cluster ${id}`);
      await unit.clusters.setAutoResolve(id, patch.autoResolve);
      await unit.audit.append([
        {
          at,
          actor: principal.email,
          actorSubject: principal.id,
          action: 'cluster.updated',
          targetType: 'cluster',
          targetId: id,
          detail: { before: { autoResolve: before.auto_resolve === 1 }, after: { autoResolve: patch.autoResolve } },
        },
      ]);
      return { ...before, auto_resolve: patch.autoResolve ? 1 : 0 };
    });
    const [view] = await this.views([row]);
    if (view === undefined) throw notFound(`cluster ${id}`);
    return view;
  }

  /**
   * POST /api/clusters/{id}/mark: every open report of the cluster marked and its reporter
   * notified (ReviewService), and the result kept as the cluster's decision (which
   * auto-resolve answers later reports with), in one transaction with its audit rows.
   */
  async mark(principal: Principal, id: string, request: MarkRequest): Promise<MarkResponse> {
    if (!canAdminister(principal)) throw forbidden('marking reports needs the SecurityAdministrator role');
    await this.existing(id);
    const open = await this.deps.store.repos.clusters.openMemberIds(id);
    return this.deps.reviews.within({ kind: 'clusterMark', clusterId: id, notify: request.notify ?? true, principal, reports: open.length }, () =>
      this.deps.review.review({ kind: 'admin', principal }, open, request),
    );
  }
}
