/**
 * "Mark as and notify": an admin's result for user reports (No threats found, Phishing, Spam),
 * with an optional personal message, and a notice to each reporter in their language. The
 * result, the audit row and the queued notice of each report commit in one transaction: a
 * notice exists exactly when its review does, and leaves through the mail queue once.
 */
import { randomUUID } from 'node:crypto';
import type { MarkRequest, MarkResponse, Review, ReviewResult } from '../../contracts/portal/review';
import type { NoticeTemplate } from '../../contracts/portal/settings';
import type { VerdictLocale } from '../../contracts/verdict';
import { canAdminister, type Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import type { SubmissionRow } from '../store/submissions-repo';
import type { UnitOfWork, Store } from '../store/unit-of-work';
import { forbidden, ServiceError } from './errors';
import { localeOf, noticeMessageId, type NoticeTemplatesService } from './notice-templates-service';
import type { PolicySource } from './settings-service';

/** Who reviews: an admin, or a decided cluster answering a new report by itself. */
export type Reviewer =
  | { kind: 'admin'; principal: Principal }
  | { kind: 'autoResolve'; clusterId: string; rule: string };

export interface ReviewDeps {
  store: Store;
  clock: Clock;
  templates: NoticeTemplatesService;
  policy: PolicySource;
  /**
   * Runs in the same transaction after reports were reviewed (clusters keep their counts
   * here). Throwing rolls the whole review back.
   */
  afterReview?: (unit: UnitOfWork, rows: readonly SubmissionRow[], review: Review) => Promise<void>;
}

const AUTO_RESOLVE_ACTOR = 'system:auto-resolve';

export class ReviewService {
  constructor(private readonly deps: ReviewDeps) {}

  /** POST /api/submissions/{id}/mark and POST /api/submissions/mark. */
  async mark(principal: Principal, ids: readonly string[], request: MarkRequest): Promise<MarkResponse> {
    if (!canAdminister(principal)) throw forbidden('marking reports needs the SecurityAdministrator role');
    return this.review({ kind: 'admin', principal }, ids, request);
  }

  /**
   * Reviews `ids` as `reviewer` says. Every id must be a user report, or nothing is written:
   * a selection is marked whole or not at all.
   */
  async review(reviewer: Reviewer, ids: readonly string[], request: MarkRequest, within?: UnitOfWork): Promise<MarkResponse> {
    const unique = [...new Set(ids)];
    const at = this.deps.clock.now().toISOString();
    const message = request.message?.trim() ? request.message.trim() : null;
    const by = reviewer.kind === 'admin' ? reviewer.principal.email : AUTO_RESOLVE_ACTOR;
    const review: Review = { result: request.result, message, reviewedDateTime: at, reviewedBy: by };
    const notify = request.notify ?? true;
    // Read before the transaction: on SQLite a read outside it would wait for it to end.
    const policy = await this.deps.policy.current();
    const templates = notify ? await this.deps.templates.forResult(request.result) : undefined;
    const work = async (unit: UnitOfWork): Promise<MarkResponse> => {
      const rows = await unit.reviews.userReports(unique);
      if (rows.length !== unique.length) {
        const found = new Set(rows.map((r) => r.id));
        const missing = unique.filter((id) => !found.has(id));
        throw new ServiceError(404, 'not_found', `no user report ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
      }
      // In the order asked for, so a selection's answers line up with it.
      const order = new Map(unique.map((id, i) => [id, i]));
      rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      await unit.reviews.setReview(unique, { result: review.result, message, at, by });
      const items: MarkResponse['items'] = [];
      const audit = [];
      for (const row of rows) {
        const noticeId = templates === undefined ? null : await this.queueNotice(unit, row, request.result, message ?? undefined, policy, at, templates);
        items.push({ id: row.id, review, noticeId });
        const before = row.review_result === null ? null : { result: row.review_result, message: row.review_message, reviewedDateTime: row.reviewed_date_time, reviewedBy: row.reviewed_by };
        audit.push({
          at,
          actor: by,
          ...(reviewer.kind === 'admin' ? { actorSubject: reviewer.principal.id } : {}),
          action: reviewer.kind === 'admin' ? 'submission.marked' : 'submission.autoResolved',
          targetType: 'submission',
          targetId: row.id,
          detail: {
            before,
            after: { result: review.result, message },
            notified: noticeId !== null,
            ...(reviewer.kind === 'autoResolve' ? { clusterId: reviewer.clusterId, rule: reviewer.rule } : {}),
          },
        });
      }
      await unit.audit.append(audit);
      await this.deps.afterReview?.(unit, rows, review);
      return { items };
    };
    return within === undefined ? this.deps.store.transaction(work) : work(within);
  }

  private async queueNotice(
    unit: UnitOfWork, row: SubmissionRow, result: ReviewResult, message: string | undefined, policy: { noticeSender: string; noticeLanguage: VerdictLocale }, at: string,
    templates: Readonly<Record<VerdictLocale, NoticeTemplate>>,
  ): Promise<string> {
    // The reporter's language; a report that recorded none gets the organisation's (Settings).
    const text = await this.deps.templates.write(row, result, message, templates[localeOf(row, policy.noticeLanguage)], policy.noticeLanguage);
    const from = policy.noticeSender;
    const id = randomUUID();
    await unit.mail.enqueue({ id, kind: 'reviewNotice', from, to: row.created_by_email, subject: text.subject, text: text.body, messageId: noticeMessageId(from), relatedId: row.id }, at);
    return id;
  }
}
