/**
 * Retention: submissions (user reports and admin analyses) and their stored messages are kept
 * for a set number of days, then purged. Each batch deletes its rows, the messages nothing
 * refers to any more, and writes one audit row with the counts, all in one transaction, so
 * the audit trail always matches what is gone. With several servers on one PostgreSQL only one
 * purges at a time; the others skip that run.
 */
import { DEFAULT_RETENTION, QUARANTINE_REASONS, type RetentionDays } from '../../core/quarantine';
import type { Clock } from '../../core/time/clock';
import type { BlobReader } from '../store/blob-store';
import type { Store } from '../store/unit-of-work';

export interface RetentionDeps {
  store: Store;
  blobs: BlobReader;
  clock: Clock;
  submissionDays: number;
  /** Days each quarantine reason is kept (1–30; 30 unless configured). */
  quarantineDays?: RetentionDays;
}

export interface PurgeResult {
  /** Submissions created before this instant were purged. */
  cutoff: string;
  submissions: number;
  messages: number;
  /** Message files kept by servers before migration 004 that went too. */
  files: number;
  /** False when another server instance was purging and this one left it to them. */
  ran: boolean;
  /** Quarantined rows past retention, the stored messages and the similarity-index keys that went with them. */
  quarantine: { rows: number; messages: number; bands: number };
}

/** Rows per transaction: a long-expired backlog is purged in steps that never hold the database for long. */
const BATCH = 2000;
const DAY_MS = 86_400_000;

export class RetentionService {
  constructor(private readonly deps: RetentionDeps) {}

  async purge(actor = 'system:retention'): Promise<PurgeResult> {
    const now = this.deps.clock.now();
    const cutoff = new Date(now.getTime() - this.deps.submissionDays * DAY_MS).toISOString();
    const total: PurgeResult = { cutoff, submissions: 0, messages: 0, files: 0, ran: true, quarantine: { rows: 0, messages: 0, bands: 0 } };
    for (;;) {
      const batch = await this.deps.store.transaction(async ({ retention, audit }) => {
        if (!(await retention.claimPurge())) return undefined;
        const expired = await retention.expiredSubmissions(cutoff, BATCH);
        if (expired.length === 0) return { submissions: 0, messages: 0, unreferenced: [] as string[] };
        const submissions = await retention.deleteSubmissions(expired.map((r) => r.id));
        const hashes = expired.map((r) => r.message_sha256).filter((h): h is string => h !== null);
        const { unreferenced, deleted } = await retention.deleteUnreferencedMessages(hashes);
        await audit.append([{
          at: now.toISOString(),
          actor,
          action: 'purge',
          targetType: 'retention',
          targetId: 'submissions',
          detail: { cutoff, retentionDays: this.deps.submissionDays, submissions, messages: deleted },
        }]);
        return { submissions, messages: deleted, unreferenced };
      });
      if (batch === undefined) return { ...total, ran: false };
      // Quarantined messages go by the same schedule and the same one-instance claim.
      total.submissions += batch.submissions;
      total.messages += batch.messages;
      // Files go after their rows are committed: a crash in between leaves a file nothing reads,
      // never a row whose message is gone.
      total.files += await this.deps.blobs.removeLegacyFiles(batch.unreferenced);
      if (batch.submissions < BATCH) {
        // Clusters lose the reports that went: emptied ones go, the others are counted afresh.
        if (total.submissions > 0) await this.deps.store.transaction((unit) => unit.clusters.prune(cutoff));
        const quarantine = await this.purgeQuarantine(now, actor);
        return quarantine === undefined ? { ...total, ran: false } : { ...total, quarantine };
      }
    }
  }

  /**
   * Quarantined rows past retention (per reason), in batches, each with the stored messages
   * and band keys nothing refers to any more and one audit row of counts, in one transaction.
   * Undefined when another instance holds the purge.
   */
  private async purgeQuarantine(now: Date, actor: string): Promise<PurgeResult['quarantine'] | undefined> {
    const days = this.deps.quarantineDays ?? DEFAULT_RETENTION;
    const at = now.toISOString();
    const receivedBefore = Object.fromEntries(QUARANTINE_REASONS.map((r) => [r, new Date(now.getTime() - days[r] * DAY_MS).toISOString()]));
    const total = { rows: 0, messages: 0, bands: 0 };
    for (;;) {
      const batch = await this.deps.store.transaction(async ({ retention, quarantine, audit }) => {
        if (!(await retention.claimPurge())) return undefined;
        const expired = await quarantine.expired(at, receivedBefore, BATCH);
        if (expired.length === 0) return { rows: 0, messages: 0, bands: 0 };
        const rows = await quarantine.deleteRows(expired.map((r) => r.id));
        const hashes = expired.map((r) => r.message_sha256);
        const bands = await quarantine.deleteUnreferencedBands(hashes);
        const { deleted } = await retention.deleteUnreferencedMessages(hashes);
        const byReason: Record<string, number> = {};
        for (const r of expired) byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
        await audit.append([{ at, actor, action: 'purge', targetType: 'retention', targetId: 'quarantine', detail: { retentionDays: days, rows, byReason, messages: deleted, bands } }]);
        return { rows, messages: deleted, bands };
      });
      if (batch === undefined) return undefined;
      total.rows += batch.rows;
      total.messages += batch.messages;
      total.bands += batch.bands;
      if (batch.rows < BATCH) return total;
    }
  }
}
