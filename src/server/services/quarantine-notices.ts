/**
 * The texts of the quarantine's notices: the answer to a user's release request (approved or
 * denied, in the user's language, with the admin's comment), and the notice to the admins who
 * are told of a request. Each is written from its template (the one an admin saved in
 * Settings, else the built-in one in the notice catalogs); the subject is one line whatever
 * the message held (core/notices/render).
 */
import type { NoticeTemplate, QuarantineNotice } from '../../contracts/portal/settings';
import type { QuarantineReason } from '../../contracts/quarantine';
import { VERDICT_LOCALES, type VerdictLocale } from '../../contracts/verdict';
import { noticeDate } from '../../core/notices/dates';
import { renderNotice, type RenderedText } from '../../core/notices/render';
import { NOTICE_CATALOGS } from '../../i18n/notices';
import { PORTAL_CATALOGS } from '../../i18n/portal';
import type { QuarantineListRow } from '../store/quarantine-repo';


export type NoticeRow = Pick<QuarantineListRow, 'id' | 'subject' | 'sender' | 'envelope_sender' | 'received_date_time' | 'expires_date_time'>;

/** Reads the template in force for a quarantine notice in a language (NoticeTemplatesService). */
export type QuarantineTemplates = (notice: QuarantineNotice, locale: VerdictLocale) => Promise<NoticeTemplate>;

/** The built-in text of a quarantine notice. */
export function builtInQuarantineTemplate(notice: QuarantineNotice, locale: VerdictLocale): NoticeTemplate {
  const texts = NOTICE_CATALOGS[locale].quarantine;
  return notice === 'releaseApproved' ? texts.approved : notice === 'releaseDenied' ? texts.denied : texts.requested;
}

/** `raw` when it is a language notices are written in, else the organisation's (Settings). */
export function noticeLocale(raw: string | undefined, organisation: VerdictLocale): VerdictLocale {
  return (VERDICT_LOCALES as readonly string[]).includes(raw ?? '') ? (raw as VerdictLocale) : organisation;
}

function common(row: NoticeRow, locale: VerdictLocale) {
  const catalog = NOTICE_CATALOGS[locale];
  return {
    subject: row.subject,
    sender: row.sender || row.envelope_sender || catalog.quarantine.unknownSender,
    receivedDateTime: noticeDate(row.received_date_time, locale),
    expiresDateTime: noticeDate(row.expires_date_time, locale),
  };
}

/** The notice to the requester: their request was approved or denied, with the admin's comment. */
export function decisionNotice(row: NoticeRow, comment: string | undefined, locale: VerdictLocale, template: NoticeTemplate): RenderedText {
  const catalog = NOTICE_CATALOGS[locale];
  return renderNotice(template, {
    ...common(row, locale),
    adminMessage: comment === undefined || comment.trim() === '' ? '' : catalog.adminMessage.replace('{message}', () => comment.trim()),
    requester: '',
    reason: '',
    link: '',
  });
}

/** The notice to an admin who is told of release requests: who asked, for what, and where to answer. */
export function requestNotice(row: NoticeRow, reason: QuarantineReason, requester: string, link: string, locale: VerdictLocale, template: NoticeTemplate): RenderedText {
  // The reason in the words the admins read in the portal's quarantine list.
  return renderNotice(template, { ...common(row, locale), adminMessage: '', requester, reason: PORTAL_CATALOGS[locale].quarantine.reasons[reason], link });
}

/** The portal's page of a quarantined message, for links in notices. */
export function quarantineItemLink(publicUrl: string, id: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/admin/quarantine/${encodeURIComponent(id)}`;
}
