/**
 * An Outlook read-mode Office.js mock built with office-addin-mock. The seed carries
 * `host: "outlook"` (so values are plain, not "not loaded") and the enums the code reads,
 * since office-addin-mock supplies none. Async methods call back with
 * `{ status: "succeeded", value }`, or the failure variant when a test asks for it.
 *
 * The mailbox takes event handlers (addHandlerAsync) as Outlook's does, and `select()` does
 * what Outlook does when the user selects another message under a pinned task pane: the
 * mailbox's `item` becomes the new message (or nothing) and ItemChanged fires.
 */
import { OfficeMockObject } from 'office-addin-mock';

export const SUCCEEDED = 'succeeded';
export const FAILED = 'failed';

export interface AsyncResultSeed<T> {
  status: string;
  value: T;
  error?: { code: number; message: string; name: string };
}

type Callback<T> = (result: AsyncResultSeed<T>) => void;

export const ENUMS = {
  AsyncResultStatus: { Succeeded: SUCCEEDED, Failed: FAILED },
  MailboxEnums: {
    ItemNotificationMessageType: {
      ProgressIndicator: 'progressIndicator',
      InformationalMessage: 'informationalMessage',
      ErrorMessage: 'errorMessage',
      InsightMessage: 'insightMessage',
    },
    MoveSpamItemTo: {
      CustomFolder: 'customFolder',
      DeletedItemsFolder: 'deletedItemsFolder',
      JunkFolder: 'junkFolder',
      NoMove: 'noMove',
    },
    RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' },
  },
};

export const MESSAGE = {
  itemId: 'AAMkAGI2TG93AAA=',
  internetMessageId: '<CAF=abc123@mail.example.com>',
  from: { emailAddress: 'newsletter@shop.example', displayName: 'Shop Newsletter' },
  sender: { emailAddress: 'bounce@mailer.example', displayName: 'Mailer' },
  to: [
    { emailAddress: 'alice@contoso.example', displayName: 'Alice' },
    { emailAddress: 'team@contoso.example', displayName: 'Team' },
  ],
  cc: [{ emailAddress: 'carol@contoso.example', displayName: 'Carol' }],
  subject: 'Your order has shipped',
  dateTimeCreated: new Date('2025-03-04T08:09:10Z'),
};

export const HEADERS = 'Received: from mx.example\r\nSubject: Your order has shipped\r\n';
/** "From: a@b\r\n\r\nhi" in base64. */
export const EML_BASE64 = Buffer.from('From: newsletter@shop.example\r\n\r\nhi\r\n').toString('base64');

export interface OfficeMockOptions {
  /** null = no item open. */
  item?: Partial<typeof MESSAGE> | null;
  emlFails?: boolean;
  /** The client has no getAsFileAsync (older than Mailbox 1.14). */
  emlUnsupported?: boolean;
  headersFails?: boolean;
  notifyFails?: boolean;
  displayLanguage?: string;
  /** Requirement sets the client supports, with their highest version. */
  requirementSets?: Record<string, string>;
  /** Leave out MailboxEnums.MoveSpamItemTo (an older classic Outlook build). */
  withoutMoveSpamItemTo?: boolean;
  /** Leave out the mailbox's addHandlerAsync (a client older than Mailbox 1.5). */
  withoutItemEvents?: boolean;
  /** addHandlerAsync calls back Failed (and registers nothing). */
  itemEventsFail?: boolean;
  user?: { emailAddress: string; displayName: string };
}

export interface NoticeCall {
  key: string;
  details: { type: string; message: string; icon?: string; persistent?: boolean };
}

/** Office.EventType.ItemChanged's value in Office.js. */
export const ITEM_CHANGED = 'olkItemSelectedChanged';

export interface InstalledOffice {
  mock: OfficeMockObject;
  notices: NoticeCall[];
  /** Handlers registered through Office.actions.associate, by FunctionName. */
  handlers: Map<string, (event: unknown) => unknown>;
  /** Handlers registered through Office.context.mailbox.addHandlerAsync, by event type. */
  eventHandlers: Map<string, Array<(event: unknown) => unknown>>;
  onReadyCalls: number;
  /** Selects another message (`null`: none) and fires ItemChanged, as Outlook does for a pinned pane. */
  select(item: Partial<typeof MESSAGE> | null): void;
}

function failure<T>(value: T): AsyncResultSeed<T> {
  return { status: FAILED, value, error: { code: 9020, message: 'Generic error', name: 'GenericResponseError' } };
}

function versionAtLeast(have: string, want: string): boolean {
  const [haveMajor = 0, haveMinor = 0] = have.split('.').map(Number);
  const [wantMajor = 0, wantMinor = 0] = want.split('.').map(Number);
  return haveMajor > wantMajor || (haveMajor === wantMajor && haveMinor >= wantMinor);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function installOffice(options: OfficeMockOptions = {}): InstalledOffice {
  const notices: NoticeCall[] = [];
  const handlers = new Map<string, (event: unknown) => unknown>();
  const eventHandlers = new Map<string, Array<(event: unknown) => unknown>>();
  const sets = options.requirementSets ?? { Mailbox: '1.14' };
  const installed = { notices, handlers, eventHandlers, onReadyCalls: 0 } as Omit<InstalledOffice, 'mock' | 'select'>;

  const itemSeed = (fields: Partial<typeof MESSAGE> | null | undefined) =>
    fields === null
      ? null
      : {
          ...MESSAGE,
          ...fields,
          getAllInternetHeadersAsync(callback: Callback<string>) {
            callback(options.headersFails ? failure('') : { status: SUCCEEDED, value: HEADERS });
          },
          ...(options.emlUnsupported
            ? {}
            : {
                getAsFileAsync(callback: Callback<string>) {
                  callback(options.emlFails ? failure('') : { status: SUCCEEDED, value: EML_BASE64 });
                },
              }),
          notificationMessages: {
            replaceAsync(key: string, details: NoticeCall['details'], callback?: Callback<void>) {
              if (options.notifyFails) {
                callback?.(failure(undefined));
                return;
              }
              notices.push({ key, details });
              callback?.({ status: SUCCEEDED, value: undefined });
            },
          },
        };
  const item = itemSeed(options.item);

  const moveSpam = options.withoutMoveSpamItemTo
    ? {}
    : { MoveSpamItemTo: ENUMS.MailboxEnums.MoveSpamItemTo };

  const seed = {
    host: 'outlook',
    AsyncResultStatus: ENUMS.AsyncResultStatus,
    EventType: { ItemChanged: ITEM_CHANGED },
    MailboxEnums: {
      ItemNotificationMessageType: ENUMS.MailboxEnums.ItemNotificationMessageType,
      RestVersion: ENUMS.MailboxEnums.RestVersion,
      ...moveSpam,
    },
    context: {
      displayLanguage: options.displayLanguage ?? 'en-US',
      requirements: {
        isSetSupported(name: string, version?: string) {
          const have = sets[name];
          return have !== undefined && versionAtLeast(have, version ?? '1.1');
        },
      },
      // office-addin-mock cannot hold null or undefined values: leave such keys out.
      mailbox: {
        ...(item === null ? {} : { item: withoutUndefined(item) }),
        userProfile: options.user ?? { emailAddress: 'alice@contoso.example', displayName: 'Alice Example' },
        convertToRestId(id: string, version: string) {
          return `rest(${version}):${id.replace(/\//g, '-')}`;
        },
        ...(options.withoutItemEvents
          ? {}
          : {
              addHandlerAsync(eventType: string, handler: (event: unknown) => unknown, callback?: Callback<void>) {
                if (options.itemEventsFail) {
                  callback?.(failure(undefined));
                  return;
                }
                eventHandlers.set(eventType, [...(eventHandlers.get(eventType) ?? []), handler]);
                callback?.({ status: SUCCEEDED, value: undefined });
              },
              removeHandlerAsync(eventType: string, callback?: Callback<void>) {
                eventHandlers.delete(eventType);
                callback?.({ status: SUCCEEDED, value: undefined });
              },
            }),
      },
    },
    actions: {
      associate(name: string, handler: (event: unknown) => unknown) {
        handlers.set(name, handler);
      },
    },
    onReady() {
      installed.onReadyCalls += 1;
      return Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' });
    },
  };

  const mock = new OfficeMockObject(seed);
  (globalThis as { Office?: unknown }).Office = mock;
  const result = installed as InstalledOffice;
  result.mock = mock;
  result.select = (fields) => {
    const next = itemSeed(fields);
    // Built as part of an Outlook seed, so its values are plain (office-addin-mock's host rule).
    const mailbox = (mock['context'] as OfficeMockObject)['mailbox'] as OfficeMockObject;
    mailbox['item'] = next === null ? null : (new OfficeMockObject({ host: 'outlook', item: withoutUndefined(next) }) as OfficeMockObject)['item'];
    for (const handler of eventHandlers.get(ITEM_CHANGED) ?? []) handler({ type: ITEM_CHANGED });
  };
  return result;
}

export function uninstallOffice(): void {
  delete (globalThis as { Office?: unknown }).Office;
  delete (globalThis as { OfficeRuntime?: unknown }).OfficeRuntime;
}
