import {
  NOTICE_ICON_RESID,
  NOTICE_MAX_LENGTH,
  OfficeError,
  completeSpamReport,
  createDefaultStorage,
  createOfficeMailbox,
  type SpamReportingEvent,
} from '../../src/addin/office';
import { createItemChangedSource } from '../../src/addin/office/item-changed';
import { EML_BASE64, HEADERS, ITEM_CHANGED, MESSAGE, installOffice, uninstallOffice } from './helpers/office-mock';

afterEach(uninstallOffice);

describe('Office layer: message facts', () => {
  it('returns the open message as plain data', () => {
    installOffice();
    const facts = createOfficeMailbox().messageFacts();
    expect(facts).toEqual({
      itemId: MESSAGE.itemId,
      internetMessageId: MESSAGE.internetMessageId,
      from: { address: 'newsletter@shop.example', displayName: 'Shop Newsletter' },
      sender: { address: 'bounce@mailer.example', displayName: 'Mailer' },
      to: [
        { address: 'alice@contoso.example', displayName: 'Alice' },
        { address: 'team@contoso.example', displayName: 'Team' },
      ],
      cc: [{ address: 'carol@contoso.example', displayName: 'Carol' }],
      subject: 'Your order has shipped',
      receivedAt: '2025-03-04T08:09:10.000Z',
    });
  });

  it('uses From as the sender when Outlook gives no Sender', () => {
    installOffice({ item: { sender: undefined as never, cc: undefined as never } });
    const facts = createOfficeMailbox().messageFacts();
    expect(facts?.sender).toEqual({ address: 'newsletter@shop.example', displayName: 'Shop Newsletter' });
    expect(facts?.cc).toEqual([]);
  });

  it('returns null when no message is open', () => {
    installOffice({ item: null });
    expect(createOfficeMailbox().messageFacts()).toBeNull();
  });
});

describe('Office layer: asynchronous calls', () => {
  it('resolves the header block and the EML', async () => {
    installOffice();
    const mailbox = createOfficeMailbox();
    await expect(mailbox.internetHeaders()).resolves.toBe(HEADERS);
    await expect(mailbox.messageAsEml()).resolves.toBe(EML_BASE64);
  });

  it('rejects with a typed OfficeError when Outlook reports Failed', async () => {
    installOffice({ emlFails: true, headersFails: true });
    const mailbox = createOfficeMailbox();
    const error = await mailbox.messageAsEml().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeError);
    expect(error).toMatchObject({ operation: 'getAsFileAsync', reason: 'failed', code: 9020 });
    await expect(mailbox.internetHeaders()).rejects.toMatchObject({ reason: 'failed' });
  });

  it('rejects as unsupported when the client lacks getAsFileAsync', async () => {
    installOffice({ emlUnsupported: true });
    await expect(createOfficeMailbox().messageAsEml()).rejects.toMatchObject({
      name: 'OfficeError',
      reason: 'unsupported',
    });
  });

  it('rejects as noItem when nothing is open', async () => {
    installOffice({ item: null });
    await expect(createOfficeMailbox().internetHeaders()).rejects.toMatchObject({ reason: 'noItem' });
  });
});

describe('Office layer: context', () => {
  it('reports the display language, the user and requirement sets', () => {
    installOffice({ displayLanguage: 'da-DK', requirementSets: { Mailbox: '1.14', NestedAppAuth: '1.1' } });
    const mailbox = createOfficeMailbox();
    expect(mailbox.displayLanguage()).toBe('da-DK');
    expect(mailbox.user()).toEqual({ address: 'alice@contoso.example', displayName: 'Alice Example' });
    expect(mailbox.supports('Mailbox', '1.14')).toBe(true);
    expect(mailbox.supports('Mailbox', '1.15')).toBe(false);
    expect(mailbox.supports('NestedAppAuth', '1.1')).toBe(true);
    expect(mailbox.supports('SharedRuntime', '1.1')).toBe(false);
  });

  it('converts an item id to a REST v2.0 id', () => {
    installOffice();
    expect(createOfficeMailbox().restId('AA/BB')).toBe('rest(v2.0):AA-BB');
  });
});

describe('Office layer: the selected message changes (ItemChanged, pinned task pane)', () => {
  it('registers one ItemChanged handler for all its listeners, and reads the new selection when it fires', () => {
    const office = installOffice();
    const mailbox = createOfficeMailbox();
    const first = jest.fn(() => mailbox.messageFacts()?.subject);
    const second = jest.fn();
    const stopFirst = mailbox.onItemChanged(first);
    mailbox.onItemChanged(second);
    expect(office.eventHandlers.get(ITEM_CHANGED)).toHaveLength(1);

    office.select({ subject: 'Another message', internetMessageId: '<other@example.com>' });
    expect(first).toHaveBeenCalledTimes(1);
    expect(first).toHaveReturnedWith('Another message');
    expect(second).toHaveBeenCalledTimes(1);
    expect(mailbox.messageFacts()?.internetMessageId).toBe('<other@example.com>');

    // A listener that left is not called; nothing selected reads as no message.
    stopFirst();
    office.select(null);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
    expect(mailbox.messageFacts()).toBeNull();
    expect(office.eventHandlers.get(ITEM_CHANGED)).toHaveLength(1);
  });

  it('does nothing on a client without item events (older than Mailbox 1.5)', () => {
    const office = installOffice({ withoutItemEvents: true });
    const listener = jest.fn();
    const stop = createOfficeMailbox().onItemChanged(listener);
    office.select({ subject: 'Another message' });
    expect(listener).not.toHaveBeenCalled();
    stop();
  });

  it('says when Outlook refuses the registration, and a later listener tries again', async () => {
    const log = jest.fn();
    installOffice({ itemEventsFail: true });
    const source = createItemChangedSource(log);
    source.onItemChanged(() => undefined);
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toHaveBeenCalledWith('could not listen for ItemChanged', expect.objectContaining({ name: 'OfficeError', operation: 'addHandlerAsync' }));

    uninstallOffice();
    const office = installOffice();
    const listener = jest.fn();
    source.onItemChanged(listener);
    office.select({ subject: 'Another message' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps calling the other listeners when one throws', () => {
    const office = installOffice();
    const log = jest.fn();
    const source = createItemChangedSource(log);
    const after = jest.fn();
    source.onItemChanged(() => {
      throw new Error('listener bug');
    });
    source.onItemChanged(after);
    office.select(null);
    expect(after).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith('an ItemChanged listener failed', expect.any(Error));
  });
});

describe('Office layer: notifications', () => {
  it('shows an informational notice with the manifest icon, clamped to 150 characters', async () => {
    const office = installOffice();
    await createOfficeMailbox().notify('k', { kind: 'info', message: 'x'.repeat(400) });
    expect(office.notices).toHaveLength(1);
    const [notice] = office.notices;
    expect(notice?.key).toBe('k');
    expect(notice?.details).toMatchObject({ type: 'informationalMessage', icon: NOTICE_ICON_RESID, persistent: false });
    expect(notice?.details.message).toHaveLength(NOTICE_MAX_LENGTH);
    expect(notice?.details.message.endsWith('…')).toBe(true);
  });

  it('shows an error notice without an icon', async () => {
    const office = installOffice();
    await createOfficeMailbox().notify('k', { kind: 'error', message: 'Nope' });
    expect(office.notices[0]?.details).toEqual({ type: 'errorMessage', message: 'Nope' });
  });

  it('rejects when Outlook refuses the notice', async () => {
    installOffice({ notifyFails: true });
    await expect(createOfficeMailbox().notify('k', { kind: 'info', message: 'x' })).rejects.toBeInstanceOf(
      OfficeError,
    );
  });
});

describe('Office layer: spam-report completion', () => {
  function fakeEvent() {
    const completed = jest.fn();
    const event: SpamReportingEvent = { options: [true, false, false], freeText: '', completed };
    return { event, completed };
  }

  it.each([
    ['junk', 'junkFolder'],
    ['deletedItems', 'deletedItemsFolder'],
    ['none', 'noMove'],
  ] as const)('maps %s to MoveSpamItemTo %s and never deletes on error', (moveTo, expected) => {
    installOffice();
    const { event, completed } = fakeEvent();
    completeSpamReport(event, { moveTo, dialog: { title: 'T', description: 'D' } });
    expect(completed).toHaveBeenCalledTimes(1);
    expect(completed).toHaveBeenCalledWith({
      onErrorDeleteItem: false,
      moveItemTo: expected,
      showPostProcessingDialog: { title: 'T', description: 'D' },
    });
  });

  it('falls back to postProcessingAction on builds without MoveSpamItemTo', () => {
    installOffice({ withoutMoveSpamItemTo: true });
    const { event, completed } = fakeEvent();
    completeSpamReport(event, { moveTo: 'deletedItems', dialog: { title: 'T', description: 'D' } });
    expect(completed).toHaveBeenCalledWith(expect.objectContaining({ postProcessingAction: 'delete' }));
  });

  it('still completes the event when the client rejects the options', () => {
    installOffice();
    const completed = jest.fn((options?: unknown) => {
      if (options !== undefined) throw new Error('bad options');
    });
    completeSpamReport({ completed }, { moveTo: 'junk', dialog: { title: 'T', description: 'D' } });
    expect(completed).toHaveBeenCalledTimes(2);
    expect(completed).toHaveBeenLastCalledWith();
  });
});

describe('Office layer: storage adapter', () => {
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('prefers OfficeRuntime.storage', async () => {
    const values = new Map<string, string>();
    (globalThis as { OfficeRuntime?: unknown }).OfficeRuntime = {
      storage: {
        getItem: async (key: string) => values.get(key) ?? null,
        setItem: async (key: string, value: string) => void values.set(key, value),
        removeItem: async (key: string) => void values.delete(key),
      },
    };
    (globalThis as { localStorage?: unknown }).localStorage = { getItem: () => 'wrong' };
    const { kind, storage } = createDefaultStorage();
    expect(kind).toBe('officeRuntime');
    await storage.setItem('a', '1');
    expect(values.get('a')).toBe('1');
    await expect(storage.getItem('a')).resolves.toBe('1');
    await storage.removeItem('a');
    expect(values.has('a')).toBe(false);
  });

  it('falls back to localStorage, then to memory', async () => {
    const values = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => values.set(key, value),
      removeItem: (key: string) => values.delete(key),
    };
    const local = createDefaultStorage();
    expect(local.kind).toBe('localStorage');
    await local.storage.setItem('b', '2');
    expect(values.get('b')).toBe('2');

    delete (globalThis as { localStorage?: unknown }).localStorage;
    expect(createDefaultStorage().kind).toBe('memory');
  });
});
