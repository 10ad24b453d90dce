/**
 * Submit for analysis: the verdict for a user's submission or an uploaded message, stored as a
 * new administrator submission linked to the original. Each analysis is a new row, so the
 * history of verdicts survives changes to the lists. "Now versus then": the lists' decision
 * for this message today sits next to what the headers say happened then.
 */
import { randomUUID } from 'node:crypto';
import type { MessageFacts, WhatIfResponse } from '../../contracts/lists';
import type { Submission } from '../../contracts/submissions';
import type { Verdict, VerdictLocale } from '../../contracts/verdict';
import type { TrustSettings } from '../../core/analysis/trust/settings';
import { decodeHeaders, judge, toMessageFacts, type DecodedFacts } from '../../core/analysis';
import { explainDecision } from '../../core/lists';
import { canAdminister, canReadAll, type Principal } from '../../core/permissions';
import { readBodyFacts } from '../mail/body-facts';
import { headerBlockOf, headerFields } from '../mail/header-block';
import { RSPAMD_EVIDENCE_HEADER, type FreshScan } from '../../core/analysis';
import { RspamdError, type RspamdClient } from '../integrations/rspamd';
import { messageBlobOf, type BlobReader, type MessageBlob } from '../store/blob-store';
import type { SubmissionRow, SubmissionsRepo } from '../store/submissions-repo';
import { badRequest, forbidden, notFound, tooLarge } from './errors';
import type { DecisionsService } from './decisions-service';
import { newRowState, toSubmission, type NewRowState } from './submission-view';
import type { Clock } from '../../core/time/clock';
import type { PolicySource } from './settings-service';

export interface AnalysisDeps {
  repo: SubmissionsRepo;
  blobs: BlobReader;
  decisions: DecisionsService;
  clock: Clock;
  /** The accepted domains and bulk threshold in force (the portal's settings). */
  policy: PolicySource;
  maxMessageBytes: number;
  /** The organisation's boundary: which headers count as evidence. */
  trust: TrustSettings;
  /** A fresh scan by Rspamd's /checkv2, when a controller is configured. */
  rspamd?: RspamdClient;
}

function requireAdmin(principal: Principal): void {
  if (!canAdminister(principal)) throw forbidden('submitting for analysis needs the SecurityAdministrator role');
}

export class AnalysisService {
  constructor(private readonly deps: AnalysisDeps) {}

  private decode(headerBlock: string): DecodedFacts {
    return decodeHeaders(headerBlock, { trust: this.deps.trust });
  }

  /** The original message's bytes, or its header block when only headers were reported. */
  private async rawOf(row: SubmissionRow): Promise<Buffer> {
    if (row.message_sha256 !== null) {
      const bytes = await this.deps.blobs.get(row.message_sha256);
      if (bytes) return bytes;
    }
    return Buffer.from(row.headers_raw, 'utf8');
  }

  private messageFactsOf(raw: Buffer): MessageFacts | undefined {
    return toMessageFacts(this.decode(headerBlockOf(raw)));
  }

  /** `decoded`: the headers of `raw`, decoded once by the caller and used for every step. */
  private async verdictFor(raw: Buffer, decoded: DecodedFacts, recipient: string | undefined, locale: VerdictLocale): Promise<Verdict> {
    const facts = toMessageFacts(decoded);
    const decision = facts ? await this.deps.decisions.decide(facts, recipient, false) : undefined;
    const scan = await this.freshScan(raw, recipient);
    const policy = await this.deps.policy.current();
    const verdict = judge(decoded, {
      locale,
      body: await readBodyFacts(raw),
      ...(scan.scan === undefined ? {} : { scan: scan.scan }),
      tenant: { acceptedDomains: policy.acceptedDomains, ...(policy.bulkThresholdConfigured ? { bulkThreshold: policy.bulkThreshold } : {}) },
      ...(decision ? { lists: { now: { action: decision.action, reason: explainDecision(decision) } } } : {}),
    });
    if (scan.problem !== undefined) verdict.problems.push(scan.problem);
    return verdict;
  }

  /**
   * A fresh Rspamd scan, when one is configured; the judge weighs its findings with the rest.
   * When Rspamd cannot answer, the verdict still stands on the headers, and says which
   * evidence is missing and why.
   */
  private async freshScan(raw: Buffer, recipient: string | undefined): Promise<{ scan?: FreshScan; problem?: Verdict['problems'][number] }> {
    const rspamd = this.deps.rspamd;
    if (!rspamd) return {};
    try {
      return { scan: await rspamd.check(raw, recipient ? { rcpt: [recipient] } : {}) };
    } catch (error) {
      const detail = error instanceof RspamdError ? error.message : String(error);
      return { problem: { header: RSPAMD_EVIDENCE_HEADER, problem: 'scanUnavailable', detail: `no fresh Rspamd scan: ${detail}` } };
    }
  }

  private async record(principal: Principal, base: Omit<SubmissionRow, 'id' | 'source' | 'status' | 'created_date_time' | 'created_by_email' | 'created_by_subject' | 'created_by_name' | 'result' | 'idempotency_key' | keyof NewRowState>, verdict: Verdict, blob?: MessageBlob): Promise<Submission> {
    const row: SubmissionRow = {
      ...base,
      ...newRowState(base.sender, base.subject),
      id: randomUUID(),
      source: 'administrator',
      status: 'succeeded',
      created_date_time: this.deps.clock.now().toISOString(),
      created_by_email: principal.email,
      created_by_subject: principal.id,
      created_by_name: principal.displayName ?? null,
      result: JSON.stringify(verdict),
      idempotency_key: null,
    };
    await this.deps.repo.insert(row, blob);
    return toSubmission(row);
  }

  /** POST /api/submissions/{id}/analyze */
  async analyzeSubmission(principal: Principal, id: string, locale: VerdictLocale): Promise<Submission> {
    requireAdmin(principal);
    const original = await this.deps.repo.byId(id);
    if (!original) throw notFound(`submission ${id}`);
    const raw = await this.rawOf(original);
    const verdict = await this.verdictFor(raw, this.decode(headerBlockOf(raw)), original.recipient_email_address, locale);
    return this.record(principal, {
      category: original.category,
      internet_message_id: original.internet_message_id,
      recipient_email_address: original.recipient_email_address,
      to_recipients: original.to_recipients,
      sender: original.sender,
      subject: original.subject,
      received_date_time: original.received_date_time,
      comment: null,
      message_sha256: original.message_sha256,
      message_size: original.message_size,
      headers_raw: original.headers_raw,
      original_submission_id: original.id,
    }, verdict);
  }

  /** POST /api/analyze: an uploaded .eml, analysed and kept as an admin submission. */
  async analyzeUpload(principal: Principal, raw: Buffer, locale: VerdictLocale): Promise<Submission> {
    requireAdmin(principal);
    if (raw.length === 0) throw badRequest('invalid_message', 'the body is empty: upload the message as message/rfc822');
    if (raw.length > this.deps.maxMessageBytes) throw tooLarge(`the message is ${raw.length} bytes; the limit is ${this.deps.maxMessageBytes}`);
    const headersRaw = headerBlockOf(raw);
    const fields = headerFields(headersRaw);
    if (fields.length === 0) throw badRequest('invalid_message', 'the body is not an RFC 5322 message: it has no header fields');
    const decoded = this.decode(headersRaw);
    const sender = decoded.sender;
    const verdict = await this.verdictFor(raw, decoded, undefined, locale);
    const blob = await messageBlobOf(raw);
    const received = sender.date !== undefined && !Number.isNaN(Date.parse(sender.date)) ? new Date(sender.date) : this.deps.clock.now();
    return this.record(principal, {
      category: verdict.category === 'undetermined' ? 'spam' : verdict.category,
      internet_message_id: sender.messageId ?? '',
      recipient_email_address: '',
      to_recipients: '[]',
      sender: sender.from?.address.toLowerCase() ?? '',
      subject: sender.subject ?? '',
      received_date_time: received.toISOString(),
      comment: null,
      message_sha256: blob.sha256,
      message_size: blob.size,
      headers_raw: headersRaw,
      original_submission_id: null,
    }, verdict, blob);
  }

  /** POST /api/submissions/{id}/what-if: the decision with today's lists. Changes nothing. */
  async whatIf(principal: Principal, id: string): Promise<WhatIfResponse> {
    if (!canReadAll(principal)) throw forbidden('what-if needs the SecurityAdministrator or SecurityReader role');
    const row = await this.deps.repo.byId(id);
    if (!row) throw notFound(`submission ${id}`);
    const facts = this.messageFactsOf(await this.rawOf(row));
    if (!facts) throw badRequest('no_sender', 'the headers of this submission name no sender, so no list can match it');
    const decision = await this.deps.decisions.decide(facts, row.recipient_email_address, false);
    return { message: facts, decision, explanation: explainDecision(decision), evaluatedDateTime: this.deps.clock.now().toISOString() };
  }
}
