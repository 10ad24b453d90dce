/**
 * The texts of the quarantine's notices, from the built-in templates in the notice catalogs:
 * the answer to a user's release request (approved or denied, in the user's language, with the
 * admin's comment), and the notice to the admins who are told of a request. The subject is one
 * line whatever the message held (core/notices/render).
 */
import type { QuarantineReason } from '../../contracts/quarantine';
import { VERDICT_LOCALES, type VerdictLocale } from '../../contracts/verdict';
import { renderNotice, type RenderedText } from '../../core/notices/render';
import { NOTICE_CATALOGS } from '../../i18n/notices';
import type { QuarantineListRow } from '../store/quarantine-repo';
import { formatDate } from './notice-templates-service';

/** The organisation's language, for admins' notices and users who never reported (no default-language setting yet). */
export const ORGANISATION_LOCALE: VerdictLocale = 'en-US';

type NoticeRow = Pick<QuarantineListRow, 'id' | 'subject' | 'sender' | 'envelope_sender' | 'received_date_time' | 'expires_date_time'>;

/** `raw` when it is a language notices are written in, else the organisation's. */
export function noticeLocale(raw: string | undefined): VerdictLocale {
  return (VERDICT_LOCALES as readonly string[]).includes(raw ?? '') ? (raw as VerdictLocale) : ORGANISATION_LOCALE;
}

function common(row: NoticeRow, locale: VerdictLocale) {
  const catalog = NOTICE_CATALOGS[locale];
  return {
    subject: row.subject,
    sender: row.sender || row.envelope_sender || catalog.quarantine.unknownSender,
    receivedDateTime: formatDate(row.received_date_time, locale),
    expiresDateTime: formatDate(row.expires_date_time, locale),
  };
}

/** The notice to the requester: their request was approved or denied, with the admin's comment. */
export function decisionNotice(row: NoticeRow, decision: 'approved' | 'denied', comment: string | undefined, locale: VerdictLocale): RenderedText {
  const catalog = NOTICE_CATALOGS[locale];
  return renderNotice(catalog.quarantine[decision], {
    ...common(row, locale),
    adminMessage: comment === undefined || comment.trim() === '' ? '' : catalog.adminMessage.replace('{message}', () => comment.trim()),
    requester: '',
    reason: '',
    link: '',
  });
}

/** The notice to an admin who is told of release requests: who asked, for what, and where to answer. */
export function requestNotice(row: NoticeRow, reason: QuarantineReason, requester: string, link: string, locale: VerdictLocale = ORGANISATION_LOCALE): RenderedText {
  const catalog = NOTICE_CATALOGS[locale];
  return renderNotice(catalog.quarantine.requested, { ...common(row, locale), adminMessage: '', requester, reason: catalog.quarantine.reasons[reason], link });
}

/** The portal's page of a quarantined message, for links in notices. */
export function quarantineItemLink(publicUrl: string, id: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/admin/quarantine/${encodeURIComponent(id)}`;
}
