/**
 * The notices a reporter gets once their report is reviewed: one template per result and
 * language, the built-in text until an admin saves their own (Settings), and the one way a
 * notice is written from a report (review-service.ts queues it, the preview shows it).
 */
import { randomUUID } from 'node:crypto';
import { NOTICE_PLACEHOLDERS, type NoticeTemplate, type NoticeTemplates, type RenderedNotice, type StoredTemplate, type TemplatePreviewRequest } from '../../contracts/portal/settings';
import type { ReviewResult } from '../../contracts/portal/review';
import { VERDICT_LOCALES, type VerdictLocale } from '../../contracts/verdict';
import { renderNotice, type RenderedText } from '../../core/notices/render';
import { canAdminister, canReadAll, type Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import { NOTICE_CATALOGS } from '../../i18n/notices';
import type { SubmissionRow } from '../store/submissions-repo';
import type { Store } from '../store/unit-of-work';
import { badRequest, forbidden, notFound } from './errors';
import type { PolicySource } from './settings-service';

const KEY_PREFIX = 'template:';
const keyOf = (result: ReviewResult, locale: VerdictLocale): string => `${KEY_PREFIX}${result}:${locale}`;
const KNOWN = new Set<string>(NOTICE_PLACEHOLDERS);

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

/** A date as a notice in `locale` writes it (in UTC, named). */
export function formatDate(iso: string, locale: VerdictLocale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}

export class NoticeTemplatesService {
  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      policy: PolicySource;
      /** Reads a report for previews "as this reporter would get it". */
      reportById: (id: string) => Promise<SubmissionRow | undefined>;
    },
  ) {}

  /** The template in force for `result` in `locale`: the saved one, else the built-in. */
  async template(result: ReviewResult, locale: VerdictLocale): Promise<NoticeTemplate> {
    const row = await this.deps.store.repos.settings.get(keyOf(result, locale));
    return row === undefined ? NOTICE_CATALOGS[locale].templates[result] : (JSON.parse(row.value) as NoticeTemplate);
  }

  /** The templates in force for `result`, every language: read before a transaction that writes notices. */
  async forResult(result: ReviewResult): Promise<Record<VerdictLocale, NoticeTemplate>> {
    const out = {} as Record<VerdictLocale, NoticeTemplate>;
    for (const locale of VERDICT_LOCALES) out[locale] = await this.template(result, locale);
    return out;
  }

  /** The text of a notice about `report`, in the reporter's language. */
  async write(report: NoticeSubject, result: ReviewResult, message: string | undefined, template?: NoticeTemplate): Promise<RenderedText & { locale: VerdictLocale }> {
    const locale = localeOf(report);
    const catalog = NOTICE_CATALOGS[locale];
    const text = renderNotice(template ?? (await this.template(result, locale)), {
      reporterName: report.created_by_name?.trim() || catalog.colleague,
      subject: report.subject,
      sender: report.sender,
      receivedDateTime: formatDate(report.received_date_time, locale),
      reportedDateTime: formatDate(report.created_date_time, locale),
      result: catalog.results[result],
      adminMessage: message === undefined || message.trim() === '' ? '' : catalog.adminMessage.replace('{message}', message.trim()),
    });
    return { ...text, locale };
  }

  /** GET /api/settings/templates */
  async list(principal: Principal): Promise<NoticeTemplates> {
    if (!canReadAll(principal)) throw forbidden('the settings need the SecurityAdministrator or SecurityReader role');
    const saved = new Map((await this.deps.store.repos.settings.withPrefix(KEY_PREFIX)).map((r) => [r.key, JSON.parse(r.value) as NoticeTemplate]));
    const perLocale = (result: ReviewResult): Record<VerdictLocale, StoredTemplate> => {
      const out = {} as Record<VerdictLocale, StoredTemplate>;
      for (const locale of VERDICT_LOCALES) {
        const custom = saved.get(keyOf(result, locale));
        out[locale] = { ...(custom ?? NOTICE_CATALOGS[locale].templates[result]), custom: custom !== undefined };
      }
      return out;
    };
    return { noThreatsFound: perLocale('noThreatsFound'), phishing: perLocale('phishing'), spam: perLocale('spam') };
  }

  /** PUT /api/settings/templates/{result}/{locale} */
  async put(principal: Principal, result: ReviewResult, locale: VerdictLocale, template: NoticeTemplate): Promise<StoredTemplate> {
    if (!canAdminister(principal)) throw forbidden('changing the settings needs the SecurityAdministrator role');
    checkPlaceholders(template);
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
  async reset(principal: Principal, result: ReviewResult, locale: VerdictLocale): Promise<StoredTemplate> {
    if (!canAdminister(principal)) throw forbidden('changing the settings needs the SecurityAdministrator role');
    const key = keyOf(result, locale);
    const at = this.deps.clock.now().toISOString();
    const before = await this.template(result, locale);
    await this.deps.store.transaction(async (unit) => {
      if (await unit.settings.delete(key)) {
        await unit.audit.append([{ at, actor: principal.email, actorSubject: principal.id, action: 'settings.templateReset', targetType: 'settings', targetId: key, detail: { before } }]);
      }
    });
    return { ...NOTICE_CATALOGS[locale].templates[result], custom: false };
  }

  /** POST /api/settings/templates/preview: exactly what a reporter would get. */
  async preview(principal: Principal, request: TemplatePreviewRequest): Promise<RenderedNotice> {
    if (!canReadAll(principal)) throw forbidden('the settings need the SecurityAdministrator or SecurityReader role');
    if (request.template !== undefined) checkPlaceholders(request.template);
    const report = request.submissionId === undefined ? EXAMPLE : await this.deps.reportById(request.submissionId);
    if (report === undefined) throw notFound(`submission ${request.submissionId ?? ''}`);
    const subject = { ...report, reporter_locale: request.locale };
    const text = await this.write(subject, request.result, request.message, request.template ?? (await this.template(request.result, request.locale)));
    return { from: (await this.deps.policy.current()).noticeSender, to: subject.created_by_email, subject: text.subject, body: text.body };
  }
}

/** A placeholder nobody fills would reach the reporter as `{typo}`: refuse it when saved. */
function checkPlaceholders(template: NoticeTemplate): void {
  for (const text of [template.subject, template.body]) {
    for (const match of text.matchAll(/\{([^{}\s]*)\}/g)) {
      const name = match[1] ?? '';
      if (!KNOWN.has(name)) {
        throw badRequest('unknownPlaceholder', `{${name}} is not a placeholder; use ${NOTICE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`);
      }
    }
  }
}

/** A Message-ID for a notice, fixed when it is queued: `<uuid@second-look.domain>`. */
export function noticeMessageId(fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1) || 'second-look.invalid';
  return `<${randomUUID()}@${domain}>`;
}

