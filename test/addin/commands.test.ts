/**
 * The command runtime, loaded through its real entry (commands.ts) over an office-addin-mock
 * Outlook, OfficeRuntime.storage, and the real triage server behind globalThis.fetch. Handlers
 * are captured from the stubbed Office.actions.associate. What the server stored is read back
 * as an administrator reads it.
 */
import { createCommandHandlers } from '../../src/addin/commands/handlers';
import { DEFAULT_STORAGE_KEY } from '../../src/addin/outbox';
import { startAddinServer, type AddinServer } from './helpers/addin-server';
import { commandEvent, loadCommands as load, unloadCommands } from './helpers/load-commands';
import { EML_BASE64, HEADERS, installOffice, type OfficeMockOptions } from './helpers/office-mock';

function spamEvent(options: boolean[], freeText = '') {
  return { options, freeText, completed: jest.fn() };
}

/** A bearer token as the server's issuer signs them (a compact JWS). */
const BEARER_JWT = /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/;

let server: AddinServer;
beforeEach(async () => {
  server = await startAddinServer();
});
afterEach(async () => {
  unloadCommands();
  await server.close();
});

const loadCommands = (options: OfficeMockOptions = {}, setup: Parameters<typeof load>[2] = {}) => load(server, options, setup);

describe('commands.ts entry', () => {
  it('calls Office.onReady at load and associates every manifest FunctionName', () => {
    const { office } = loadCommands();
    expect(office.onReadyCalls).toBe(1);
    expect([...office.handlers.keys()].sort()).toEqual(
      ['addSafeSender', 'onSpamReport', 'reportJunk', 'reportNotJunk', 'reportPhishing'].sort(),
    );
  });
});

describe('ribbon report commands', () => {
  it('Not junk: sends the facts and the EML, confirms on the item, and completes', async () => {
    const { office, handler } = loadCommands();
    const event = commandEvent();
    await handler('reportNotJunk')(event);

    expect(event.completed).toHaveBeenCalledTimes(1);
    const [post] = server.sentTo('POST', '/api/submissions');
    expect(post?.headers.get('authorization')).toMatch(BEARER_JWT);
    expect(post?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(post?.body).toEqual({
      category: 'notJunk',
      internetMessageId: '<CAF=abc123@mail.example.com>',
      recipientEmailAddress: 'alice@contoso.example',
      sender: 'newsletter@shop.example',
      subject: 'Your order has shipped',
      receivedDateTime: '2025-03-04T08:09:10.000Z',
      toRecipients: ['alice@contoso.example', 'team@contoso.example'],
      // Outlook's display language: the security team's answer comes back in it.
      locale: 'en-US',
      message: EML_BASE64,
    });
    expect(server.sentTo('POST', '/api/dev/token')[0]?.body).toEqual({
      user: 'alice@contoso.example',
      displayName: 'Alice Example',
    });
    // The server holds the report as Alice's, with the message itself.
    expect(await server.submissions()).toEqual([
      expect.objectContaining({
        category: 'notJunk',
        internetMessageId: '<CAF=abc123@mail.example.com>',
        sender: 'newsletter@shop.example',
        toRecipients: ['alice@contoso.example', 'team@contoso.example'],
        createdBy: { email: 'alice@contoso.example', displayName: 'Alice Example' },
        hasMessage: true,
      }),
    ]);
    // Dev mode has no Graph token, and a ribbon command has no moveItemTo: tell the user.
    expect(office.notices.map((n) => [n.details.type, n.details.message])).toEqual([
      ['informationalMessage', 'Thank you. Your report (Not junk) was received.'],
      ['informationalMessage', "Move it to your Inbox with Outlook's Not junk button."],
    ]);
  });

  it('queues the report when the server is down, and the next command delivers it first, once', async () => {
    const { office, storage, handler } = loadCommands();
    server.down = true;
    const first = commandEvent();
    await handler('reportJunk')(first);
    expect(first.completed).toHaveBeenCalledTimes(1);
    expect(office.notices[0]?.details.message).toBe('Queued — will be sent when the server is reachable.');
    const stored = JSON.parse((await storage.getItem(DEFAULT_STORAGE_KEY)) ?? '[]') as Array<{ key: string }>;
    expect(stored).toHaveLength(1);

    server.down = false;
    const second = commandEvent();
    await handler('reportPhishing')(second);
    expect(second.completed).toHaveBeenCalledTimes(1);
    const posts = server.sentTo('POST', '/api/submissions');
    expect(posts.map((p) => (p.body as { category: string }).category)).toEqual(['spam', 'phishing']);
    expect(posts[0]?.headers.get('idempotency-key')).toBe(stored[0]?.key);
    // Each report is held once, the queued one first.
    const held = await server.submissions();
    expect(held.map((s) => s.category).sort()).toEqual(['phishing', 'spam']);
    await expect(storage.getItem(DEFAULT_STORAGE_KEY)).resolves.toBeNull();
  });

  it('says why a report is refused for good, from the refusal’s code', async () => {
    // An Exchange-internal sender, not an Internet address: the server refuses the report.
    const { office, handler } = loadCommands({ item: { from: { emailAddress: '/O=EXCHANGE/CN=ANNA', displayName: 'Anna' } } });
    const event = commandEvent();
    await handler('reportJunk')(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(office.notices[0]?.details.type).toBe('errorMessage');
    expect(office.notices[0]?.details.message).toBe('Your report was not accepted: Part of what was sent did not pass the server’s checks.');
    await expect(server.submissions()).resolves.toEqual([]);
  });

  it('says it in the user’s language (fr-FR), and sends the report in it', async () => {
    const { office, handler } = loadCommands({
      displayLanguage: 'fr-FR',
      item: { from: { emailAddress: '/O=EXCHANGE/CN=ANNA', displayName: 'Anna' } },
    });
    await handler('reportJunk')(commandEvent());
    expect(server.sentTo('POST', '/api/submissions')[0]?.body).toMatchObject({ locale: 'fr-FR' });
    expect(office.notices[0]?.details).toEqual({
      type: 'errorMessage',
      message: 'Votre signalement a été refusé : Une partie de ce qui a été envoyé n’a pas passé les contrôles du serveur.',
    });
  });

  it('completes even when no message is open', async () => {
    const { office, handler } = loadCommands({ item: null });
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const event = commandEvent();
    await handler('reportPhishing')(event);
    expect(consoleError).toHaveBeenCalledWith('[second-look] could not show a notice', expect.anything());
    consoleError.mockRestore();
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(server.sentTo('POST', '/api/submissions')).toHaveLength(0);
    expect(office.notices).toHaveLength(0); // there is no item to put a notice on
    await expect(server.submissions()).resolves.toEqual([]);
  });

  it('speaks the user’s language', async () => {
    const { office, handler } = loadCommands({ displayLanguage: 'da-DK' });
    await handler('reportNotJunk')(commandEvent());
    expect(office.notices[0]?.details.message).toBe('Tak. Din rapport (Ikke uønsket) er modtaget.');
  });
});

describe('onSpamReport (integrated spam reporting)', () => {
  it('sends the EML with the chosen category and free text, then moves Junk to Junk Email', async () => {
    const { handler } = loadCommands();
    const event = spamEvent([false, true, false], 'Sold my address');
    await handler('onSpamReport')(event);
    const [post] = server.sentTo('POST', '/api/submissions');
    expect(post?.body).toMatchObject({ category: 'spam', comment: 'Sold my address', message: EML_BASE64 });
    expect(await server.submissions()).toEqual([
      expect.objectContaining({ category: 'spam', comment: 'Sold my address', hasMessage: true, createdBy: expect.objectContaining({ email: 'alice@contoso.example' }) }),
    ]);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(event.completed).toHaveBeenCalledWith({
      onErrorDeleteItem: false,
      moveItemTo: 'junkFolder',
      showPostProcessingDialog: {
        title: 'Thank you for your report',
        description: 'Thank you. Your report (Junk) was received. The message was moved to Junk Email.',
      },
    });
  });

  it('Phishing goes to Deleted Items; Not junk stays put with an instruction', async () => {
    const { handler } = loadCommands();
    const phishing = spamEvent([false, false, true]);
    await handler('onSpamReport')(phishing);
    expect(phishing.completed).toHaveBeenCalledWith(expect.objectContaining({ moveItemTo: 'deletedItemsFolder' }));

    const notJunk = spamEvent([true, false, false]);
    await handler('onSpamReport')(notJunk);
    expect(notJunk.completed).toHaveBeenCalledWith(
      expect.objectContaining({
        moveItemTo: 'noMove',
        showPostProcessingDialog: expect.objectContaining({
          description: expect.stringContaining("Move it to your Inbox with Outlook's Not junk button."),
        }),
      }),
    );
  });

  it('when getAsFileAsync fails it still reports (with the headers) and completes', async () => {
    const { handler } = loadCommands({ emlFails: true });
    const event = spamEvent([false, false, true]);
    await handler('onSpamReport')(event);
    const [post] = server.sentTo('POST', '/api/submissions');
    expect(post?.body).toMatchObject({ category: 'phishing', headers: HEADERS });
    expect((post?.body as Record<string, unknown>)['message']).toBeUndefined();
    // Held without a message: the header block is all the server has of it.
    expect(await server.submissions()).toEqual([expect.objectContaining({ category: 'phishing', hasMessage: false })]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('when Outlook gives nothing at all it completes with a failure dialog and leaves the message', async () => {
    const { handler } = loadCommands({ emlFails: true, headersFails: true });
    const event = spamEvent([false, true, false]);
    await handler('onSpamReport')(event);
    expect(server.sentTo('POST', '/api/submissions')).toHaveLength(0);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(event.completed).toHaveBeenCalledWith({
      onErrorDeleteItem: false,
      moveItemTo: 'noMove',
      showPostProcessingDialog: {
        title: 'Your report was not sent',
        description: 'Outlook could not give the add-in this message. Please try again.',
      },
    });
  });

  it('completes even when the add-in cannot start (no server origin)', async () => {
    const { handler } = loadCommands({}, { origin: null });
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const event = spamEvent([false, true, false]);
    await handler('onSpamReport')(event);
    expect(consoleError).toHaveBeenCalledWith('[second-look] spam report failed', expect.any(Error));
    consoleError.mockRestore();
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(event.completed).toHaveBeenCalledWith(
      expect.objectContaining({
        moveItemTo: 'noMove',
        showPostProcessingDialog: { title: 'Your report was not sent', description: 'Something went wrong. Please try again.' },
      }),
    );
  });

  it('queues when the server is down, says so, and still moves the message', async () => {
    const { handler, storage } = loadCommands();
    server.down = true;
    const event = spamEvent([false, true, false]);
    await handler('onSpamReport')(event);
    expect(event.completed).toHaveBeenCalledWith(
      expect.objectContaining({
        moveItemTo: 'junkFolder',
        showPostProcessingDialog: expect.objectContaining({ title: 'Your report will be sent later' }),
      }),
    );
    const stored = JSON.parse((await storage.getItem(DEFAULT_STORAGE_KEY)) ?? '[]') as Array<{ state: string }>;
    expect(stored).toEqual([expect.objectContaining({ state: 'pending' })]);
  });
});

describe('createCommandHandlers', () => {
  it('completes a ribbon command even when the services cannot be built and the notice fails', async () => {
    installOffice({ notifyFails: true });
    const log = jest.fn();
    const handlers = createCommandHandlers({
      mailbox: {
        messageFacts: () => null,
        internetHeaders: async () => '',
        messageAsEml: async () => '',
        displayLanguage: () => 'fr-FR',
        user: () => ({ address: '', displayName: '' }),
        supports: () => false,
        restId: (id) => id,
        notify: async () => {
          throw new Error('item moved away');
        },
        onItemChanged: () => () => undefined,
      },
      services: () => {
        throw new Error('no origin');
      },
      log,
    });
    const event = commandEvent();
    await handlers.reportJunk(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith('report (junk) failed', expect.any(Error));
    expect(log).toHaveBeenCalledWith('could not show a notice', expect.any(Error));
  });
});
