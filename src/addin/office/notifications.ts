/**
 * Notices on the open message: the only feedback a ribbon function command can give.
 */
import { officeCall } from './async';
import { OfficeError } from './errors';
import type { ItemNotice } from './types';

/**
 * The manifest resource id of the 16x16 icon an informational notice must name.
 * manifest.xml has to define an <bt:Image id="..."> with this id.
 */
export const NOTICE_ICON_RESID = 'Icon.16';

/** Outlook rejects notice text over 150 characters. */
export const NOTICE_MAX_LENGTH = 150;

export function clampNoticeText(text: string): string {
  if (text.length <= NOTICE_MAX_LENGTH) return text;
  return `${text.slice(0, NOTICE_MAX_LENGTH - 1).replace(/\s+$/, '')}…`;
}

export function showItemNotification(key: string, notice: ItemNotice): Promise<void> {
  const operation = 'notificationMessages.replaceAsync';
  return Promise.resolve().then(() => {
    const messages = (Office.context.mailbox?.item as Office.MessageRead | null | undefined)
      ?.notificationMessages;
    if (!messages) throw new OfficeError(operation, 'noItem', 'no message is open');
    const types = Office.MailboxEnums.ItemNotificationMessageType;
    const message = clampNoticeText(notice.message);
    const details: Office.NotificationMessageDetails =
      notice.kind === 'error'
        ? { type: types.ErrorMessage, message }
        : { type: types.InformationalMessage, message, icon: NOTICE_ICON_RESID, persistent: false };
    return officeCall<void>(operation, (callback) => messages.replaceAsync(key, details, callback));
  });
}
