/**
 * Admins' bulk actions on the quarantine:
 *
 * - Bulk release of similar messages: the members are the not-yet-released rows (every
 *   recipient) of messages similar to one quarantined message by sender, sender domain, subject
 *   (exact, case-folded) or content fingerprint (the MinHash fingerprint clusters use, found
 *   through the LSH band keys, then compared). Each member is flagged with its risks; risky
 *   members are left out unless included one by one. The dry run answers the exact set, with
 *   no cap. Otherwise a job is stored with one row per selected member and run in the
 *   background (runOnce, from the poll loop): one instance at a time, by a lease renewed in
 *   every batch's transaction; each member is released, its delivery queued and its state set
 *   in one transaction, so a job resumed elsewhere after a crash never queues a member twice.
 * - Release + submit + allow: the analyzer's verdict stored as an admin submission (and with
 *   the message), an allow entry for the sender's address or domain, and the release of the
 *   message to every recipient; its dry run answers which other quarantined messages the allow
 *   entry would let through.
 * - Submit for analysis: the verdict stored with the message (GET /api/quarantine/{id}).
 *
 * Risks: `authenticationFailed` (DMARC, or compauth, failed at the organisation's boundary;
 * without either, SPF failed and no DKIM signature passed), `malware` and
 * `highConfidencePhishing` (the quarantine reason, or a stored analysis verdict of malware),
 * `wideRecipients` (the message was quarantined for more than WIDE_RECIPIENTS recipients).
 */
import { randomUUID } from 'node:crypto';
import type {
  BulkReleaseJob, BulkReleaseJobList, BulkReleaseMember, BulkReleasePreview, BulkReleaseRequest, BulkRisk, ReleaseSubmitAllowRequest, ReleaseSubmitAllowResult, SimilarityKind,
} from '../../contracts/quarantine-bulk';
import type { QuarantineAnalysis, QuarantineReason, ReleaseStatus } from '../../contracts/quarantine';
import { decodeHeaders } from '../../core/analysis';
import type { DecodedFacts } from '../../core/analysis/types';
import type { TrustSettings } from '../../core/analysis/trust/settings';
import { agreement, bandKeys, SIMILARITY_THRESHOLD, signatureFromBytes } from '../../core/clusters';
import { buildTenantIndex, findMatch } from '../../core/lists';
import { canAdminister, type Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import { headerBlockOf } from '../mail/header-block';
import type { AuditRecord } from '../store/audit-repo';
import type { BlobReader } from '../store/blob-store';
import type { BulkReleaseJobRow } from '../store/bulk-release-repo';
import type { QuarantineListRow, QuarantineRow } from '../store/quarantine-repo';
import type { Store, UnitOfWork } from '../store/unit-of-work';
import type { AllowBlockService } from './allow-block-service';
import type { AnalysisService } from './analysis-service';
import { badRequest, forbidden, notFound } from './errors';
import { releaseInUnit } from './quarantine-release';
import type { PolicySource } from './settings-service';

/** A message quarantined for more recipients than this is flagged `wideRecipients`. */
export const WIDE_RECIPIENTS = 20;
/** The band keys' scope of quarantined content (as intake stores them). */
const BAND_SCOPE = 'quarantine';
/** More candidates than any quarantine holds: the set is exact, never capped. */
const ALL_CANDIDATES = 10_000_000;
const TARGET = 'quarantinedMessage';
const JOB_TARGET = 'bulkReleaseJob';
const RELEASABLE: readonly ReleaseStatus[] = ['notReleased', 'requested', 'denied'];

export interface QuarantineBulkDeps {
  store: Store;
  clock: Clock;
  blobs: BlobReader;
  policy: PolicySource;
  trust: TrustSettings;
  analysis: AnalysisService;
  entries: AllowBlockService;
  /** How long a job's lease lasts unless renewed (every batch renews it). Default 30 s. */
  leaseSeconds?: number;
  /** Members released per transaction. Default 200. */
  batchSize?: number;
}

export interface RunOptions {
  maxBatches?: number;
  batchSize?: number;
  owner?: string;
}

export interface BulkRunResult {
  jobId: string;
  released: number;
  failed: number;
  /** done: finished; lost: another instance holds the lease now; paused: stopped (halt or maxBatches) with the lease kept. */
  outcome: 'done' | 'lost' | 'paused';
}

/** DMARC (or Microsoft's compauth) failed at the boundary; without either, SPF failed and no DKIM passed. */
export function authenticationFailed(facts: DecodedFacts): boolean {
  const result = (r: { result: string } | undefined) => r?.result.toLowerCase();
  const dmarc = result(facts.auth.dmarc);
  const compauth = result(facts.auth.compauth);
  if (dmarc === 'fail' || dmarc === 'permerror' || compauth === 'fail') return true;
  if (dmarc !== undefined || compauth !== undefined) return false;
  return result(facts.auth.spf) === 'fail' && !facts.auth.dkim.some((d) => d.result.toLowerCase() === 'pass');
}

function fold(subject: string): string {
  return subject.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function subjectOf(job: BulkReleaseJobRow): { actorSubject?: string } {
  return job.created_by_subject === null ? {} : { actorSubject: job.created_by_subject };
}

function jobOf(row: BulkReleaseJobRow): BulkReleaseJob {
  return {
    id: row.id, state: row.state as BulkReleaseJob['state'], total: row.total, released: row.released, failed: row.failed,
    createdBy: row.created_by, createdDateTime: row.created_date_time, finishedDateTime: row.finished_date_time,
  };
}

export class QuarantineBulkService {
  /** This instance's name in leases. */
  readonly owner = randomUUID();
  private halted = false;
  private running: Promise<unknown> | undefined;

  constructor(private readonly deps: QuarantineBulkDeps) {}

  // ---- bulk release ----

  /** The dry run's answer (also what a job is made from). */
  async preview(body: BulkReleaseRequest): Promise<BulkReleasePreview> {
    const base = await this.anyRow(body.similarTo);
    const rows = await this.similar(base, body.by);
    const risks = await this.risksOf(rows);
    const include = new Set(body.include ?? []);
    const exclude = new Set(body.exclude ?? []);
    const members: BulkReleaseMember[] = rows.map((r) => {
      const memberRisks = risks.get(r.message_sha256) ?? [];
      return {
        id: r.id, recipient: r.recipient, sender: r.sender, subject: r.subject, receivedDateTime: r.received_date_time, reason: r.reason as QuarantineReason,
        releaseStatus: r.release_status as ReleaseStatus, risks: memberRisks,
        selected: !exclude.has(r.id) && (memberRisks.length === 0 || include.has(r.id)),
      };
    });
    return {
      by: body.by, similarTo: body.similarTo, total: members.length,
      selectedCount: members.filter((m) => m.selected).length, riskyCount: members.filter((m) => m.risks.length > 0).length, members,
    };
  }

  /** A job releasing the preview's selected members, queued for the background loop. */
  async start(principal: Principal, body: BulkReleaseRequest): Promise<BulkReleaseJob> {
    const preview = await this.preview(body);
    const selected = preview.members.filter((m) => m.selected).map((m) => m.id);
    if (selected.length === 0) throw badRequest('nothing_selected', 'no member of the set is selected: include risky members one by one, or exclude fewer');
    const now = this.deps.clock.now().toISOString();
    const row: BulkReleaseJobRow = {
      id: randomUUID(), state: 'queued', similar_to: body.similarTo, by_kind: body.by, total: selected.length, released: 0, failed: 0,
      created_by: principal.email, created_by_subject: principal.id, created_date_time: now, finished_date_time: null, lease_owner: null, lease_expires: null,
    };
    await this.deps.store.transaction(async (unit) => {
      await unit.bulkRelease.insertJob(row, selected);
      await unit.audit.append([{
        at: now, actor: principal.email, actorSubject: principal.id, action: 'quarantine.bulkReleaseStarted', targetType: JOB_TARGET, targetId: row.id,
        detail: { similarTo: body.similarTo, by: body.by, total: preview.total, selected: selected.length, included: body.include ?? [], excluded: body.exclude ?? [] },
      }]);
    });
    return jobOf(row);
  }

  async job(id: string): Promise<BulkReleaseJob> {
    const row = await this.deps.store.repos.bulkRelease.job(id);
    if (row === undefined) throw notFound('the bulk release job');
    return jobOf(row);
  }

  async jobs(): Promise<BulkReleaseJobList> {
    return { items: (await this.deps.store.repos.bulkRelease.jobs(200)).map(jobOf) };
  }

  /**
   * Claims one job whose lease is free and releases its pending members, a batch per
   * transaction, until it is done, another instance took it, or this one is halted.
   * For tests: `maxBatches` stops after that many batches keeping the lease, as a crash would;
   * `batchSize` overrides the batch size; `owner` acts as another instance.
   */
  async runOnce(options: RunOptions = {}): Promise<BulkRunResult | undefined> {
    if (this.halted) return undefined;
    const work = this.run(options);
    this.running = work;
    try {
      return await work;
    } finally {
      this.running = undefined;
    }
  }

  /** Stops taking batches; resolves once the batch under way has committed. */
  async halt(): Promise<void> {
    this.halted = true;
    await this.running?.catch(() => undefined);
  }

  private leaseUntil(now: Date): string {
    return new Date(now.getTime() + (this.deps.leaseSeconds ?? 30) * 1000).toISOString();
  }

  private async run(options: RunOptions): Promise<BulkRunResult | undefined> {
    const owner = options.owner ?? this.owner;
    const now = this.deps.clock.now();
    const job = await this.deps.store.repos.bulkRelease.claim(owner, now.toISOString(), this.leaseUntil(now));
    if (job === undefined) return undefined;
    const result: BulkRunResult = { jobId: job.id, released: 0, failed: 0, outcome: 'paused' };
    for (let batches = 0; !this.halted && (options.maxBatches === undefined || batches < options.maxBatches); batches++) {
      // Read before the transaction: with the embedded SQLite the transaction holds the one
      // writing connection, and the settings read (when its cache has expired) would wait on it
      // for ever. The same rule as the notice templates (review-service).
      const { noticeSender } = await this.deps.policy.current();
      const step = await this.deps.store.transaction((unit) => this.batch(unit, job, owner, options.batchSize ?? this.deps.batchSize ?? 200, noticeSender));
      result.released += step.released;
      result.failed += step.failed;
      if (step.outcome !== 'more') {
        result.outcome = step.outcome;
        break;
      }
    }
    return result;
  }

  /** One batch in one transaction: the lease renewed (or found lost), members released with their deliveries queued and marked done. */
  private async batch(unit: UnitOfWork, job: BulkReleaseJobRow, owner: string, batchSize: number, noticeSender: string): Promise<{ outcome: 'more' | 'done' | 'lost'; released: number; failed: number }> {
    const nowDate = this.deps.clock.now();
    const now = nowDate.toISOString();
    if (!(await unit.bulkRelease.renew(job.id, owner, this.leaseUntil(nowDate)))) return { outcome: 'lost', released: 0, failed: 0 };
    const ids = await unit.bulkRelease.pendingMembers(job.id, batchSize);
    if (ids.length === 0) {
      await unit.bulkRelease.finish(job.id, owner, 'done', now);
      const finished = await unit.bulkRelease.job(job.id);
      await unit.audit.append([{
        at: now, actor: job.created_by, ...subjectOf(job), action: 'quarantine.bulkReleaseFinished', targetType: JOB_TARGET, targetId: job.id,
        detail: { total: finished?.total ?? job.total, released: finished?.released ?? 0, failed: finished?.failed ?? 0 },
      }]);
      return { outcome: 'done', released: 0, failed: 0 };
    }
    const rows = await unit.bulkRelease.rowsByIds(ids);
    let released = 0;
    let failed = 0;
    const audit: AuditRecord[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      if (row === undefined) {
        if (await unit.bulkRelease.markMember(job.id, id, 'failed', null, 'the quarantined message is gone')) failed++;
        continue;
      }
      const mailId = await releaseInUnit(unit, row, job.created_by, RELEASABLE, now, noticeSender);
      if (mailId === undefined) {
        // Released meanwhile (by an admin, the recipient, or another job): it is released, once, and not by this job.
        if (await unit.bulkRelease.markMember(job.id, id, 'released', null, 'already released')) released++;
        continue;
      }
      await unit.bulkRelease.markMember(job.id, id, 'released', mailId, null);
      released++;
      audit.push({
        at: now, actor: job.created_by, ...subjectOf(job), action: 'quarantine.released', targetType: TARGET, targetId: row.id,
        detail: { by: 'bulkRelease', jobId: job.id, recipient: row.recipient, mailId },
      });
    }
    await unit.bulkRelease.addCounts(job.id, released, failed);
    await unit.audit.append(audit);
    return { outcome: 'more', released, failed };
  }

  /** The not-yet-released rows similar to `base` in the way asked, `base`'s own included. */
  private async similar(base: QuarantineRow, by: SimilarityKind): Promise<QuarantineListRow[]> {
    const repo = this.deps.store.repos.bulkRelease;
    switch (by) {
      case 'sender':
        if (base.sender === '') throw badRequest('no_sender', 'the message names no sender that can be read');
        return repo.notReleasedWhere('sender', base.sender);
      case 'senderDomain':
        if (base.sender_domain === '') throw badRequest('no_sender', 'the message names no sender domain that can be read');
        return repo.notReleasedWhere('sender_domain', base.sender_domain);
      case 'subject': {
        const subject = fold(base.subject);
        return (await repo.notReleasedWhere('subject_folded', base.subject_folded)).filter((r) => fold(r.subject) === subject);
      }
      case 'fingerprint': {
        const signature = base.fingerprint === null ? undefined : signatureFromBytes(base.fingerprint);
        if (signature === undefined) throw badRequest('no_fingerprint', 'the message has no content fingerprint (it has no text to compare)');
        const candidates = await this.deps.store.repos.quarantine.messagesSharingBands(bandKeys(signature, BAND_SCOPE), ALL_CANDIDATES);
        const fingerprints = await repo.fingerprints(candidates);
        const similar = [base.message_sha256, ...candidates.filter((sha) => {
          const other = fingerprints.get(sha);
          const theirs = other === undefined ? undefined : signatureFromBytes(other);
          return theirs !== undefined && agreement(signature, theirs) >= SIMILARITY_THRESHOLD;
        })];
        return repo.notReleasedOfMessages(similar);
      }
    }
  }

  /** Each stored message's risks. */
  private async risksOf(rows: readonly QuarantineListRow[]): Promise<Map<string, BulkRisk[]>> {
    const byMessage = new Map<string, QuarantineListRow>();
    for (const r of rows) if (!byMessage.has(r.message_sha256)) byMessage.set(r.message_sha256, r);
    const hashes = [...byMessage.keys()];
    const counts = await this.deps.store.repos.bulkRelease.recipientCounts(hashes);
    const analyses = await this.deps.store.repos.bulkRelease.analyses(hashes);
    const risks = new Map<string, BulkRisk[]>();
    for (const [sha, row] of byMessage) {
      const found: BulkRisk[] = [];
      const bytes = await this.deps.blobs.get(sha);
      if (bytes !== undefined && authenticationFailed(decodeHeaders(headerBlockOf(bytes), { trust: this.deps.trust }))) found.push('authenticationFailed');
      if (row.reason === 'malware' || analyses.get(sha)?.category === 'malware') found.push('malware');
      if (row.reason === 'highConfidencePhishing') found.push('highConfidencePhishing');
      if ((counts.get(sha) ?? 0) > WIDE_RECIPIENTS) found.push('wideRecipients');
      risks.set(sha, found);
    }
    return risks;
  }

  // ---- analysis, and release + submit + allow ----

  /** Submits the quarantined message for analysis: an admin submission holds the verdict, stored with the message. */
  async analyze(principal: Principal, id: string): Promise<QuarantineAnalysis> {
    const row = await this.anyRow(id);
    if (!canAdminister(principal)) throw forbidden('submitting for analysis needs the SecurityAdministrator role');
    const bytes = await this.deps.blobs.get(row.message_sha256);
    if (bytes === undefined) throw notFound('the quarantined message');
    const submission = await this.deps.analysis.analyzeUpload(principal, bytes, 'en-US');
    const category = String((submission.result as { category?: unknown } | null)?.category ?? 'undetermined');
    const now = this.deps.clock.now().toISOString();
    await this.deps.store.transaction(async (unit) => {
      await unit.bulkRelease.saveAnalysis({ message_sha256: row.message_sha256, submission_id: submission.id, category, analyzed_by: principal.email, analyzed_date_time: now });
      await unit.audit.append([{ at: now, actor: principal.email, actorSubject: principal.id, action: 'quarantine.analyzed', targetType: TARGET, targetId: row.id, detail: { submissionId: submission.id, category } }]);
    });
    return { submissionId: submission.id, category, analyzedBy: principal.email, analyzedDateTime: now };
  }

  async releaseSubmitAllow(principal: Principal, id: string, body: ReleaseSubmitAllowRequest): Promise<ReleaseSubmitAllowResult> {
    const row = await this.anyRow(id);
    const value = body.allow.scope === 'address' ? row.sender : row.sender_domain;
    if (value === '') throw badRequest('no_sender', 'the message names no sender that can be read: there is nothing to allow');
    const alsoLetThrough = await this.alsoLetThrough(row, value, body.allow.scope, body.allow.expiration);
    if (body.dryRun) return { alsoLetThrough, submissionId: null, allowEntryId: null, released: false };
    if (!canAdminister(principal)) throw forbidden('release + submit + allow creates an admin submission and an allow entry: it needs the SecurityAdministrator role');
    const draft = { value, action: 'allow' as const, expiration: body.allow.expiration, ...(body.allow.note === undefined ? {} : { note: body.allow.note }) };
    // An entry that would be refused (a duplicate, a bad expiry, the limit) stops the action here, before anything is written.
    await this.deps.entries.check(principal, draft);
    // The verdict next: it calls the analyzer, so it cannot sit in a transaction, and it stands on its own
    // (an admin submission with its verdict, as "Submit for analysis" makes) should the rest be refused.
    const analysis = await this.analyze(principal, id);
    const nowDate = this.deps.clock.now();
    const now = nowDate.toISOString();
    const { noticeSender, acceptedDomains } = await this.deps.policy.current();
    // The entry and the release in one transaction: both happen, or neither.
    const { released, entry } = await this.deps.store.transaction(async (unit) => {
      const entry = await this.deps.entries.createIn(unit, principal, { ...draft, submissionId: analysis.submissionId }, nowDate, acceptedDomains);
      const audit: AuditRecord[] = [];
      let any = false;
      for (const r of await unit.quarantine.ofMessage(row.message_sha256)) {
        const mailId = await releaseInUnit(unit, r, principal.email, RELEASABLE, now, noticeSender);
        if (mailId === undefined) continue;
        any = true;
        audit.push({ at: now, actor: principal.email, actorSubject: principal.id, action: 'quarantine.released', targetType: TARGET, targetId: r.id, detail: { by: 'releaseSubmitAllow', recipient: r.recipient, mailId } });
      }
      audit.push({
        at: now, actor: principal.email, actorSubject: principal.id, action: 'quarantine.releaseSubmitAllow', targetType: TARGET, targetId: row.id,
        detail: { submissionId: analysis.submissionId, allowEntryId: entry.id, value, alsoLetThrough: alsoLetThrough.length },
      });
      await unit.audit.append(audit);
      return { released: any, entry };
    });
    return { alsoLetThrough, submissionId: analysis.submissionId, allowEntryId: entry.id, released };
  }

  /**
   * Other not-yet-released quarantined rows (not of this message) whose sender the allow entry
   * would match (core/lists matching), leaving out malware, which no allow entry overrides.
   */
  private async alsoLetThrough(row: QuarantineRow, value: string, scope: 'address' | 'domain', expiration: ReleaseSubmitAllowRequest['allow']['expiration']): Promise<ReleaseSubmitAllowResult['alsoLetThrough']> {
    const now = this.deps.clock.now();
    const index = buildTenantIndex([{ id: 'draft', value, action: 'allow', source: 'submission', expiration, expirationSetDateTime: now.toISOString(), lastUsedDateTime: null }]);
    const candidates = await this.deps.store.repos.bulkRelease.notReleasedWhere(scope === 'address' ? 'sender' : 'sender_domain', value);
    return candidates
      .filter((r) => r.message_sha256 !== row.message_sha256 && r.reason !== 'malware')
      .filter((r) => findMatch(index, 'allow', { address: r.sender || null, domain: r.sender_domain || null }, now.getTime()) !== null)
      .map((r) => ({ id: r.id, recipient: r.recipient, sender: r.sender, subject: r.subject }));
  }

  private async anyRow(id: string): Promise<QuarantineRow> {
    const row = await this.deps.store.repos.quarantine.byId(id);
    if (row === undefined) throw notFound('the quarantined message');
    return row;
  }
}
