/**
 * Reads the open message. In read mode the simple facts are plain properties; the header
 * block and the EML are asynchronous calls wrapped as promises.
 */
import { officeCall } from './async';
import { OfficeError } from './errors';
import type { EmailIdentity, MessageFacts } from './types';

/** The open message, or null. Outlook types `item` as a union of every mode; we only read. */
function readItem(): Office.MessageRead | null {
  const item: unknown = Office.context.mailbox?.item;
  return item ? (item as Office.MessageRead) : null;
}

function requireItem(operation: string): Office.MessageRead {
  const item = readItem();
  if (!item) throw new OfficeError(operation, 'noItem', 'no message is open');
  return item;
}

function toIdentity(details: Office.EmailAddressDetails | null | undefined): EmailIdentity | null {
  if (!details?.emailAddress) return null;
  return { address: details.emailAddress, displayName: details.displayName ?? '' };
}

function toIdentities(list: Office.EmailAddressDetails[] | null | undefined): EmailIdentity[] {
  // No flatMap: classic Outlook's JavaScript-only runtime may predate ES2019.
  const identities: EmailIdentity[] = [];
  for (const details of list ?? []) {
    const identity = toIdentity(details);
    if (identity) identities.push(identity);
  }
  return identities;
}

function toIso(value: Date | string | null | undefined): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return new Date(value).toISOString();
  }
  return '';
}

export function getMessageFacts(): MessageFacts | null {
  const item = readItem();
  if (!item) return null;
  const from = toIdentity(item.from);
  return {
    itemId: item.itemId ?? '',
    internetMessageId: item.internetMessageId ?? '',
    from,
    sender: toIdentity(item.sender) ?? from,
    to: toIdentities(item.to),
    cc: toIdentities(item.cc),
    subject: item.subject ?? '',
    receivedAt: toIso(item.dateTimeCreated),
  };
}

export function getAllInternetHeaders(): Promise<string> {
  const operation = 'getAllInternetHeadersAsync';
  return Promise.resolve().then(() => {
    const item = requireItem(operation);
    if (typeof item.getAllInternetHeadersAsync !== 'function') {
      throw new OfficeError(operation, 'unsupported', 'needs Mailbox 1.8');
    }
    return officeCall<string>(operation, (callback) => item.getAllInternetHeadersAsync(callback));
  });
}

/** The whole message, base64-encoded, exactly as Outlook hands it over. */
export function getMessageAsEml(): Promise<string> {
  const operation = 'getAsFileAsync';
  return Promise.resolve().then(() => {
    const item = requireItem(operation);
    if (typeof item.getAsFileAsync !== 'function') {
      throw new OfficeError(operation, 'unsupported', 'needs Mailbox 1.14');
    }
    return officeCall<string>(operation, (callback) => item.getAsFileAsync(callback));
  });
}

/** Converts an EWS item id to the id Microsoft Graph uses (REST v2.0). */
export function convertToRestId(itemId: string): string {
  const mailbox = Office.context.mailbox;
  if (typeof mailbox?.convertToRestId !== 'function') {
    throw new OfficeError('convertToRestId', 'unsupported', 'needs Mailbox 1.3');
  }
  return mailbox.convertToRestId(itemId, Office.MailboxEnums.RestVersion.v2_0);
}
