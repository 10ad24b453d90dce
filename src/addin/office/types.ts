/**
 * Plain data the Office layer hands to the rest of the add-in. Nothing here refers to
 * Office.js types, so the report flow, the task pane and the tests never need `Office`.
 */

/** A person on the message: an address and the name Outlook shows for it. */
export interface EmailIdentity {
  address: string;
  displayName: string;
}

/** The facts of the message being read, as Outlook reports them. */
export interface MessageFacts {
  /** Outlook's (EWS) item id: the input to convertToRestId. */
  itemId: string;
  internetMessageId: string;
  /** The From header (the author). Null only if Outlook has none for this item. */
  from: EmailIdentity | null;
  /** The Sender header when it differs (sending on behalf); otherwise the same as `from`. */
  sender: EmailIdentity | null;
  to: EmailIdentity[];
  cc: EmailIdentity[];
  subject: string;
  /** ISO 8601. Outlook's dateTimeCreated, which for received mail is the time it arrived. */
  receivedAt: string;
}

/** The signed-in Outlook user. */
export type UserIdentity = EmailIdentity;

/** A short note shown on the message (the info bar above the reading pane). */
export interface ItemNotice {
  kind: 'info' | 'error';
  message: string;
}

/** Where the integrated spam-reporting event may move the reported message. There is no Inbox. */
export type SpamMoveTarget = 'junk' | 'deletedItems' | 'none';

/** The post-processing dialog Outlook shows once a spam report has been handled. */
export interface SpamReportDialog {
  title: string;
  description: string;
}

/**
 * Everything the add-in needs from Outlook, as one injectable object. `createOfficeMailbox()`
 * builds the real one; tests and the task pane's components receive fakes or this object.
 */
export interface OfficeMailbox {
  /** The open message's facts, or null when no message item is open. */
  messageFacts(): MessageFacts | null;
  /** The full internet header block (getAllInternetHeadersAsync, Mailbox 1.8). */
  internetHeaders(): Promise<string>;
  /** The whole message in base64 (getAsFileAsync, Mailbox 1.14). */
  messageAsEml(): Promise<string>;
  displayLanguage(): string;
  user(): UserIdentity;
  supports(requirementSet: string, minVersion: string): boolean;
  /** The REST (v2.0, i.e. Microsoft Graph) id of an item id. */
  restId(itemId: string): string;
  /** Shows (or replaces) the notice stored under `key` on the open message. */
  notify(key: string, notice: ItemNotice): Promise<void>;
  /**
   * Calls `listener` whenever another message (or none) is selected while a pinned task pane
   * stays open (ItemChanged, Mailbox 1.5); `messageFacts()` then reads the new one. Returns
   * the unsubscribe. Clients without the event never call it.
   */
  onItemChanged(listener: () => void): () => void;
}
