/**
 * The Office.js stand-in a test page loads instead of Microsoft's office.js: one selected
 * message, one signed-in user, callbacks shaped as Office's ({ status, value }). It is a script
 * text, served at office.js's URL, so the built task pane runs unchanged.
 *
 * Like Outlook under a pinned task pane, it can change the selection: the test calls
 * `window.officeMock.select(message | null)` in the page (see selectMessage), the mailbox's
 * `item` becomes that message (or none), and the ItemChanged handlers the pane registered
 * through `Office.context.mailbox.addHandlerAsync` are called.
 */
import type { Page } from 'playwright-core';

export interface MockMessage {
  itemId: string;
  internetMessageId: string;
  from: { emailAddress: string; displayName: string };
  to: Array<{ emailAddress: string; displayName: string }>;
  subject: string;
  dateTimeCreated: string;
  headers: string;
  emlBase64: string;
}

export interface MockUser {
  emailAddress: string;
  displayName: string;
}

export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** Office.EventType.ItemChanged's value in Office.js. */
export const ITEM_CHANGED = 'olkItemSelectedChanged';

export function officeMockScript(message: MockMessage, user: MockUser, displayLanguage = 'en-US'): string {
  const data = JSON.stringify({ message, user, displayLanguage, itemChanged: ITEM_CHANGED });
  return `(() => {
  const data = ${data};
  const succeeded = (value) => ({ status: 'succeeded', value });
  const makeItem = (message) => ({
    itemId: message.itemId,
    itemType: 'message',
    internetMessageId: message.internetMessageId,
    from: message.from,
    sender: message.from,
    to: message.to,
    cc: [],
    subject: message.subject,
    dateTimeCreated: new Date(message.dateTimeCreated),
    getAllInternetHeadersAsync: (options, callback) => (callback || options)(succeeded(message.headers)),
    getAsFileAsync: (options, callback) => (callback || options)(succeeded(message.emlBase64)),
    notificationMessages: { replaceAsync: (key, details, options, callback) => (callback || options || (() => {}))(succeeded()) },
  });
  const handlers = new Map();
  const mailbox = {
    item: makeItem(data.message),
    userProfile: data.user,
    convertToRestId: (id) => id,
    addHandlerAsync: (eventType, handler, options, callback) => {
      handlers.set(eventType, [...(handlers.get(eventType) || []), handler]);
      const done = typeof options === 'function' ? options : callback;
      if (done) done(succeeded());
    },
    removeHandlerAsync: (eventType, options, callback) => {
      handlers.delete(eventType);
      const done = typeof options === 'function' ? options : callback;
      if (done) done(succeeded());
    },
  };
  window.officeMock = {
    /** How many ItemChanged handlers the page registered. */
    itemChangedHandlers: () => (handlers.get(data.itemChanged) || []).length,
    /** Selects another message (null: none), as Outlook does under a pinned task pane. */
    select: (message) => {
      mailbox.item = message ? makeItem(message) : null;
      for (const handler of handlers.get(data.itemChanged) || []) handler({ type: data.itemChanged });
    },
  };
  window.Office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { ItemChanged: data.itemChanged },
    MailboxEnums: {
      ItemNotificationMessageType: { InformationalMessage: 'informationalMessage', ErrorMessage: 'errorMessage' },
      MoveSpamItemTo: { JunkFolder: 'junkFolder', DeletedItemsFolder: 'deletedItemsFolder', NoMove: 'noMove', CustomFolder: 'customFolder' },
      RestVersion: { v2_0: 'v2.0' },
    },
    context: {
      displayLanguage: data.displayLanguage,
      requirements: { isSetSupported: (name, version) => name === 'Mailbox' && Number(version || '1.1') <= 1.14 },
      mailbox,
    },
    actions: { associate: () => {} },
    onReady: (callback) => {
      const info = { host: 'Outlook', platform: 'OfficeOnline' };
      if (callback) callback(info);
      return Promise.resolve(info);
    },
  };
})();`;
}

/** Selects `message` (null: none) in the page's Outlook stand-in, firing ItemChanged. */
export async function selectMessage(page: Page, message: MockMessage | null): Promise<void> {
  await page.evaluate((next) => {
    (globalThis as unknown as { officeMock: { select(message: unknown): void } }).officeMock.select(next);
  }, message);
}

/** How many ItemChanged handlers the pane registered with the stand-in. */
export function itemChangedHandlers(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { officeMock: { itemChangedHandlers(): number } }).officeMock.itemChangedHandlers());
}
