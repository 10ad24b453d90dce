/**
 * The ribbon's "Safe sender" command: one click adds the sender's address to the user's
 * safe senders, and the notice on the message says exactly what the server stored, or why
 * it refused. Whatever happens, the event is completed exactly once.
 */
import { SAFE_SENDER_NOTICE_KEY } from '../../src/addin/commands/handlers';
import { startAddinServer, type AddinServer } from './helpers/addin-server';
import { commandEvent, loadCommands as load, unloadCommands } from './helpers/load-commands';
import type { OfficeMockOptions } from './helpers/office-mock';

/** The Outlook user of office-mock.ts, whose lists these are. */
const ALICE = 'alice@contoso.example';

let server: AddinServer;
async function serverWith(env: Record<string, string> = {}) {
  server = await startAddinServer(env);
}
afterEach(async () => {
  unloadCommands();
  await server.close();
});

const loadCommands = (options: OfficeMockOptions = {}, setup: Parameters<typeof load>[2] = {}) => load(server, options, setup);
const safeValues = async () => (await server.senderList(ALICE, 'safe')).items.map((item) => item.value);

async function clickSafeSender(load: ReturnType<typeof loadCommands>) {
  const event = commandEvent();
  await load.handler('addSafeSender')(event);
  expect(event.completed).toHaveBeenCalledTimes(1);
  return event;
}

describe('ribbon "Safe sender"', () => {
  it('adds the From address (not the Sender, not the domain) and says exactly what was added', async () => {
    await serverWith();
    const load = loadCommands();
    await clickSafeSender(load);
    expect(server.sentTo('POST', '/api/me/safe-senders').map((r) => r.body)).toEqual([{ value: 'newsletter@shop.example' }]);
    await expect(safeValues()).resolves.toEqual(['newsletter@shop.example']);
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
    await serverWith();
    const load = loadCommands({ item: { from: { emailAddress: 'Billing@Supplier.EXAMPLE', displayName: 'B' } } });
    await clickSafeSender(load);
    expect(server.sentTo('POST', '/api/me/safe-senders')[0]?.body).toEqual({ value: 'Billing@Supplier.EXAMPLE' });
    expect(load.office.notices[0]?.details.message).toBe('billing@supplier.example was added to your safe senders.');
    await expect(safeValues()).resolves.toEqual(['billing@supplier.example']);
  });

  it('shows the server’s refusal of a duplicate, worded from its code, as an error', async () => {
    await serverWith();
    await server.addToList(ALICE, 'safe', 'newsletter@shop.example'); // added earlier, elsewhere
    const load = loadCommands();
    await clickSafeSender(load);
    expect(load.office.notices[0]?.details).toEqual({
      type: 'errorMessage',
      message: 'The sender could not be added: This sender is already on the list.',
    });
    await expect(safeValues()).resolves.toEqual(['newsletter@shop.example']);
  });

  it('refuses out loud when the list is full, saying how many are used of the limit', async () => {
    await serverWith({ SECOND_LOOK_USER_LIST_LIMIT: '2' });
    await server.addToList(ALICE, 'safe', 'a@x.example');
    await server.addToList(ALICE, 'safe', 'b@x.example');
    const load = loadCommands();
    await clickSafeSender(load);
    expect(load.office.notices[0]?.details).toEqual({
      type: 'errorMessage',
      message: 'The sender could not be added: The list is full: 2 of 2 entries are used. Remove one first.',
    });
    expect((await safeValues()).sort()).toEqual(['a@x.example', 'b@x.example']);
  });

  it('says clearly when the server has no safe-senders route yet (404 no_route)', async () => {
    await serverWith();
    server.senderListRoutes = false; // a server from before the users' own lists
    const load = loadCommands();
    await clickSafeSender(load);
    expect(load.office.notices[0]?.details).toEqual({
      type: 'errorMessage',
      message: 'This server cannot manage safe and blocked senders yet. Ask your IT team.',
    });
  });

  it('says the server cannot be reached when it is down', async () => {
    await serverWith();
    const load = loadCommands();
    server.down = true;
    await clickSafeSender(load);
    expect(load.office.notices[0]?.details).toEqual({
      type: 'errorMessage',
      message: 'The server could not be reached. Please try again later.',
    });
    server.down = false;
    await expect(safeValues()).resolves.toEqual([]);
  });

  it('first delivers a report waiting in the outbox, then adds the sender', async () => {
    await serverWith();
    const load = loadCommands();
    server.down = true;
    await load.handler('reportJunk')(commandEvent());
    server.down = false;
    await clickSafeSender(load);
    const posts = server.sent.filter((r) => r.method === 'POST' && r.path !== '/api/dev/token');
    expect(posts.map((r) => r.path)).toEqual(['/api/submissions', '/api/me/safe-senders']);
    expect(await server.submissions()).toEqual([expect.objectContaining({ category: 'spam', sender: 'newsletter@shop.example' })]);
    await expect(safeValues()).resolves.toEqual(['newsletter@shop.example']);
  });

  it('says there is no sender to add when Outlook gives none, and asks the server nothing', async () => {
    await serverWith();
    const nobody = { emailAddress: '', displayName: '' };
    const load = loadCommands({ item: { from: nobody, sender: nobody } });
    await clickSafeSender(load);
    expect(load.office.notices[0]?.details).toEqual({
      type: 'errorMessage',
      message: 'This message has no sender address to add.',
    });
    expect(server.sentTo('POST', '/api/me/safe-senders')).toEqual([]);
  });

  it('completes, with a notice, even when the add-in cannot start', async () => {
    await serverWith();
    const load = loadCommands({}, { origin: null });
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await clickSafeSender(load);
    expect(consoleError).toHaveBeenCalledWith('[second-look] add safe sender failed', expect.any(Error));
    consoleError.mockRestore();
    expect(load.office.notices[0]?.details).toEqual({ type: 'errorMessage', message: 'Something went wrong. Please try again.' });
  });

  it('completes when there is no message to put a notice on', async () => {
    await serverWith();
    const load = loadCommands({ item: null });
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await clickSafeSender(load);
    expect(consoleError).toHaveBeenCalledWith('[second-look] could not show a notice', expect.anything());
    consoleError.mockRestore();
    expect(server.sentTo('POST', '/api/me/safe-senders')).toEqual([]);
  });

  it('speaks the user’s language, around the server’s value', async () => {
    await serverWith();
    const load = loadCommands({ displayLanguage: 'fr-FR' });
    await clickSafeSender(load);
    expect(load.office.notices[0]?.details.message).toBe('newsletter@shop.example a été ajouté à vos expéditeurs approuvés.');
  });

  it('words a refusal in the user’s language too, with the list’s figures (fr-FR, da-DK)', async () => {
    await serverWith({ SECOND_LOOK_USER_LIST_LIMIT: '1' });
    await server.addToList(ALICE, 'safe', 'a@x.example');
    const french = loadCommands({ displayLanguage: 'fr-FR' });
    await clickSafeSender(french);
    expect(french.office.notices[0]?.details).toEqual({
      type: 'errorMessage',
      message: 'L’expéditeur n’a pas pu être ajouté : La liste est pleine : 1 entrée utilisée sur 1. Supprimez-en d’abord une.',
    });
    unloadCommands();
    const danish = loadCommands({ displayLanguage: 'da-DK' });
    await clickSafeSender(danish);
    expect(danish.office.notices[0]?.details.message).toBe('Afsenderen kunne ikke tilføjes: Listen er fuld: 1 af 1 poster er brugt. Fjern først en.');
  });
});
