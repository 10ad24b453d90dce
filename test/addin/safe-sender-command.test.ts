/**
 * The ribbon's "Safe sender" command: one click adds the sender's address to the user's
 * safe senders, and the notice on the message says exactly what the server stored, or why
 * it refused. Whatever happens, the event is completed exactly once.
 */
import { SAFE_SENDER_NOTICE_KEY } from '../../src/addin/commands/handlers';
import { commandEvent, loadCommands, unloadCommands } from './helpers/load-commands';
import type { SenderListItem } from '../../src/contracts/lists';

afterEach(unloadCommands);

function listed(value: string): SenderListItem {
  return { value, displayValue: value, valueType: value.includes('@') ? 'address' : 'domain', createdDateTime: '2025-01-01T00:00:00.000Z' };
}

async function clickSafeSender(load: ReturnType<typeof loadCommands>) {
  const event = commandEvent();
  await load.handler('addSafeSender')(event);
  expect(event.completed).toHaveBeenCalledTimes(1);
  return event;
}

describe('ribbon "Safe sender"', () => {
  it('adds the From address (not the Sender, not the domain) and says exactly what was added', async () => {
    const load = loadCommands();
    load.server.senderListsAvailable = true;
    await clickSafeSender(load);
    expect(load.server.requestsTo('POST', '/api/me/safe-senders').map((r) => r.body)).toEqual([
      { value: 'newsletter@shop.example' },
    ]);
    expect(load.server.senderLists.safe.map((item) => item.value)).toEqual(['newsletter@shop.example']);
    expect(load.office.notices).toEqual([
      {
        key: SAFE_SENDER_NOTICE_KEY,
        details: {
          type: 'informationalMessage',
          message: 'newsletter@shop.example was added to your safe senders.',
          icon: 'Icon.16',
          persistent: false,
        },
      },
    ]);
  });

  it('names the value as the server stored it (normalised), not as Outlook spelled it', async () => {
    const load = loadCommands({ item: { from: { emailAddress: 'Billing@Supplier.EXAMPLE', displayName: 'B' } } });
    load.server.senderListsAvailable = true;
    await clickSafeSender(load);
    expect(load.server.requestsTo('POST', '/api/me/safe-senders')[0]?.body).toEqual({ value: 'Billing@Supplier.EXAMPLE' });
    expect(load.office.notices[0]?.details.message).toBe('billing@supplier.example was added to your safe senders.');
  });

  it('shows the server’s refusal of a duplicate, as an error', async () => {
    const load = loadCommands();
    load.server.senderListsAvailable = true;
    load.server.senderLists.safe.push(listed('newsletter@shop.example'));
    await clickSafeSender(load);
    expect(load.office.notices[0]?.details).toEqual({
      type: 'errorMessage',
      message: 'The sender could not be added: newsletter@shop.example is already on the list.',
    });
    expect(load.server.senderLists.safe).toHaveLength(1);
  });

  it('refuses out loud when the list is full, saying how many are used of the limit', async () => {
    const load = loadCommands();
    load.server.senderListsAvailable = true;
    load.server.senderListLimit = 2;
    load.server.senderLists.safe.push(listed('a@x.example'), listed('b@x.example'));
    await clickSafeSender(load);
    expect(load.office.notices[0]?.details).toEqual({
      type: 'errorMessage',
      message: 'The sender could not be added: The list is full: 2 of 2 entries are used. Remove one first.',
    });
  });

  it('says clearly when the server has no safe-senders route yet (404 no_route)', async () => {
    const load = loadCommands();
    await clickSafeSender(load);
    expect(load.office.notices[0]?.details).toEqual({
      type: 'errorMessage',
      message: 'This server cannot manage safe and blocked senders yet. Ask your IT team.',
    });
  });

  it('says the server cannot be reached when it is down', async () => {
    const load = loadCommands();
    load.server.senderListsAvailable = true;
    load.server.down = true;
    await clickSafeSender(load);
    expect(load.office.notices[0]?.details).toEqual({
      type: 'errorMessage',
      message: 'The server could not be reached. Please try again later.',
    });
  });

  it('first delivers a report waiting in the outbox, then adds the sender', async () => {
    const load = loadCommands();
    load.server.senderListsAvailable = true;
    load.server.down = true;
    await load.handler('reportJunk')(commandEvent());
    load.server.down = false;
    await clickSafeSender(load);
    const posts = load.server.requests.filter((r) => r.method === 'POST' && !r.url.endsWith('/api/dev/token'));
    expect(posts.map((r) => r.url.slice(load.server.origin.length))).toEqual(['/api/submissions', '/api/me/safe-senders']);
  });

  it('says there is no sender to add when Outlook gives none, and asks the server nothing', async () => {
    const nobody = { emailAddress: '', displayName: '' };
    const load = loadCommands({ item: { from: nobody, sender: nobody } });
    load.server.senderListsAvailable = true;
    await clickSafeSender(load);
    expect(load.office.notices[0]?.details).toEqual({
      type: 'errorMessage',
      message: 'This message has no sender address to add.',
    });
    expect(load.server.requestsTo('POST', '/api/me/safe-senders')).toEqual([]);
  });

  it('completes, with a notice, even when the add-in cannot start', async () => {
    const load = loadCommands({}, { origin: null });
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await clickSafeSender(load);
    expect(consoleError).toHaveBeenCalledWith('[second-look] add safe sender failed', expect.any(Error));
    consoleError.mockRestore();
    expect(load.office.notices[0]?.details).toEqual({ type: 'errorMessage', message: 'Something went wrong. Please try again.' });
  });

  it('completes when there is no message to put a notice on', async () => {
    const load = loadCommands({ item: null });
    load.server.senderListsAvailable = true;
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await clickSafeSender(load);
    expect(consoleError).toHaveBeenCalledWith('[second-look] could not show a notice', expect.anything());
    consoleError.mockRestore();
    expect(load.server.requestsTo('POST', '/api/me/safe-senders')).toEqual([]);
  });

  it('speaks the user’s language, around the server’s value', async () => {
    const load = loadCommands({ displayLanguage: 'fr-FR' });
    load.server.senderListsAvailable = true;
    await clickSafeSender(load);
    expect(load.office.notices[0]?.details.message).toBe('newsletter@shop.example a été ajouté à vos expéditeurs approuvés.');
  });
});
