/**
 * Clustering at intake, without slowing it: each user report, once committed, is put in a
 * cluster in the background (core/clusters has the rule). The reporter's answer never waits on
 * it.
 *
 * - Batched: reports told of by SubmissionsService.afterCreate queue up, and BATCH of them at a
 *   time are fingerprinted and assigned in one transaction.
 * - Off the event loop where it costs: the stored messages are read by the blob reader (the
 *   SQLite reader thread) and their text is read and hashed on the fingerprint thread; only the
 *   header decoding (tens of microseconds) and a few indexed lookups run here.
 * - Catches up after a restart: at start it walks every user report still in no cluster, oldest
 *   first (a long backlog at a quarter of full pace).
 * - Auto-resolve: a report joining a decided cluster whose auto-resolve is on is marked with the
 *   cluster's decision (and its reporter notified) by ReviewService, in the transaction that
 *   puts it in the cluster.
 */
import { randomUUID } from 'node:crypto';
import type { MarkRequest, ReviewResult } from '../../contracts/portal/review';
import { decodeHeaders } from '../../core/analysis';
import type { TrustSettings } from '../../core/analysis/trust/settings';
import {
  bandKeys,
  chooseCluster,
  clusterSenderOf,
  FINGERPRINT_VERSION,
  signatureFromBytes,
  signatureToBytes,
  type ClusterCandidate,
  type ClusterSender,
  type Fingerprint,
} from '../../core/clusters';
import type { Clock } from '../../core/time/clock';
import type { ThreadFingerprint } from '../mail/fingerprint-thread';
import type { BlobReader } from '../store/blob-store';
import type { AssignmentPlan, CandidateClusterRow, ClusterIndexReads, ClusterIndexRepo, NewCluster, UnclusteredRow } from '../store/cluster-index-repo';
import type { CursorPosition } from '../store/cursor';
import type { SubmissionRow } from '../store/submissions-repo';
import type { ClusterReviews } from './cluster-reviews';
import type { ReviewService } from './review-service';

/** Reports per batch: one transaction, one trip to the fingerprint thread. */
const BATCH = 64;
/** Candidate clusters compared per report, by band keys shared. */
const CANDIDATES = 20;
/** Reports queued by id at most; past it the queue is dropped and the catch-up walk finds them. */
const MAX_QUEUED = 100_000;
/** The longest pause between two batches of a catch-up walk. */
const CATCH_UP_MAX_PAUSE_MS = 2_000;
/** The rule named in the audit row of a report answered by auto-resolve. */
export const AUTO_RESOLVE_RULE = 'cluster.autoResolve';

export interface ClusteringDeps {
  index: ClusterIndexRepo;
  blobs: BlobReader;
  /** Fingerprints of whole messages, in order (the fingerprint thread). */
  fingerprint: (messages: ReadonlyArray<Uint8Array | undefined>) => Promise<ThreadFingerprint[]>;
  clock: Clock;
  trust: TrustSettings;
  review: ReviewService;
  reviews: ClusterReviews;
  /** Where a failed batch is reported; clustering goes on with the next one. */
  logError: (error: unknown, message: string) => void;
}

interface Prepared {
  row: UnclusteredRow;
  sender: ClusterSender;
  fingerprint: Fingerprint | undefined;
}

interface AutoResolve {
  clusterId: string;
  rows: UnclusteredRow[];
  request: MarkRequest;
}

/** A candidate as the rule sees it, and what the service needs besides. */
interface Known extends ClusterCandidate {
  messageIds: Set<string>;
  autoResolve: AutoResolve['request'] | undefined;
}

function fingerprintOf(bytes: Uint8Array | null, version: number): Fingerprint | undefined {
  if (bytes === null || version !== FINGERPRINT_VERSION) return undefined;
  const signature = signatureFromBytes(bytes);
  return signature === undefined ? undefined : { version, signature, shingles: 0 };
}

function autoResolveOf(row: CandidateClusterRow): AutoResolve['request'] | undefined {
  if (row.auto_resolve !== 1 || row.decision_result === null) return undefined;
  return { result: row.decision_result as ReviewResult, notify: row.decision_notify === 1, ...(row.decision_message ? { message: row.decision_message } : {}) };
}

export class ClusteringService {
  private readonly queued = new Set<string>();
  /** Where the catch-up walk is; undefined when it has nothing left to walk. */
  private catchUp: { after: CursorPosition | undefined } | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly waiting: Array<() => void> = [];
  /** Ends a catch-up pause early (a new report arrived, or the server stops). */
  private wake: (() => void) | undefined;

  constructor(private readonly deps: ClusteringDeps) {}

  /** Starts the catch-up walk over every report still in no cluster. */
  start(): void {
    this.catchUp = { after: undefined };
    this.kick();
  }

  /** SubmissionsService.afterCreate: never throws, never waits. */
  readonly reportCreated = (row: SubmissionRow): void => {
    if (row.source !== 'user' || this.stopped) return;
    if (this.queued.size >= MAX_QUEUED) {
      this.queued.clear();
      this.catchUp = { after: undefined };
    } else {
      this.queued.add(row.id);
    }
    this.wake?.();
    this.kick();
  };

  /** Resolves once every report told of (and the catch-up) is clustered. */
  idle(): Promise<void> {
    if (this.running === undefined && !this.hasWork()) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Stops after the batch in hand; what is left is found by the next start's catch-up. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private hasWork(): boolean {
    return !this.stopped && (this.queued.size > 0 || this.catchUp !== undefined);
  }

  private kick(): void {
    if (this.running !== undefined || !this.hasWork()) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.hasWork()) this.kick();
      else for (const resolve of this.waiting.splice(0)) resolve();
    });
  }

  private async drain(): Promise<void> {
    while (this.hasWork()) {
      const catchingUp = this.queued.size === 0;
      const started = performance.now();
      try {
        const rows = await this.nextRows();
        if (rows.length > 0) await this.cluster(rows);
      } catch (error) {
        this.deps.logError(error, 'clustering a batch of reports failed; they are tried again at the next start');
      }
      // New reports go at once. A backlog (the reports of a server that never clustered) is
      // walked at a quarter of the pace it could go, so the server's own work keeps its room.
      const pause = catchingUp && this.catchUp !== undefined ? Math.min(CATCH_UP_MAX_PAUSE_MS, 3 * (performance.now() - started)) : 0;
      if (pause > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pause);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      } else {
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }

  private async nextRows(): Promise<UnclusteredRow[]> {
    if (this.queued.size > 0) {
      const ids = [...this.queued].slice(0, BATCH);
      for (const id of ids) this.queued.delete(id);
      return this.deps.index.reads.unclusteredByIds(ids);
    }
    const walk = this.catchUp;
    if (walk === undefined) return [];
    const rows = await this.deps.index.reads.unclustered(walk.after, BATCH);
    const last = rows[rows.length - 1];
    if (rows.length < BATCH || last === undefined) this.catchUp = undefined;
    else walk.after = { t: last.created_date_time, id: last.id };
    return rows;
  }

  /** Fingerprints, senders, then one transaction deciding and writing the batch. */
  private async cluster(rows: readonly UnclusteredRow[]): Promise<void> {
    const prepared = await this.prepare(rows);
    const autoResolves = await this.deps.index.batch((reads) => this.assign(reads, prepared));
    for (const job of autoResolves) await this.autoResolve(job);
  }

  private async prepare(rows: readonly UnclusteredRow[]): Promise<Prepared[]> {
    const bytes = await Promise.all(rows.map((r) => (r.message_sha256 === null ? undefined : this.deps.blobs.get(r.message_sha256).catch(() => undefined))));
    let fingerprints: ThreadFingerprint[];
    try {
      fingerprints = await this.deps.fingerprint(bytes);
    } catch (error) {
      // Without fingerprints reports still cluster by Message-ID (or start clusters of their own).
      this.deps.logError(error, 'the fingerprint thread failed; this batch is clustered by Message-ID only');
      fingerprints = rows.map(() => ({ signature: undefined, shingles: 0 }));
    }
    return rows.map((row, i) => {
      const result = fingerprints[i];
      const signature = result?.signature === undefined ? undefined : signatureFromBytes(result.signature);
      return {
        row,
        sender: clusterSenderOf(decodeHeaders(row.headers_raw, { trust: this.deps.trust }), row.sender),
        fingerprint: signature === undefined ? undefined : { version: FINGERPRINT_VERSION, signature, shingles: result?.shingles ?? 0 },
      };
    });
  }

  /** The cluster rule over one batch: which join which cluster, and which start one. */
  private async assign(reads: ClusterIndexReads, prepared: readonly Prepared[]): Promise<{ plan: AssignmentPlan; value: AutoResolve[] }> {
    // Read again in the batch's transaction: another server may have clustered some meanwhile.
    const free = new Set((await reads.unclusteredByIds(prepared.map((p) => p.row.id))).map((r) => r.id));
    const batch = prepared.filter((p) => free.has(p.row.id));
    const keys = new Map(batch.map((p) => [p.row.id, p.fingerprint === undefined ? [] : bandKeys(p.fingerprint.signature, p.sender.key)]));
    const byMessage = await reads.clustersOfMessages(batch.map((p) => p.row.internet_message_id));
    const nearby = new Map<string, string[]>();
    for (const p of batch) nearby.set(p.row.id, await reads.clustersByBands(keys.get(p.row.id) ?? [], CANDIDATES));
    const known = new Map<string, Known>();
    for (const row of await reads.clusters([...byMessage.map((m) => m.cluster_id), ...[...nearby.values()].flat()])) {
      known.set(row.id, { id: row.id, senderKey: row.sender_key, fingerprint: fingerprintOf(row.signature, row.fingerprint_version), sameMessage: false, messageIds: new Set(), autoResolve: autoResolveOf(row) });
    }
    for (const { internet_message_id, cluster_id } of byMessage) known.get(cluster_id)?.messageIds.add(internet_message_id);

    const now = this.deps.clock.now().toISOString();
    const started: Known[] = [];
    const clusters: NewCluster[] = [];
    const assignments: Array<{ row: UnclusteredRow; clusterId: string }> = [];
    const autoResolves = new Map<string, AutoResolve>();
    for (const p of batch) {
      const messageId = p.row.internet_message_id;
      const ids = new Set(nearby.get(p.row.id) ?? []);
      for (const k of known.values()) if (k.messageIds.has(messageId)) ids.add(k.id);
      const candidates = [...ids]
        .map((id) => known.get(id))
        .filter((c): c is Known => c !== undefined)
        .concat(started.filter((c) => c.senderKey === p.sender.key))
        .map((c) => ({ ...c, sameMessage: c.messageIds.has(messageId) }));
      const choice = chooseCluster({ senderKey: p.sender.key, fingerprint: p.fingerprint }, candidates);
      const joined = choice === undefined ? undefined : candidates.find((c) => c.id === choice.id);
      if (joined !== undefined) {
        // The Known itself, so later reports of this batch see this one's Message-ID in it.
        (known.get(joined.id) ?? started.find((c) => c.id === joined.id))?.messageIds.add(messageId);
        if (joined.autoResolve !== undefined) {
          const job = autoResolves.get(joined.id) ?? { clusterId: joined.id, rows: [], request: joined.autoResolve };
          job.rows.push(p.row);
          autoResolves.set(joined.id, job);
        } else {
          assignments.push({ row: p.row, clusterId: joined.id });
        }
        continue;
      }
      const id = randomUUID();
      started.push({ id, senderKey: p.sender.key, fingerprint: p.fingerprint, sameMessage: false, messageIds: new Set([messageId]), autoResolve: undefined });
      clusters.push({ row: this.newCluster(id, p, now), bandKeys: keys.get(p.row.id) ?? [] });
      assignments.push({ row: p.row, clusterId: id });
    }
    return { plan: { clusters, assignments }, value: [...autoResolves.values()] };
  }

  private newCluster(id: string, p: Prepared, now: string): NewCluster['row'] {
    return {
      id,
      sender_key: p.sender.key,
      sender_domain: p.sender.domain,
      sender_basis: p.sender.basis,
      representative_id: p.row.id,
      subject: p.row.subject,
      signature: p.fingerprint === undefined ? null : signatureToBytes(p.fingerprint.signature),
      fingerprint_version: FINGERPRINT_VERSION,
      report_count: 0,
      reporter_count: 0,
      recipient_count: 0,
      open_count: 0,
      not_junk_count: 0,
      spam_count: 0,
      phishing_count: 0,
      malware_count: 0,
      first_seen_date_time: p.row.created_date_time,
      last_seen_date_time: p.row.created_date_time,
      status: 'open',
      decision_result: null,
      decision_message: null,
      decision_notify: 1,
      decided_date_time: null,
      decided_by: null,
      auto_resolve: 0,
      created_date_time: now,
    };
  }

  /**
   * New reports of a decided cluster with auto-resolve on: marked with its decision, notified,
   * audited (naming the rule and the cluster) and put in the cluster, in one transaction. If
   * that fails they join the cluster unanswered, for an admin to mark.
   */
  private async autoResolve(job: AutoResolve): Promise<void> {
    const ids = job.rows.map((r) => r.id);
    try {
      await this.deps.reviews.within({ kind: 'autoResolve', clusterId: job.clusterId, ids }, () =>
        this.deps.review.review({ kind: 'autoResolve', clusterId: job.clusterId, rule: AUTO_RESOLVE_RULE }, ids, job.request),
      );
    } catch (error) {
      this.deps.logError(error, `auto-resolving ${ids.length} reports of cluster ${job.clusterId} failed; they join it unanswered`);
      await this.deps.index.batch(async (reads) => {
        const free = new Set((await reads.unclusteredByIds(ids)).map((r) => r.id));
        return { plan: { clusters: [], assignments: job.rows.filter((r) => free.has(r.id)).map((row) => ({ row, clusterId: job.clusterId })) }, value: undefined };
      });
    }
  }
}
