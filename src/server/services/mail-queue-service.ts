/**
 * The outgoing mail queue as admins see it: every mail with its state, tries and last error,
 * counts per state, and a resend for mail that failed or whose delivery is unconfirmed. A
 * resend and its audit row commit together.
 */
import { MAIL_STATES, type ListMailQuery, type MailKind, type MailQueuePage, type MailState, type QueuedMail } from '../../contracts/portal/mail-queue';
import { canAdminister, canReadAll, type Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import { encodeCursor } from '../store/cursor';
import type { MailRow } from '../store/mail-outbox-repo';
import type { Store } from '../store/unit-of-work';
import { forbidden, notFound, ServiceError } from './errors';
import { cursorPosition } from './paging';

export interface MailQueueDeps {
  store: Store;
  clock: Clock;
}

export const MAIL_AUDIT_TARGET = 'mail';

function toQueuedMail(row: MailRow): QueuedMail {
  return {
    id: row.id,
    kind: row.kind as MailKind,
    to: row.to_address,
    subject: row.subject,
    state: row.state as MailState,
    attempts: row.attempts,
    nextAttemptDateTime: row.next_attempt_date_time,
    lastError: row.last_error,
    createdDateTime: row.created_date_time,
    sentDateTime: row.sent_date_time,
    relatedId: row.related_id,
  };
}

export class MailQueueService {
  constructor(private readonly deps: MailQueueDeps) {}

  /** Newest first, optionally of one state, with how many mails are in each state. */
  async list(principal: Principal, query: ListMailQuery): Promise<MailQueuePage> {
    if (!canReadAll(principal)) throw forbidden('the mail queue needs the SecurityAdministrator or SecurityReader role');
    const limit = query.limit ?? 50;
    const after = cursorPosition(query.cursor);
    const repo = this.deps.store.repos.mail;
    const rows = await repo.list({ ...(query.state ? { state: query.state } : {}), ...(after ? { after } : {}) }, limit + 1);
    const items = rows.slice(0, limit).map(toQueuedMail);
    const last = items[items.length - 1];
    const byState = await repo.countByState();
    const counts = Object.fromEntries(MAIL_STATES.map((state) => [state, byState[state] ?? 0])) as MailQueuePage['counts'];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdDateTime, id: last.id }) : null, counts };
  }

  /**
   * Queues a failed or unconfirmed mail again, due now. An unconfirmed mail may already have
   * arrived: the admin decides that sending it again is better than it never arriving.
   */
  async resend(principal: Principal, id: string): Promise<QueuedMail> {
    if (!canAdminister(principal)) throw forbidden('resending mail needs the SecurityAdministrator role');
    const now = this.deps.clock.now().toISOString();
    return this.deps.store.transaction(async (unit) => {
      const before = await unit.mail.byId(id);
      if (!before) throw notFound(`mail ${id}`);
      if (!(await unit.mail.requeue(id, now))) {
        throw new ServiceError(409, 'not_resendable', `only failed or unconfirmed mail can be resent; this mail is ${before.state}`);
      }
      const after = await unit.mail.byId(id);
      if (!after) throw notFound(`mail ${id}`);
      await unit.audit.append([{
        at: now,
        actor: principal.email,
        actorSubject: principal.id,
        action: 'resend',
        targetType: MAIL_AUDIT_TARGET,
        targetId: id,
        detail: { kind: before.kind, to: before.to_address, subject: before.subject, relatedId: before.related_id, before: { state: before.state, attempts: before.attempts, lastError: before.last_error } },
      }]);
      return toQueuedMail(after);
    });
  }
}
