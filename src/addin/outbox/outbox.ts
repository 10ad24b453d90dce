/**
 * The durable outbox. Every report is written to storage with its idempotency key BEFORE the
 * first send, and removed only after the server answers 2xx. A report the server cannot take
 * right now stays pending and is retried with backoff; one it refuses for good is marked
 * failed with the server's refusal (status and code), so the pane can say why in the user's
 * language.
 *
 * The clock, the key generator, the random source of the backoff's jitter, the storage and the
 * sender are injected: tests drive time by hand, seed the jitter, and "reload" by building a
 * new Outbox over the same storage.
 */
import type { CreateSubmission } from '../../contracts/submissions';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy, type RandomSource } from './backoff';
import { newIdempotencyKey } from './keys';
import { DEFAULT_STORAGE_KEY, OutboxStore, UNREADABLE_PAYLOAD } from './store';
import type {
  FlushSummary,
  KeyValueStorage,
  OutboxEntry,
  SendResult,
  Sender,
  SubmitOutcome,
} from './types';

export interface OutboxOptions {
  storage: KeyValueStorage;
  send: Sender;
  /** Epoch milliseconds. */
  now: () => number;
  /** Makes idempotency keys; random v4 UUIDs (crypto.randomUUID) by default. */
  newKey?: () => string;
  backoff?: BackoffPolicy;
  /** Draws the backoff's jitter (see backoff.ts); uniform in [0, 1), Math.random by default. */
  random?: RandomSource;
  storageKey?: string;
}

export interface SubmitOptions {
  /**
   * A smaller stand-in to store when the full report does not fit in storage (typically the
   * header block instead of a large EML). The first send always uses the full report.
   */
  fallback?: CreateSubmission;
}

export interface FlushOptions {
  /** Only entries whose backoff has elapsed (the retry timer); otherwise every pending one. */
  dueOnly?: boolean;
}

export { UNREADABLE_PAYLOAD };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Outbox {
  private readonly store: OutboxStore;
  private readonly sendReport: Sender;
  private readonly now: () => number;
  private readonly newKey: () => string;
  private readonly backoff: BackoffPolicy;
  private readonly random: RandomSource;
  /** Serialises read-modify-write of the index within this runtime. */
  private indexLock: Promise<unknown> = Promise.resolve();
  /** Serialises flushes, so two triggers never send the same entry at once. */
  private flushLock: Promise<unknown> = Promise.resolve();
  /** Keys being sent right now (by submit or flush). */
  private readonly inFlight = new Set<string>();

  constructor(options: OutboxOptions) {
    this.store = new OutboxStore(options.storage, options.storageKey ?? DEFAULT_STORAGE_KEY);
    this.sendReport = options.send;
    this.now = options.now;
    this.newKey = options.newKey ?? (() => newIdempotencyKey());
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
  }

  /** Stores the report, then sends it once. Never throws for network or server trouble. */
  async submit(submission: CreateSubmission, options: SubmitOptions = {}): Promise<SubmitOutcome> {
    const key = this.newKey();
    const now = this.now();
    const entry: OutboxEntry = {
      key,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      state: 'pending',
      lastError: null,
      refusal: null,
      degraded: false,
      summary: {
        category: submission.category,
        internetMessageId: submission.internetMessageId,
        sender: submission.sender,
        subject: submission.subject,
      },
    };
    this.inFlight.add(key);
    try {
      const stored = await this.persistNew(entry, submission, options.fallback);
      const result = await this.trySend(submission, key);
      return await this.record(key, result, stored);
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Sends what is waiting, oldest first. Stops at the first "try later" to spare a down server. */
  flush(options: FlushOptions = {}): Promise<FlushSummary> {
    const run = this.flushLock.then(() => this.flushNow(options.dueOnly ?? false));
    this.flushLock = run.catch(() => undefined);
    return run;
  }

  /** Everything in the outbox, pending and failed, oldest first. */
  async entries(): Promise<OutboxEntry[]> {
    const entries = await this.store.readIndex();
    return [...entries].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** When the retry timer should next run a flush, or null when nothing is pending. */
  async nextDueAt(): Promise<number | null> {
    const pending = (await this.store.readIndex()).filter((entry) => entry.state === 'pending');
    if (pending.length === 0) return null;
    return Math.min(...pending.map((entry) => entry.nextAttemptAt));
  }

  /** Forgets an entry (the user has read why it failed). */
  async dismiss(key: string): Promise<void> {
    await this.updateIndex((entries) => entries.filter((entry) => entry.key !== key));
    await this.store.removePayload(key);
  }

  private async flushNow(dueOnly: boolean): Promise<FlushSummary> {
    const summary: FlushSummary = { sent: [], rejected: [], pending: 0 };
    const now = this.now();
    const candidates = (await this.entries()).filter(
      (entry) =>
        entry.state === 'pending' &&
        !this.inFlight.has(entry.key) &&
        (!dueOnly || entry.nextAttemptAt <= now),
    );
    for (const [index, candidate] of candidates.entries()) {
      if (this.inFlight.has(candidate.key)) continue;
      this.inFlight.add(candidate.key);
      try {
        const payload = await this.store.readPayload(candidate.key);
        if (payload === null) {
          await this.markUnreadable(candidate.key);
          continue;
        }
        const outcome = await this.record(candidate.key, await this.trySend(payload, candidate.key), true);
        if (outcome.kind === 'sent') summary.sent.push(outcome);
        if (outcome.kind === 'rejected') summary.rejected.push(outcome);
        if (outcome.kind === 'queued') {
          await this.holdBack(candidates.slice(index + 1).map((entry) => entry.key), candidate.key);
          break;
        }
      } finally {
        this.inFlight.delete(candidate.key);
      }
    }
    summary.pending = (await this.store.readIndex()).filter((e) => e.state === 'pending').length;
    return summary;
  }

  private async trySend(submission: CreateSubmission, key: string): Promise<SendResult> {
    try {
      return await this.sendReport(submission, key);
    } catch (error) {
      // A sender should classify its own failures; anything it lets slip is treated as transient.
      return { kind: 'retry', reason: describe(error) };
    }
  }

  /** Writes the payload (or its fallback), then the index entry. True when both are stored. */
  private async persistNew(
    entry: OutboxEntry,
    submission: CreateSubmission,
    fallback: CreateSubmission | undefined,
  ): Promise<boolean> {
    let degraded = false;
    try {
      await this.store.writePayload(entry.key, submission);
    } catch {
      if (!fallback) return false;
      try {
        await this.store.writePayload(entry.key, fallback);
        degraded = true;
      } catch {
        return false;
      }
    }
    try {
      await this.updateIndex((entries) => [...entries, { ...entry, degraded }]);
      return true;
    } catch {
      await this.store.removePayload(entry.key).catch(() => undefined);
      return false;
    }
  }

  /** Applies a send result to storage and says what happened. */
  private async record(key: string, result: SendResult, stored: boolean): Promise<SubmitOutcome> {
    if (result.kind === 'accepted') {
      await this.forget(key);
      return { kind: 'sent', key, submission: result.submission, created: result.created };
    }
    if (result.kind === 'rejected') {
      await this.updateEntry(key, (entry) => ({
        ...entry,
        attempts: entry.attempts + 1,
        state: 'failed',
        lastError: result.message,
        refusal: result.refusal,
      })).catch(() => undefined);
      // A refused report is never sent again, so its payload only takes up quota.
      await this.store.removePayload(key).catch(() => undefined);
      return { kind: 'rejected', key, refusal: result.refusal, message: result.message };
    }
    if (!stored) return { kind: 'unsaved', key, reason: result.reason };
    const now = this.now();
    await this.updateEntry(key, (entry) => ({
      ...entry,
      attempts: entry.attempts + 1,
      // Jittered backoff; never sooner than the server's Retry-After.
      nextAttemptAt: now + retryDelay(entry.attempts + 1, result.retryAfterMs, this.backoff, this.random),
      lastError: result.reason,
    })).catch(() => undefined);
    return { kind: 'queued', key, reason: result.reason };
  }

  /** After a "try later", the entries behind it wait at least as long as it does. */
  private async holdBack(keys: string[], behind: string): Promise<void> {
    if (keys.length === 0) return;
    const waiting = new Set(keys);
    await this.updateIndex((entries) => {
      const until = entries.find((entry) => entry.key === behind)?.nextAttemptAt ?? this.now();
      return entries.map((entry) =>
        waiting.has(entry.key) && entry.state === 'pending'
          ? { ...entry, nextAttemptAt: Math.max(entry.nextAttemptAt, until) }
          : entry,
      );
    }).catch(() => undefined);
  }

  private async markUnreadable(key: string): Promise<void> {
    await this.updateEntry(key, (entry) => ({
      ...entry,
      state: 'failed',
      lastError: UNREADABLE_PAYLOAD,
      refusal: null,
    })).catch(() => undefined);
  }

  private async forget(key: string): Promise<void> {
    // Index first: a crash between the two leaves an orphan payload, never a ghost entry.
    // Storage trouble here is harmless: a resend with the same key returns the same submission.
    await this.updateIndex((entries) => entries.filter((entry) => entry.key !== key)).catch(
      () => undefined,
    );
    await this.store.removePayload(key).catch(() => undefined);
  }

  private updateEntry(key: string, change: (entry: OutboxEntry) => OutboxEntry): Promise<void> {
    return this.updateIndex((entries) =>
      entries.map((entry) => (entry.key === key ? change(entry) : entry)),
    );
  }

  /** Read-modify-write of the index, re-read every time so another runtime's writes are kept. */
  private updateIndex(change: (entries: OutboxEntry[]) => OutboxEntry[]): Promise<void> {
    const run = this.indexLock.then(async () => {
      const entries = await this.store.readIndex();
      await this.store.writeIndex(change(entries));
    });
    this.indexLock = run.catch(() => undefined);
    return run;
  }
}
