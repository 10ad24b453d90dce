/**
 * The outgoing mail queue's rows. Knows SQL, not when or how a mail is sent: the sender
 * (services/mail-sender-service.ts) decides, these statements make each step happen once.
 *
 * Every change of a sending mail is conditional on the lease its sender holds, so a sender that
 * lost its lease (its instance was taken for dead) can no longer move the row.
 */
import { checkedHeaderFields } from '../mail/mail-fields';
import type { CursorPosition } from './cursor';
import { sql } from 'kysely';
import { isPostgres, type Executor } from './executor';
import type { MailOutboxTable } from './schema-mail';

/** A mail to queue: written, addressed and with its Message-ID fixed, so a retry resends it as it was. */
export interface NewMail {
  id: string;
  kind: 'reviewNotice' | 'quarantineRelease' | 'quarantineNotice' | 'quarantineRequestNotice';
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  relatedId: string | null;
  /** Send this stored message (message_blobs) instead of composing one; `text` is then the header line put in front of it. */
  rawSha256?: string;
}

export type MailRow = MailOutboxTable;

/** Where a sending mail whose lease ran out goes (see expireLeases). */
export interface LeaseExpiry {
  /** True when a second delivery is harmless (the pickup folder): the mail is queued again. */
  repeatable: boolean;
  /** With `repeatable`, a mail that has had this many tries fails instead of going back. */
  maxAttempts: number;
  /** The reason recorded as its last error. */
  reason: string;
}

export interface MailListFilter {
  state?: string;
  /** Only mails older than this one (paging, newest first). */
  after?: CursorPosition;
}

export class MailOutboxRepo {
  constructor(private readonly db: Executor) {}

  /**
   * Queues `mail`, due at once. Inside a unit of work it commits with the change that caused
   * it. The subject is made one line; an address, Message-ID or id that cannot be written into
   * a mail header safely throws UnsafeMailError and nothing is queued.
   */
  async enqueue(mail: NewMail, now: string): Promise<void> {
    const safe = checkedHeaderFields(mail);
    await this.db
      .insertInto('mail_outbox')
      .values({
        id: safe.id,
        kind: safe.kind,
        from_address: safe.from,
        to_address: safe.to,
        subject: safe.subject,
        text_body: safe.text,
        message_id: safe.messageId,
        related_id: safe.relatedId,
        state: 'queued',
        attempts: 0,
        next_attempt_date_time: now,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        created_date_time: now,
        sent_date_time: null,
        raw_sha256: mail.rawSha256 ?? null,
      })
      .execute();
  }

  /**
   * Takes the mail due first (queued, next attempt at or before `now`) for `owner` until
   * `leaseUntil`: it becomes `sending`, with one more attempt. Call it in a unit of work: the
   * claim is a transaction of its own. Exactly one caller gets each mail: on PostgreSQL the
   * row is selected FOR UPDATE SKIP LOCKED, so concurrent instances each take a different mail
   * without waiting for each other; SQLite (one instance) runs one writer at a time. Either way
   * the update is conditional on the row still being queued.
   */
  async claimNext(owner: string, now: string, leaseUntil: string): Promise<MailRow | undefined> {
    return (await this.claimDue(owner, now, leaseUntil, 1))[0];
  }

  /** As claimNext, for up to `limit` mails at once (due first), which the sender sends side by side. */
  async claimDue(owner: string, now: string, leaseUntil: string, limit: number): Promise<MailRow[]> {
    const due = this.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('state', '=', 'queued')
      .where('next_attempt_date_time', '<=', now)
      .orderBy('next_attempt_date_time')
      .orderBy('id')
      .limit(limit);
    const ids = (await (isPostgres(this.db) ? due.forUpdate().skipLocked() : due).execute()).map((row) => row.id);
    if (ids.length === 0) return [];
    const claimed = await this.db
      .updateTable('mail_outbox')
      .set((eb) => ({ state: 'sending', lease_owner: owner, lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      // `state || ''`, not `state`: SQLite's planner would otherwise walk the state index over every
      // queued row (1.5 ms with 10,000 queued) instead of looking the ids up by primary key.
      .where(sql<string>`${sql.ref('state')} || ''`, '=', 'queued')
      .returningAll()
      .execute();
    // In the order they were due (RETURNING gives no order).
    const rank = new Map(ids.map((id, at) => [id, at]));
    return claimed.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
  }

  /** Extends the leases of the mails `owner` is still sending among `ids`; how many it still held. */
  async renewLeases(ids: readonly string[], owner: string, leaseUntil: string): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db
      .updateTable('mail_outbox')
      .set({ lease_until: leaseUntil })
      .where('id', 'in', ids)
      .where('lease_owner', '=', owner)
      .where('state', '=', 'sending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * The mails `owner` sent were accepted; how many were recorded. Also from `unconfirmed`: when
   * a slow send outlived its lease, its sender still knows best how it ended.
   */
  async markAllSent(ids: readonly string[], owner: string, now: string): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db
      .updateTable('mail_outbox')
      .set({ state: 'sent', sent_date_time: now, lease_until: null, next_attempt_date_time: null, last_error: null })
      .where('id', 'in', ids)
      .where('lease_owner', '=', owner)
      .where('state', 'in', ['sending', 'unconfirmed'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** The mail did not go through; it is due again at `nextAttempt`. */
  async markRetry(id: string, owner: string, nextAttempt: string, error: string): Promise<boolean> {
    const result = await this.db
      .updateTable('mail_outbox')
      .set({ state: 'queued', next_attempt_date_time: nextAttempt, lease_until: null, last_error: error })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('state', 'in', ['sending', 'unconfirmed'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The mail ends `failed` (refused, or out of tries) or `unconfirmed` (the relay's answer was lost). */
  async markStopped(id: string, owner: string, state: 'failed' | 'unconfirmed', error: string): Promise<boolean> {
    const result = await this.db
      .updateTable('mail_outbox')
      .set({ state, next_attempt_date_time: null, lease_until: null, last_error: error })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('state', 'in', ['sending', 'unconfirmed'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Mails left `sending` by an instance that stopped (their lease ran out before `now`): queued
   * again when a repeat is harmless, `unconfirmed` otherwise, since the relay may have taken
   * them. Returns each with the state it got.
   */
  async expireLeases(now: string, expiry: LeaseExpiry): Promise<Array<{ id: string; state: string }>> {
    const expired = (state: string) =>
      this.db
        .updateTable('mail_outbox')
        .where('state', '=', 'sending')
        .where('lease_until', '<', now)
        .set({ state, lease_until: null, last_error: expiry.reason, next_attempt_date_time: state === 'queued' ? now : null });
    if (!expiry.repeatable) return expired('unconfirmed').returning(['id', 'state']).execute();
    const failed = await expired('failed').where('attempts', '>=', expiry.maxAttempts).returning(['id', 'state']).execute();
    const queued = await expired('queued').returning(['id', 'state']).execute();
    return [...failed, ...queued];
  }

  /** An admin's resend: a failed or unconfirmed mail is queued again, due now, with its tries counted afresh. */
  async requeue(id: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('mail_outbox')
      .set({ state: 'queued', attempts: 0, next_attempt_date_time: now, lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('state', 'in', ['failed', 'unconfirmed'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  byId(id: string): Promise<MailRow | undefined> {
    return this.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first by (created, id); `limit` rows. */
  list(filter: MailListFilter, limit: number): Promise<MailRow[]> {
    let query = this.db.selectFrom('mail_outbox').selectAll();
    if (filter.state !== undefined) query = query.where('state', '=', filter.state);
    const after = filter.after;
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('created_date_time', '<', after.t), eb.and([eb('created_date_time', '=', after.t), eb('id', '<', after.id)])]),
      );
    }
    return query.orderBy('created_date_time', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** How many mails are in each state (states with none are absent). */
  async countByState(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('mail_outbox')
      .select((eb) => ['state', eb.fn.countAll().as('n')])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
  }
}
