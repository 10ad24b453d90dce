/**
 * The queue's sender: takes each due mail, leases it, hands it to the delivery (pickup folder or
 * relay), and records how it went. main.ts runs it every few seconds; tests call runOnce().
 *
 * - Exactly one sender per mail, across instances: a mail is claimed by one conditional update
 *   (FOR UPDATE SKIP LOCKED on PostgreSQL), leased to this instance, and every later change
 *   is conditional on that lease.
 * - Never sent twice by accident: while a send runs, its lease is renewed. A mail found
 *   `sending` with its lease run out was being sent by an instance that stopped; through a
 *   relay it becomes `unconfirmed` (the relay may have taken it) and waits for an admin; in the
 *   pickup folder, writing the same file again is harmless, so it is queued again.
 * - Never lost: a failed try is retried after a growing wait; after the last try, or a
 *   permanent refusal, the mail stays in the queue as `failed`, for an admin to resend.
 * - Fast enough for a bulk release: mails go in rounds of up to `concurrency`, sent side by
 *   side, and a round's sent mails are recorded in the transaction that claims the next round
 *   (one commit per round instead of two per mail). An instance that dies leaves at most one
 *   round unrecorded: those mails end `unconfirmed`, as a single one did before.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { MAX_RETRY_DELAY_MS, RETRY_JITTER, retryDelayMs } from '../../core/mail/retry';
import type { Clock } from '../../core/time/clock';
import { DeliveryError, type MailDelivery } from '../mail/delivery';
import { releasedCopy } from '../mail/released-copy';
import type { MailRow } from '../store/mail-outbox-repo';
import type { Store } from '../store/unit-of-work';

export interface MailSenderDeps {
  store: Store;
  clock: Clock;
  delivery: MailDelivery;
  /** How long a send's lease lasts without renewal, in seconds. */
  leaseSeconds: number;
  maxAttempts: number;
  /** The wait before the first retry, in seconds. */
  retrySeconds: number;
  /** [0, 1); Math.random unless a test fixes it. */
  random?: () => number;
  /** Stored messages, for mails that send one on as it is (raw_sha256: a quarantine release). */
  blobs?: { get(sha256: string): Promise<Buffer | undefined> };
  /** Mails sent at once (relay connections, pickup files); 1 unless configured. */
  concurrency?: number;
}

/** What one run did; the ids let the caller log which mails ended how. */
export interface SendRun {
  sent: string[];
  retrying: string[];
  failed: string[];
  unconfirmed: string[];
  /** Mails another instance left `sending` that were queued again (pickup folder only). */
  requeued: string[];
}

type Outcome = 'sent' | 'retrying' | 'failed' | 'unconfirmed';

/** Stored messages kept for the next copies, during a run only (a message is at most the intake limit). */
const RECENT_MESSAGES = 4;

const STOPPED_WHILE_SENDING = 'the server sending it stopped before the relay confirmed it; whether the relay took it is unknown, so it is not sent again unless an admin resends it';
const STOPPED_WHILE_WRITING = 'the server writing it stopped before it was recorded as written; it is written again';

export class MailSenderService {
  /** This process, as lease owner: host, process and a random part (a restarted process is a new owner). */
  readonly instanceId = `${hostname().slice(0, 60)}/${process.pid}/${randomUUID().slice(0, 8)}`;
  private running: Promise<SendRun> | undefined;
  private halted = false;
  /** Mails sent whose `sent` could not be recorded yet (the database was away): recorded first next run. */
  private readonly unrecorded = new Map<string, string>();
  /** Stored messages read for recent copies, by hash (see storedMessage). */
  private readonly recentMessages = new Map<string, Promise<Buffer | undefined>>();

  constructor(private readonly deps: MailSenderDeps) {}

  get description(): string {
    return this.deps.delivery.description;
  }

  /**
   * Sends every mail due now, one after the other, and returns what happened. A run asked for
   * while one is going waits for it and then runs again.
   */
  runOnce(): Promise<SendRun> {
    const previous = this.running ?? Promise.resolve(undefined);
    const run = previous.catch(() => undefined).then(() => this.run());
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = undefined;
    }).catch(() => undefined);
    return run;
  }

  /** Stops after the mail being sent now (none is left half-sent); resolves when the run has ended. */
  async halt(): Promise<void> {
    this.halted = true;
    await this.running?.catch(() => undefined);
  }

  private async run(): Promise<SendRun> {
    const result: SendRun = { sent: [], retrying: [], failed: [], unconfirmed: [], requeued: [] };
    if (this.halted) return result;
    await this.recordUnrecorded();
    const expired = await this.deps.store.repos.mail.expireLeases(this.now(), {
      repeatable: this.deps.delivery.repeatable,
      maxAttempts: this.deps.maxAttempts,
      reason: this.deps.delivery.repeatable ? STOPPED_WHILE_WRITING : STOPPED_WHILE_SENDING,
    });
    for (const { id, state } of expired) {
      if (state === 'queued') result.requeued.push(id);
      else if (state === 'failed') result.failed.push(id);
      else result.unconfirmed.push(id);
    }
    // Sent in the last round and not recorded yet: recorded with the next claim, or at the end.
    let sent: { ids: string[]; at: string } = { ids: [], at: '' };
    try {
      while (!this.halted) {
        const now = this.deps.clock.now();
        const record = sent;
        const round = await this.deps.store.transaction(async (unit) => {
          await unit.mail.markAllSent(record.ids, this.instanceId, record.at);
          return unit.mail.claimDue(this.instanceId, now.toISOString(), this.leaseEnd(now), Math.max(1, this.deps.concurrency ?? 1));
        });
        sent = { ids: [], at: '' };
        if (round.length === 0) break;
        const outcomes = await this.sendRound(round);
        sent = { ids: round.filter((_, at) => outcomes[at] === 'sent').map((mail) => mail.id), at: this.now() };
        round.forEach((mail, at) => result[outcomes[at] ?? 'retrying'].push(mail.id));
      }
    } finally {
      this.recentMessages.clear();
      this.recordLater(sent.ids, sent.at);
      await this.recordUnrecorded().catch(() => undefined);
    }
    return result;
  }

  /** Sends `round` side by side, its leases renewed until every send has ended; each mail's outcome, in order. */
  private async sendRound(round: MailRow[]): Promise<Outcome[]> {
    const ids = round.map((mail) => mail.id);
    const renewal = setInterval(() => {
      this.deps.store.repos.mail.renewLeases(ids, this.instanceId, this.leaseEnd(this.deps.clock.now())).catch(() => undefined);
    }, Math.max(500, (this.deps.leaseSeconds * 1000) / 3));
    renewal.unref();
    try {
      return await Promise.all(round.map((mail) => this.send(mail)));
    } finally {
      clearInterval(renewal);
    }
  }

  /** Sends one mail; a failure is recorded at once, a success by the caller (with its round). */
  private async send(mail: MailRow): Promise<Outcome> {
    const repo = this.deps.store.repos.mail;
    let failure: DeliveryError | undefined;
    try {
      // A stored message (a quarantine release): its bytes with the row's header line in front.
      const raw = mail.raw_sha256 === null ? undefined : await this.storedCopy(mail.raw_sha256, mail.text_body);
      await this.deps.delivery.deliver({
        ...(raw === undefined ? {} : { raw }),
        id: mail.id,
        from: mail.from_address,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        messageId: mail.message_id,
        date: new Date(mail.created_date_time),
      });
    } catch (error) {
      failure = error instanceof DeliveryError ? error : new DeliveryError(error instanceof Error ? error.message : String(error), 'retry');
    }
    if (!failure) return 'sent';
    if (failure.failure === 'unknown') {
      await repo.markStopped(mail.id, this.instanceId, 'unconfirmed', `the relay's answer was lost (${failure.message}); whether it took the mail is unknown, so it is not sent again unless an admin resends it`);
      return 'unconfirmed';
    }
    if (failure.failure === 'refused' || mail.attempts >= this.deps.maxAttempts) {
      const why = failure.failure === 'refused' ? failure.message : `${failure.message} (gave up after ${mail.attempts} tries)`;
      await repo.markStopped(mail.id, this.instanceId, 'failed', why);
      return 'failed';
    }
    const wait = retryDelayMs(mail.attempts, { firstDelayMs: this.deps.retrySeconds * 1000, maxDelayMs: MAX_RETRY_DELAY_MS, jitter: RETRY_JITTER }, this.deps.random ?? Math.random);
    await repo.markRetry(mail.id, this.instanceId, new Date(this.deps.clock.now().getTime() + wait).toISOString(), failure.message);
    return 'retrying';
  }

  private async storedCopy(sha256: string, headerLine: string): Promise<Buffer> {
    const original = await this.storedMessage(sha256);
    if (original === undefined) throw new DeliveryError(`the stored message ${sha256} is gone`, 'refused');
    return releasedCopy(headerLine, original);
  }

  /**
   * A stored message, read once for the copies that go out side by side: a bulk release sends
   * one message to many recipients, and its rows sit next to each other in the queue.
   * Stored messages never change (they are named by their hash), so a copy read is as good as the row.
   */
  private storedMessage(sha256: string): Promise<Buffer | undefined> {
    let reading = this.recentMessages.get(sha256);
    if (reading === undefined) {
      reading = this.deps.blobs?.get(sha256) ?? Promise.resolve(undefined);
      this.recentMessages.set(sha256, reading);
      // The few most recent only: enough for the copies of one round.
      for (const key of this.recentMessages.keys()) {
        if (this.recentMessages.size <= RECENT_MESSAGES) break;
        this.recentMessages.delete(key);
      }
      reading.catch(() => this.recentMessages.delete(sha256));
    }
    return reading;
  }

  /** Keeps sent mails to record (at the end of this run, or the next when the database does not answer). */
  private recordLater(ids: readonly string[], at: string): void {
    for (const id of ids) this.unrecorded.set(id, at);
  }

  private async recordUnrecorded(): Promise<void> {
    const byTime = new Map<string, string[]>();
    for (const [id, at] of this.unrecorded) byTime.set(at, [...(byTime.get(at) ?? []), id]);
    for (const [at, ids] of byTime) {
      await this.deps.store.repos.mail.markAllSent(ids, this.instanceId, at);
      for (const id of ids) this.unrecorded.delete(id);
    }
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private leaseEnd(now: Date): string {
    return new Date(now.getTime() + this.deps.leaseSeconds * 1000).toISOString();
  }
}
