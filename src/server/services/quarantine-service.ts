/**
 * What end users and admins do with quarantined messages, after intake: list and read them,
 * release (a queued delivery of the original, with one header marking it released, committed
 * with the status change), request release (the admins named in Settings are told by a queued
 * notice), approve or deny a request (the requester is told, in their language), delete, block
 * or allow the sender, report it. Every change is audited in the transaction that makes it.
 *
 * End users see only rows whose recipient is their own mailbox and that their policy lets them
 * see; any other id is "not found", never a refusal that would say it exists. Every action is
 * checked against the row's policy here (mayTake, with the hard rule), not only in the UI.
 */
import { randomUUID } from 'node:crypto';
import type {
  MyQuarantineActionResult, MyQuarantineDetail, QuarantineAnalysis, MyQuarantineItem, MyQuarantinePage, PageQuery, QuarantineAction, QuarantineDetail, QuarantineItem,
  QuarantineListQuery, QuarantinePage, QuarantineReason, QuarantineReleaseResult, QuarantineReportBody, ReasonBasis, ReleaseDecisionResult, ReleaseDelivery, ReleaseStatus, UserActionPath,
} from '../../contracts/quarantine';
import type { MailState } from '../../contracts/portal/mail-queue';
import type { Principal } from '../../core/permissions';
import { allowedActions, builtInPolicy, isQuarantineReason, underHardRule, visibleToRecipient, type QuarantinePolicy } from '../../core/quarantine';
import type { Clock } from '../../core/time/clock';
import { headerBlockOf } from '../mail/header-block';
import type { BlobReader } from '../store/blob-store';
import type { QuarantineAnalysisRow } from '../store/bulk-release-repo';
import type { QuarantineListRow, QuarantineRow, ReleaseDeliveryRow } from '../store/quarantine-repo';
import type { Store, UnitOfWork } from '../store/unit-of-work';
import { searchWords, type SubmissionsService } from './submissions-service';
import { badRequest, notFound, ServiceError } from './errors';
import { noticeMessageId } from './notice-templates-service';
import { releaseInUnit } from './quarantine-release';
import { builtInQuarantineTemplate, decisionNotice, noticeLocale, quarantineItemLink, requestNotice, type QuarantineTemplates } from './quarantine-notices';
import { cursorPosition } from './paging';
import type { PolicySource } from './settings-service';
import type { UserListsService } from './user-lists-service';

export interface QuarantineServiceDeps {
  store: Store;
  clock: Clock;
  blobs: BlobReader;
  /** The notice sender (the portal's settings): the envelope sender of releases and notices. */
  policy: PolicySource;
  userLists: UserListsService;
  submissions: SubmissionsService;
  /** The server's public URL: notices of release requests link to the portal's page of the message (a bare path without it). */
  publicUrl?: string;
  /** The policies in force by name (Settings: the built-in four and the organisation's own, cached by their service); the built-in four unless given. */
  policiesInForce?: () => Promise<(name: string) => QuarantinePolicy | undefined>;
  /** The notices' templates in force (Settings); the built-in texts unless given. */
  templates?: QuarantineTemplates;
}

/** A policy the server does not know (say, one removed on another instance a moment ago) allows nothing. */
const NO_ACCESS: QuarantinePolicy = { name: 'unknown', permissions: 0, notificationEnabled: false };


function reasonOf(row: Pick<QuarantineRow, 'reason'>): QuarantineReason {
  // Intake stores only known reasons; an unknown one is treated as the strictest.
  return isQuarantineReason(row.reason) ? row.reason : 'malware';
}


/** The permission each end-user action path needs; report needs none beyond seeing the message. */
const ACTION_OF: Readonly<Record<UserActionPath, QuarantineAction | undefined>> = {
  release: 'release',
  'request-release': 'requestRelease',
  delete: 'delete',
  'block-sender': 'blockSender',
  'allow-sender': 'allowSender',
  report: undefined,
};

function analysisOf(row: QuarantineAnalysisRow | undefined): { analysis?: QuarantineAnalysis } {
  return row === undefined ? {} : { analysis: { submissionId: row.submission_id, category: row.category, analyzedBy: row.analyzed_by, analyzedDateTime: row.analyzed_date_time } };
}

function myItem(row: QuarantineListRow, actions: QuarantineAction[]): MyQuarantineItem {
  return {
    id: row.id,
    sender: row.sender,
    senderName: row.sender_name,
    subject: row.subject,
    receivedDateTime: row.received_date_time,
    reason: reasonOf(row),
    expiresDateTime: row.expires_date_time,
    releaseStatus: row.release_status as ReleaseStatus,
    releaseRequestedDateTime: row.release_requested_date_time,
    releaseDecidedDateTime: row.release_decided_date_time,
    releasedDateTime: row.released_date_time,
    actions,
  };
}

function deliveryOf(row: ReleaseDeliveryRow | undefined): ReleaseDelivery | null {
  return row === undefined ? null : { mailId: row.id, state: row.state as MailState, attempts: row.attempts, lastError: row.last_error, sentDateTime: row.sent_date_time };
}

function adminItem(row: QuarantineListRow): QuarantineItem {
  return {
    id: row.id,
    recipient: row.recipient,
    internetMessageId: row.internet_message_id,
    messageSha256: row.message_sha256,
    size: row.message_size,
    sender: row.sender,
    senderName: row.sender_name,
    senderDomain: row.sender_domain,
    envelopeSender: row.envelope_sender,
    subject: row.subject,
    receivedDateTime: row.received_date_time,
    reason: reasonOf(row),
    reasonBasis: row.reason_basis as ReasonBasis,
    reasonEvidence: row.reason_evidence,
    policy: row.policy,
    expiresDateTime: row.expires_date_time,
    releaseStatus: row.release_status as ReleaseStatus,
    releaseRequestedDateTime: row.release_requested_date_time,
    releaseDecidedDateTime: row.release_decided_date_time,
    releaseDecidedBy: row.release_decided_by,
    releasedDateTime: row.released_date_time,
    source: row.source,
  };
}

/** 403 with a stable code: the hard rule, or the policy. */
function refusal(action: QuarantineAction, row: QuarantineRow): ServiceError {
  if (action === 'release' && underHardRule(reasonOf(row))) {
    return new ServiceError(403, 'quarantine_hard_rule', 'messages quarantined as malware or high-confidence phishing can only be released by an administrator: request release instead');
  }
  return new ServiceError(403, 'quarantine_action_not_allowed', `the quarantine policy of this message does not allow ${action}`);
}

const TARGET = 'quarantinedMessage';

export class QuarantineService {
  /** The policies as last read (refreshPolicies, at the start of every end-user call). */
  private lookup: (name: string) => QuarantinePolicy | undefined = builtInPolicy;

  constructor(private readonly deps: QuarantineServiceDeps) {}

  private async refreshPolicies(): Promise<void> {
    if (this.deps.policiesInForce) this.lookup = await this.deps.policiesInForce();
  }

  private policyOf(row: Pick<QuarantineRow, 'policy'>): QuarantinePolicy {
    return this.lookup(row.policy) ?? NO_ACCESS;
  }

  private actionsOf(row: QuarantineListRow): QuarantineAction[] {
    return allowedActions(reasonOf(row), this.policyOf(row));
  }

  private myItem(row: QuarantineListRow): MyQuarantineItem {
    return myItem(row, this.actionsOf(row));
  }

  // ---- end users ----

  async mine(principal: Principal, query: PageQuery): Promise<MyQuarantinePage> {
    await this.refreshPolicies();
    const page = await this.deps.store.repos.quarantine.list({ recipient: principal.email }, query.limit ?? 50, cursorPosition(query.cursor));
    // Rows under a policy that hides them from the recipient are skipped (a page may then be shorter).
    return { items: page.rows.filter((r) => visibleToRecipient(this.policyOf(r))).map((r) => this.myItem(r)), nextCursor: page.nextCursor };
  }

  async myDetail(principal: Principal, id: string): Promise<MyQuarantineDetail> {
    const row = await this.ownRow(principal, id);
    let headers: string | null = null;
    if (this.actionsOf(row).includes('viewHeaders')) {
      const bytes = await this.deps.blobs.get(row.message_sha256);
      headers = bytes === undefined ? null : headerBlockOf(bytes);
    }
    return { ...this.myItem(row), size: row.message_size, headers };
  }

  /** The bytes of one of my quarantined messages, for its preview: 404 unless mine, 403 when the policy does not allow preview. */
  async myPreviewMessage(principal: Principal, id: string): Promise<Buffer> {
    const row = await this.ownRow(principal, id);
    if (!this.actionsOf(row).includes('preview')) throw refusal('preview', row);
    const bytes = await this.deps.blobs.get(row.message_sha256);
    if (bytes === undefined) throw notFound('the quarantined message');
    return bytes;
  }

  async act(principal: Principal, id: string, path: UserActionPath, body: QuarantineReportBody | undefined): Promise<MyQuarantineActionResult> {
    const row = await this.ownRow(principal, id);
    const action = ACTION_OF[path];
    if (action !== undefined && !this.actionsOf(row).includes(action)) throw refusal(action, row);
    const now = this.deps.clock.now().toISOString();
    const audit = (unit: UnitOfWork, name: string, detail: Record<string, unknown>) =>
      unit.audit.append([{ at: now, actor: principal.email, actorSubject: principal.id, action: `quarantine.${name}`, targetType: TARGET, targetId: row.id, detail: { by: 'recipient', ...detail } }]);
    switch (path) {
      case 'release': {
        const { noticeSender } = await this.deps.policy.current();
        const mailId = await this.deps.store.transaction(async (unit) => {
          const mail = await this.releaseRow(unit, row, principal.email, ['notReleased', 'denied'], now, noticeSender);
          await audit(unit, 'released', { recipient: row.recipient, mailId: mail });
          return mail;
        });
        return { item: this.myItem(await this.reread(id)), mailId };
      }
      case 'request-release': {
        // Asking twice is one request: only the first changes anything.
        if (row.release_status === 'requested') return { item: this.myItem(row) };
        const { noticeSender, releaseRequestRecipients, noticeLanguage } = await this.deps.policy.current();
        // Read before the transaction, as the settings above (the embedded database has one connection).
        const template = await this.templateOf('releaseRequested', noticeLanguage);
        await this.deps.store.transaction(async (unit) => {
          const changed = await unit.quarantine.setRelease(row.id, ['notReleased'], { release_status: 'requested', release_requested_date_time: now });
          if (!changed) {
            const current = await unit.quarantine.byId(row.id);
            if (current?.release_status === 'requested') return;
            throw this.conflict(current?.release_status);
          }
          // Only the request that changed the status tells the admins, once each, with the change.
          const text = requestNotice(row, reasonOf(row), principal.email, quarantineItemLink(this.deps.publicUrl ?? '', row.id), noticeLanguage, template);
          const noticeIds: string[] = [];
          for (const to of releaseRequestRecipients) {
            const noticeId = randomUUID();
            await unit.mail.enqueue({ id: noticeId, kind: 'quarantineRequestNotice', from: noticeSender, to, subject: text.subject, text: text.body, messageId: noticeMessageId(noticeSender), relatedId: row.id }, now);
            noticeIds.push(noticeId);
          }
          await audit(unit, 'releaseRequested', { recipient: row.recipient, notified: [...releaseRequestRecipients], noticeIds });
        });
        return { item: this.myItem(await this.reread(id)) };
      }
      case 'delete': {
        await this.deps.store.transaction(async (unit) => {
          await unit.quarantine.deleteRows([row.id]);
          await unit.quarantine.deleteUnreferencedBands([row.message_sha256]);
          // The stored message goes too once nothing (another recipient, a report, a queued release) needs it.
          await unit.retention.deleteUnreferencedMessages([row.message_sha256]);
          await audit(unit, 'deleted', { recipient: row.recipient, subject: row.subject, sender: row.sender });
        });
        return { item: null };
      }
      case 'block-sender':
      case 'allow-sender': {
        const sender = row.sender || row.envelope_sender;
        if (sender === '') throw badRequest('no_sender', 'this message names no sender address to add to a list');
        const list = path === 'block-sender' ? 'blocked' : 'safe';
        // The lists service validates (accepted domains, duplicates, the limit) and audits the entry.
        const entry = await this.deps.userLists.add(principal, list, sender);
        await this.deps.store.transaction((unit) => audit(unit, path === 'block-sender' ? 'senderBlocked' : 'senderAllowed', { list, value: entry.value }));
        return { item: this.myItem(row), listValue: entry.value };
      }
      case 'report': {
        const bytes = await this.deps.blobs.get(row.message_sha256);
        if (bytes === undefined) throw notFound('the quarantined message');
        const sender = row.sender || row.envelope_sender;
        if (sender === '') throw badRequest('no_sender', 'this message names no sender address, so it cannot be reported');
        const outcome = await this.deps.submissions.create(principal, {
          category: body?.category ?? 'notJunk',
          internetMessageId: row.internet_message_id || `<quarantine-${row.id}@second-look.invalid>`,
          recipientEmailAddress: row.recipient,
          sender,
          subject: row.subject,
          receivedDateTime: row.received_date_time,
          message: bytes.toString('base64'),
          ...(body?.comment === undefined ? {} : { comment: body.comment }),
        }, `quarantine-${row.id}-${body?.category ?? 'notJunk'}`);
        if (outcome.created) await this.deps.store.transaction((unit) => audit(unit, 'reported', { submissionId: outcome.submission.id, category: outcome.submission.category }));
        return { item: this.myItem(row), submissionId: outcome.submission.id };
      }
    }
  }

  // ---- admins ----

  async list(query: QuarantineListQuery): Promise<QuarantinePage> {
    const words = query.subject === undefined ? [] : searchWords(query.subject);
    const page = await this.deps.store.repos.quarantine.list(
      {
        ...(query.recipient === undefined ? {} : { recipient: query.recipient.toLowerCase() }),
        ...(query.sender === undefined ? {} : { sender: query.sender.toLowerCase() }),
        ...(query.senderDomain === undefined ? {} : { senderDomain: query.senderDomain.toLowerCase() }),
        ...(query.reason === undefined ? {} : { reason: query.reason }),
        ...(query.policy === undefined ? {} : { policy: query.policy }),
        ...(query.releaseStatus === undefined ? {} : { releaseStatus: query.releaseStatus }),
        ...(query.receivedAfter === undefined ? {} : { receivedAfter: new Date(query.receivedAfter).toISOString() }),
        ...(query.receivedBefore === undefined ? {} : { receivedBefore: new Date(query.receivedBefore).toISOString() }),
        ...(query.expiresAfter === undefined ? {} : { expiresAfter: new Date(query.expiresAfter).toISOString() }),
        ...(query.expiresBefore === undefined ? {} : { expiresBefore: new Date(query.expiresBefore).toISOString() }),
        subjectWords: words,
        oldestFirst: query.order === 'oldest',
      },
      query.limit ?? 50,
      cursorPosition(query.cursor),
    );
    return { items: page.rows.map(adminItem), nextCursor: page.nextCursor };
  }

  async detail(id: string): Promise<QuarantineDetail> {
    const row = await this.anyRow(id);
    const bytes = await this.deps.blobs.get(row.message_sha256);
    const others = (await this.deps.store.repos.quarantine.ofMessage(row.message_sha256)).filter((r) => r.id !== row.id);
    const deliveries = await this.deps.store.repos.quarantine.releaseDeliveries([row.id, ...others.map((r) => r.id)]);
    return {
      ...adminItem(row),
      headers: bytes === undefined ? '' : headerBlockOf(bytes),
      releaseDelivery: deliveryOf(deliveries.get(row.id)),
      otherRecipients: others.map((r) => ({ id: r.id, recipient: r.recipient, releaseStatus: r.release_status as ReleaseStatus, releaseDelivery: deliveryOf(deliveries.get(r.id)) })),
      ...analysisOf((await this.deps.store.repos.bulkRelease.analyses([row.message_sha256])).get(row.message_sha256)),
    };
  }

  async message(id: string): Promise<Buffer> {
    const row = await this.anyRow(id);
    const bytes = await this.deps.blobs.get(row.message_sha256);
    if (bytes === undefined) throw notFound('the quarantined message');
    return bytes;
  }

  /** Releases the message to every recipient who has it quarantined (or those named); rows released already are skipped. */
  async release(principal: Principal, id: string, recipients: readonly string[] | undefined): Promise<QuarantineReleaseResult> {
    const row = await this.anyRow(id);
    const now = this.deps.clock.now().toISOString();
    const { noticeSender } = await this.deps.policy.current();
    return this.deps.store.transaction(async (unit) => {
      const rows = await unit.quarantine.ofMessage(row.message_sha256);
      const wanted = recipients === undefined ? undefined : new Set(recipients.map((r) => r.toLowerCase()));
      if (wanted !== undefined) {
        const unknown = [...wanted].filter((r) => !rows.some((x) => x.recipient === r));
        if (unknown.length > 0) throw badRequest('unknown_recipient', `the message is not quarantined for ${unknown.join(', ')}`);
      }
      const result: QuarantineReleaseResult = { released: [], skipped: [] };
      for (const r of rows) {
        if (wanted !== undefined && !wanted.has(r.recipient)) continue;
        if (r.release_status === 'released') {
          result.skipped.push({ id: r.id, recipient: r.recipient, releaseStatus: 'released' });
          continue;
        }
        const mailId = await this.releaseRow(unit, r, principal.email, ['notReleased', 'requested', 'denied'], now, noticeSender);
        result.released.push({ id: r.id, recipient: r.recipient, mailId });
      }
      await unit.audit.append(result.released.map((r) => ({
        at: now, actor: principal.email, actorSubject: principal.id, action: 'quarantine.released', targetType: TARGET, targetId: r.id, detail: { by: 'admin', recipient: r.recipient, mailId: r.mailId },
      })));
      return result;
    });
  }

  /** Approves a pending release request: the message is released to the requester, who is told. */
  async approve(principal: Principal, id: string, comment: string | undefined): Promise<ReleaseDecisionResult> {
    return this.decide(principal, id, 'approve', comment);
  }

  async deny(principal: Principal, id: string, comment: string | undefined): Promise<ReleaseDecisionResult> {
    return this.decide(principal, id, 'deny', comment);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const row = await this.anyRow(id);
    const now = this.deps.clock.now().toISOString();
    await this.deps.store.transaction(async (unit) => {
      await unit.quarantine.deleteRows([row.id]);
      await unit.quarantine.deleteUnreferencedBands([row.message_sha256]);
      await unit.retention.deleteUnreferencedMessages([row.message_sha256]);
      await unit.audit.append([{ at: now, actor: principal.email, actorSubject: principal.id, action: 'quarantine.deleted', targetType: TARGET, targetId: row.id, detail: { by: 'admin', recipient: row.recipient, subject: row.subject, sender: row.sender } }]);
    });
  }

  // ---- shared ----

  private templateOf(notice: Parameters<QuarantineTemplates>[0], locale: Parameters<QuarantineTemplates>[1]) {
    return this.deps.templates ? this.deps.templates(notice, locale) : Promise.resolve(builtInQuarantineTemplate(notice, locale));
  }

  private async decide(principal: Principal, id: string, decision: 'approve' | 'deny', comment: string | undefined): Promise<ReleaseDecisionResult> {
    const row = await this.anyRow(id);
    const now = this.deps.clock.now().toISOString();
    const { noticeSender, noticeLanguage } = await this.deps.policy.current();
    // The requester's language: the one they last reported in, else the organisation's.
    const locale = noticeLocale(await this.deps.store.repos.quarantine.latestReporterLocale(row.recipient), noticeLanguage);
    const template = await this.templateOf(decision === 'approve' ? 'releaseApproved' : 'releaseDenied', locale);
    const outcome = await this.deps.store.transaction(async (unit) => {
      let mailId: string | undefined;
      if (decision === 'approve') {
        mailId = await this.releaseRow(unit, row, principal.email, ['requested'], now, noticeSender);
      } else {
        const changed = await unit.quarantine.setRelease(row.id, ['requested'], { release_status: 'denied', release_decided_date_time: now, release_decided_by: principal.email });
        if (!changed) throw this.conflict((await unit.quarantine.byId(row.id))?.release_status, 'there is no pending release request to deny');
      }
      const approved = decision === 'approve';
      const noticeId = randomUUID();
      const text = decisionNotice(row, comment, locale, template);
      await unit.mail.enqueue({
        id: noticeId, kind: 'quarantineNotice', from: noticeSender, to: row.recipient,
        subject: text.subject, text: text.body, messageId: noticeMessageId(noticeSender), relatedId: row.id,
      }, now);
      await unit.audit.append([{
        at: now, actor: principal.email, actorSubject: principal.id, action: approved ? 'quarantine.releaseApproved' : 'quarantine.releaseDenied', targetType: TARGET, targetId: row.id,
        detail: { recipient: row.recipient, noticeId, locale, ...(mailId === undefined ? {} : { mailId }), ...(comment === undefined ? {} : { comment }) },
      }]);
      return { noticeId, mailId };
    });
    return { item: adminItem(await this.reread(id)), noticeId: outcome.noticeId, ...(outcome.mailId === undefined ? {} : { mailId: outcome.mailId }) };
  }

  /**
   * releaseInUnit, with 409 when the row's status changed meanwhile. `noticeSender` is read
   * before the transaction: a settings read inside it, once the cache has expired, would wait
   * on the embedded database's one connection this transaction holds.
   */
  private async releaseRow(unit: UnitOfWork, row: QuarantineListRow, by: string, from: readonly ReleaseStatus[], now: string, noticeSender: string): Promise<string> {
    const mailId = await releaseInUnit(unit, row, by, from, now, noticeSender);
    if (mailId === undefined) throw this.conflict((await unit.quarantine.byId(row.id))?.release_status);
    return mailId;
  }

  private conflict(status: string | undefined, message?: string): ServiceError {
    if (status === undefined) return notFound('the quarantined message');
    const code = status === 'released' ? 'already_released' : status === 'denied' ? 'release_denied' : 'release_status_conflict';
    return new ServiceError(409, code, message ?? `the message's release status is ${status}`);
  }

  /** The caller's own row that their policy lets them see; 404 for anything else. */
  private async ownRow(principal: Principal, id: string): Promise<QuarantineRow> {
    await this.refreshPolicies();
    const row = await this.deps.store.repos.quarantine.byId(id);
    if (row === undefined || row.recipient !== principal.email.toLowerCase() || !visibleToRecipient(this.policyOf(row))) throw notFound('the quarantined message');
    return row;
  }

  private async anyRow(id: string): Promise<QuarantineRow> {
    const row = await this.deps.store.repos.quarantine.byId(id);
    if (row === undefined) throw notFound('the quarantined message');
    return row;
  }

  private async reread(id: string): Promise<QuarantineRow> {
    return this.anyRow(id);
  }
}
