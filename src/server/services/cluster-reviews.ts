/**
 * Where clusters meet the review of reports (review-service.ts). Every review, of one report
 * or of a whole cluster, calls `afterReview` in its own transaction; here the open counts and
 * status of the reviewed reports' clusters change in that same transaction, so a cluster is
 * never out of step with its reports.
 *
 * Two reviews start here and carry a context to `afterReview` (AsyncLocalStorage, so only the
 * review started inside `within` sees it):
 * - a cluster mark: the cluster's decision and its audit row commit with the reports' marks;
 * - an auto-resolve: the new reports join the decided cluster in the transaction that marks
 *   them, so a report is never in such a cluster without its answer.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Review } from '../../contracts/portal/review';
import type { Principal } from '../../core/permissions';
import type { SubmissionRow } from '../store/submissions-repo';
import type { UnitOfWork } from '../store/unit-of-work';

export type ClusterReviewContext =
  | { kind: 'clusterMark'; clusterId: string; notify: boolean; principal: Principal; reports: number }
  | { kind: 'autoResolve'; clusterId: string; ids: readonly string[] };

export class ClusterReviews {
  private readonly context = new AsyncLocalStorage<ClusterReviewContext>();

  /** Runs `review` (a call into ReviewService) with `context` visible to its afterReview. */
  within<T>(context: ClusterReviewContext, review: () => Promise<T>): Promise<T> {
    return this.context.run(context, review);
  }

  /** ReviewService's afterReview hook. */
  readonly afterReview = async (unit: UnitOfWork, rows: readonly SubmissionRow[], review: Review): Promise<void> => {
    const context = this.context.getStore();
    // `rows` are as they were before the review: the open ones among them are open no more.
    const openBefore = new Map<string, number>();
    for (const row of rows) if (row.cluster_id !== null && row.review_result === null) openBefore.set(row.cluster_id, (openBefore.get(row.cluster_id) ?? 0) + 1);
    if (context?.kind === 'autoResolve') {
      const ids = new Set(context.ids);
      await unit.clusters.join(context.clusterId, rows.filter((r) => ids.has(r.id) && r.cluster_id === null), false);
    } else if (context?.kind === 'clusterMark') {
      const before = await unit.clusters.byId(context.clusterId);
      await unit.clusters.decide(context.clusterId, { result: review.result, message: review.message, notify: context.notify, at: review.reviewedDateTime, by: review.reviewedBy });
      await unit.audit.append([
        {
          at: review.reviewedDateTime,
          actor: context.principal.email,
          actorSubject: context.principal.id,
          action: 'cluster.marked',
          targetType: 'cluster',
          targetId: context.clusterId,
          detail: {
            before: before?.decision_result ? { result: before.decision_result, message: before.decision_message } : null,
            after: { result: review.result, message: review.message },
            notified: context.notify,
            reports: context.reports,
          },
        },
      ]);
    }
    await unit.clusters.reviewed(openBefore);
  };
}
