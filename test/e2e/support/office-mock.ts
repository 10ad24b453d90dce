/**
 * The Office.js stand-in a test page loads instead of Microsoft's office.js: one open message,
 * one signed-in user, callbacks shaped as Office's ({ status, value }). It is a script text,
 * served at office.js's URL, so the built task pane runs unchanged.
 */
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

export function officeMockScript(message: MockMessage, user: MockUser, displayLanguage = 'en-US'): string {
  const data = JSON.stringify({ message, user, displayLanguage });
  return `(() => {
  const data = ${data};
  const succeeded = (value) => ({ status: 'succeeded', value });
  const item = {
    itemId: data.message.itemId,
    itemType: 'message',
    internetMessageId: data.message.internetMessageId,
    from: data.message.from,
    sender: data.message.from,
    to: data.message.to,
    cc: [],
    subject: data.message.subject,
    dateTimeCreated: new Date(data.message.dateTimeCreated),
    getAllInternetHeadersAsync: (options, callback) => (callback || options)(succeeded(data.message.headers)),
    getAsFileAsync: (options, callback) => (callback || options)(succeeded(data.message.emlBase64)),
    notificationMessages: { replaceAsync: (key, details, options, callback) => (callback || options || (() => {}))(succeeded()) },
  };
  window.Office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    MailboxEnums: {
      ItemNotificationMessageType: { InformationalMessage: 'informationalMessage', ErrorMessage: 'errorMessage' },
      MoveSpamItemTo: { JunkFolder: 'junkFolder', DeletedItemsFolder: 'deletedItemsFolder', NoMove: 'noMove', CustomFolder: 'customFolder' },
      RestVersion: { v2_0: 'v2.0' },
    },
    context: {
      displayLanguage: data.displayLanguage,
      requirements: { isSetSupported: (name, version) => name === 'Mailbox' && Number(version || '1.1') <= 1.14 },
      mailbox: { item, userProfile: data.user, convertToRestId: (id) => id },
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
