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

const STOPPED_WHILE_SENDING = 'the server sending it stopped before the relay confirmed it; whether the relay took it is unknown, so it is not sent again unless an admin resends it';
const STOPPED_WHILE_WRITING = 'the server writing it stopped before it was recorded as written; it is written again';

export class MailSenderService {
  /** This process, as lease owner: host, process and a random part (a restarted process is a new owner). */
  readonly instanceId = `${hostname().slice(0, 60)}/${process.pid}/${randomUUID().slice(0, 8)}`;
  private running: Promise<SendRun> | undefined;
  private halted = false;
  /** Mails sent whose `sent` could not be recorded yet (the database was away): recorded first next run. */
  private readonly unrecorded = new Map<string, string>();

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
    while (!this.halted) {
      const now = this.deps.clock.now();
      const mail = await this.deps.store.transaction((unit) => unit.mail.claimNext(this.instanceId, now.toISOString(), this.leaseEnd(now)));
      if (!mail) break;
      result[await this.send(mail)].push(mail.id);
    }
    return result;
  }

  private async send(mail: MailRow): Promise<Outcome> {
    const repo = this.deps.store.repos.mail;
    const renewal = setInterval(() => {
      repo.renewLease(mail.id, this.instanceId, this.leaseEnd(this.deps.clock.now())).catch(() => undefined);
    }, Math.max(500, (this.deps.leaseSeconds * 1000) / 3));
    renewal.unref();
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
    } finally {
      clearInterval(renewal);
    }
    if (!failure) return this.recordSent(mail.id);
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
    const original = await this.deps.blobs?.get(sha256);
    if (original === undefined) throw new DeliveryError(`the stored message ${sha256} is gone`, 'refused');
    return releasedCopy(headerLine, original);
  }

  /** Records a mail as sent; when the database does not answer, keeps it to record next run. */
  private async recordSent(id: string): Promise<Outcome> {
    const at = this.now();
    try {
      await this.deps.store.repos.mail.markSent(id, this.instanceId, at);
    } catch {
      this.unrecorded.set(id, at);
    }
    return 'sent';
  }

  private async recordUnrecorded(): Promise<void> {
    for (const [id, at] of [...this.unrecorded]) {
      await this.deps.store.repos.mail.markSent(id, this.instanceId, at);
      this.unrecorded.delete(id);
    }
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private leaseEnd(now: Date): string {
    return new Date(now.getTime() + this.deps.leaseSeconds * 1000).toISOString();
  }
}
