/**
 * The Office layer: the only code in the project that touches the `Office` and
 * `OfficeRuntime` globals. Everything else receives an `OfficeMailbox`.
 */
import { getDisplayLanguage, getUserIdentity, isSetSupported } from './context';
import { createItemChangedSource } from './item-changed';
import { convertToRestId, getAllInternetHeaders, getMessageAsEml, getMessageFacts } from './message';
import { showItemNotification } from './notifications';
import type { OfficeMailbox } from './types';

export * from './types';
export * from './errors';
export { officeReady, outlookReady, associateAction } from './context';
export { NOTICE_ICON_RESID, NOTICE_MAX_LENGTH, clampNoticeText } from './notifications';
export { completeSpamReport, spamCompletionOptions } from './spam-event';
export type { CommandEvent, SpamReportingEvent, SpamReportCompletion } from './spam-event';
export { createDefaultStorage, createMemoryStorage } from './storage';
export type { KeyValueStorage, StorageKind } from './storage';

export function createOfficeMailbox(): OfficeMailbox {
  const itemChanged = createItemChangedSource();
  return {
    messageFacts: getMessageFacts,
    internetHeaders: getAllInternetHeaders,
    messageAsEml: getMessageAsEml,
    displayLanguage: getDisplayLanguage,
    user: getUserIdentity,
    supports: isSetSupported,
    restId: convertToRestId,
    notify: showItemNotification,
    onItemChanged: (listener) => itemChanged.onItemChanged(listener),
  };
}
