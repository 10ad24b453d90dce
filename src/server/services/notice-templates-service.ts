/**
 * The notices' templates, one per notice and language, the built-in text until an admin saves
 * their own (Settings): the notices a reporter gets once their report is reviewed (one per
 * result; and the one way such a notice is written from a report: review-service.ts queues it,
 * the preview shows it), and the quarantine's (the answers to a release request, the notice to
 * the admins told of one: quarantine-notices.ts writes them).
 */
import { randomUUID } from 'node:crypto';
import {
  NOTICE_KINDS,
  NOTICE_PLACEHOLDERS_OF,
  QUARANTINE_NOTICES,
  type NoticeKind,
  type NoticeTemplate,
  type NoticeTemplates,
  type QuarantineNotice,
  type RenderedNotice,
  type StoredTemplate,
  type TemplatePreviewRequest,
} from '../../contracts/portal/settings';
import type { ReviewResult } from '../../contracts/portal/review';
import { VERDICT_LOCALES, type VerdictLocale } from '../../contracts/verdict';
import { noticeDate } from '../../core/notices/dates';
import { renderNotice, type RenderedText } from '../../core/notices/render';
import { canAdminister, canReadAll, type Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import { NOTICE_CATALOGS } from '../../i18n/notices';
import type { SubmissionRow } from '../store/submissions-repo';
import type { Store } from '../store/unit-of-work';
import { badRequest, forbidden, notFound } from './errors';
import { builtInQuarantineTemplate, decisionNotice, quarantineItemLink, requestNotice, type NoticeRow } from './quarantine-notices';
import type { PolicySource } from './settings-service';

const KEY_PREFIX = 'template:';
const keyOf = (kind: NoticeKind, locale: VerdictLocale): string => `${KEY_PREFIX}${kind}:${locale}`;

function isQuarantineNotice(kind: NoticeKind): kind is QuarantineNotice {
  return (QUARANTINE_NOTICES as readonly string[]).includes(kind);
}

function builtIn(kind: NoticeKind, locale: VerdictLocale): NoticeTemplate {
  return isQuarantineNotice(kind) ? builtInQuarantineTemplate(kind, locale) : NOTICE_CATALOGS[locale].templates[kind];
}

/** What a notice is written from: the report's facts as the reporter knows them. */
export type NoticeSubject = Pick<SubmissionRow, 'subject' | 'sender' | 'received_date_time' | 'created_date_time' | 'created_by_email' | 'created_by_name' | 'reporter_locale'>;

/** A made-up report for previews without one. */
const EXAMPLE: NoticeSubject = {
  subject: 'Invoice 4411 for November',
  sender: 'billing@supplier.example',
  received_date_time: '2026-11-23T08:12:00.000Z',
  created_date_time: '2026-11-23T08:15:00.000Z',
  created_by_email: 'anna.berg@contoso.example',
  created_by_name: 'Anna Berg',
  reporter_locale: 'en-US',
};

export function localeOf(row: Pick<SubmissionRow, 'reporter_locale'>, fallback: VerdictLocale = 'en-US'): VerdictLocale {
  return (VERDICT_LOCALES as readonly string[]).includes(row.reporter_locale ?? '') ? (row.reporter_locale as VerdictLocale) : fallback;
}

/** A made-up quarantined message for previews of the quarantine's notices. */
const QUARANTINE_EXAMPLE: NoticeRow = {
  id: 'example',
  subject: 'Invoice 4411 for November',
  sender: 'billing@supplier.example',
  envelope_sender: 'billing@supplier.example',
  received_date_time: '2026-11-23T08:12:00.000Z',
  expires_date_time: '2026-12-23T08:12:00.000Z',
};
const EXAMPLE_COMMENT = 'Checked with the supplier: it is their invoice.';

export class NoticeTemplatesService {
  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      policy: PolicySource;
      /** Reads a report for previews "as this reporter would get it". */
      reportById: (id: string) => Promise<SubmissionRow | undefined>;
      /** The portal's address, for the link in a preview of the notice to admins. */
      publicUrl?: string;
    },
  ) {}

  /** The template in force for a notice in `locale`: the saved one, else the built-in. */
  async template(kind: NoticeKind, locale: VerdictLocale): Promise<NoticeTemplate> {
    const row = await this.deps.store.repos.settings.get(keyOf(kind, locale));
    return row === undefined ? builtIn(kind, locale) : (JSON.parse(row.value) as NoticeTemplate);
  }

  /** The templates in force for `result`, every language: read before a transaction that writes notices. */
  async forResult(result: ReviewResult): Promise<Record<VerdictLocale, NoticeTemplate>> {
    const out = {} as Record<VerdictLocale, NoticeTemplate>;
    for (const locale of VERDICT_LOCALES) out[locale] = await this.template(result, locale);
    return out;
  }

  /** The text of a notice about `report`, in the reporter's language. */
  async write(report: NoticeSubject, result: ReviewResult, message: string | undefined, template?: NoticeTemplate, organisationLocale: VerdictLocale = 'en-US'): Promise<RenderedText & { locale: VerdictLocale }> {
    const locale = localeOf(report, organisationLocale);
    const catalog = NOTICE_CATALOGS[locale];
    const text = renderNotice(template ?? (await this.template(result, locale)), {
      reporterName: report.created_by_name?.trim() || catalog.colleague,
      subject: report.subject,
      sender: report.sender,
      receivedDateTime: noticeDate(report.received_date_time, locale),
      reportedDateTime: noticeDate(report.created_date_time, locale),
      result: catalog.results[result],
      adminMessage: message === undefined || message.trim() === '' ? '' : catalog.adminMessage.replace('{message}', () => message.trim()),
    });
    return { ...text, locale };
  }

  /** GET /api/settings/templates */
  async list(principal: Principal): Promise<NoticeTemplates> {
    if (!canReadAll(principal)) throw forbidden('the settings need the SecurityAdministrator or SecurityReader role');
    const saved = new Map((await this.deps.store.repos.settings.withPrefix(KEY_PREFIX)).map((r) => [r.key, JSON.parse(r.value) as NoticeTemplate]));
    const perLocale = (kind: NoticeKind): Record<VerdictLocale, StoredTemplate> => {
      const out = {} as Record<VerdictLocale, StoredTemplate>;
      for (const locale of VERDICT_LOCALES) {
        const custom = saved.get(keyOf(kind, locale));
        out[locale] = { ...(custom ?? builtIn(kind, locale)), custom: custom !== undefined };
      }
      return out;
    };
    return Object.fromEntries(NOTICE_KINDS.map((kind) => [kind, perLocale(kind)])) as NoticeTemplates;
  }

  /** PUT /api/settings/templates/{result}/{locale} */
  async put(principal: Principal, result: NoticeKind, locale: VerdictLocale, template: NoticeTemplate): Promise<StoredTemplate> {
    if (!canAdminister(principal)) throw forbidden('changing the settings needs the SecurityAdministrator role');
    checkPlaceholders(result, template);
    const key = keyOf(result, locale);
    const at = this.deps.clock.now().toISOString();
    const before = await this.template(result, locale);
    await this.deps.store.transaction(async (unit) => {
      await unit.settings.put({ key, value: JSON.stringify({ subject: template.subject, body: template.body }), modified_by: principal.email, modified_date_time: at });
      await unit.audit.append([{ at, actor: principal.email, actorSubject: principal.id, action: 'settings.templateChanged', targetType: 'settings', targetId: key, detail: { before, after: template } }]);
    });
    return { subject: template.subject, body: template.body, custom: true };
  }

  /** DELETE /api/settings/templates/{result}/{locale}: back to the built-in text. */
  async reset(principal: Principal, result: NoticeKind, locale: VerdictLocale): Promise<StoredTemplate> {
    if (!canAdminister(principal)) throw forbidden('changing the settings needs the SecurityAdministrator role');
    const key = keyOf(result, locale);
    const at = this.deps.clock.now().toISOString();
    const before = await this.template(result, locale);
    await this.deps.store.transaction(async (unit) => {
      if (await unit.settings.delete(key)) {
        await unit.audit.append([{ at, actor: principal.email, actorSubject: principal.id, action: 'settings.templateReset', targetType: 'settings', targetId: key, detail: { before } }]);
      }
    });
    return { ...builtIn(result, locale), custom: false };
  }

  /** POST /api/settings/templates/preview: exactly what a reporter (or a quarantine notice's reader) would get. */
  async preview(principal: Principal, request: TemplatePreviewRequest): Promise<RenderedNotice> {
    if (!canReadAll(principal)) throw forbidden('the settings need the SecurityAdministrator or SecurityReader role');
    if (request.template !== undefined) checkPlaceholders(request.result, request.template);
    const kind = request.result;
    if (isQuarantineNotice(kind)) return this.previewQuarantine(kind, request);
    const report = request.submissionId === undefined ? EXAMPLE : await this.deps.reportById(request.submissionId);
    if (report === undefined) throw notFound(`submission ${request.submissionId ?? ''}`);
    const subject = { ...report, reporter_locale: request.locale };
    const text = await this.write(subject, kind, request.message, request.template ?? (await this.template(kind, request.locale)));
    return { from: (await this.deps.policy.current()).noticeSender, to: subject.created_by_email, subject: text.subject, body: text.body };
  }

  /** A quarantine notice filled in from a made-up message: to its requester, or to the first admin told of requests. */
  private async previewQuarantine(kind: QuarantineNotice, request: TemplatePreviewRequest): Promise<RenderedNotice> {
    if (request.submissionId !== undefined) throw badRequest('not_a_report_notice', 'a quarantine notice is previewed with an example message, not from a report: leave out submissionId');
    const template = request.template ?? (await this.template(kind, request.locale));
    const { noticeSender, releaseRequestRecipients } = await this.deps.policy.current();
    if (kind === 'releaseRequested') {
      const text = requestNotice(QUARANTINE_EXAMPLE, 'phishing', EXAMPLE.created_by_email, quarantineItemLink(this.deps.publicUrl ?? '', QUARANTINE_EXAMPLE.id), request.locale, template);
      return { from: noticeSender, to: releaseRequestRecipients[0] ?? 'security@contoso.example', subject: text.subject, body: text.body };
    }
    const text = decisionNotice(QUARANTINE_EXAMPLE, request.message ?? EXAMPLE_COMMENT, request.locale, template);
    return { from: noticeSender, to: EXAMPLE.created_by_email, subject: text.subject, body: text.body };
  }
}

/** A placeholder nobody fills would reach the reader as `{typo}`: refuse it when saved. */
function checkPlaceholders(kind: NoticeKind, template: NoticeTemplate): void {
  const known = NOTICE_PLACEHOLDERS_OF[kind];
  for (const text of [template.subject, template.body]) {
    for (const match of text.matchAll(/\{([^{}\s]*)\}/g)) {
      const name = match[1] ?? '';
      if (!known.includes(name)) {
        throw badRequest('unknownPlaceholder', `{${name}} is not a placeholder of this notice; use ${known.map((p) => `{${p}}`).join(', ')}`);
      }
    }
  }
}

/** A Message-ID for a notice, fixed when it is queued: `<uuid@second-look.domain>`. */
export function noticeMessageId(fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1) || 'second-look.invalid';
  return `<${randomUUID()}@${domain}>`;
}

