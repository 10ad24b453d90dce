/** @jest-environment <rootDir>/test/addin/helpers/jsdom-with-node.js */
/**
 * The task pane's "Safe and blocked senders" section as the user meets it: rendered into jsdom,
 * used with user-event (choose, click, confirm, cancel, remove), and checked by what is on
 * screen and by what the real server then holds for the user. Its parts are rendered alone for
 * the states that are hard to reach through a server (busy, a sender without a domain), and the
 * section's state machine is checked on its own. test/e2e/safe-senders.test.ts does the same
 * in Chromium over HTTP.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageFacts, OfficeMailbox } from '../../src/addin/office';
import { AddSenderForm } from '../../src/addin/taskpane/components/AddSenderForm';
import { ConfirmAddDialog } from '../../src/addin/taskpane/components/ConfirmAddDialog';
import { ListsStatusRegion } from '../../src/addin/taskpane/components/ListsStatusRegion';
import { SenderListsSection } from '../../src/addin/taskpane/components/SenderListsSection';
import { SenderListView } from '../../src/addin/taskpane/components/SenderListView';
import { PaneProvider } from '../../src/addin/taskpane/context';
import { loadSenderListsSection } from '../../src/addin/taskpane/lazy-sections';
import { INITIAL_LISTS_STATE, listsReducer, listsStatusText, type ListsState } from '../../src/addin/taskpane/lists-state';
import type { SenderListItem } from '../../src/contracts/lists';
import { daDK } from '../../src/i18n/da-DK';
import { enUS } from '../../src/i18n/en-US';
import { ACCEPTED_DOMAIN, startAddinServer, type AddinServer } from './helpers/addin-server';
import { fakeMailbox } from './helpers/fake-mailbox';
import { paneOver, renderInFluent } from './helpers/pane';

const ANNA = { address: 'anna@contoso.example', displayName: 'Anna' };
const SENDER = 'billing@supplier.example';

const FACTS: MessageFacts = {
  itemId: 'item-1',
  internetMessageId: '<m1@example.com>',
  from: { address: SENDER, displayName: 'Bjørn Hansen' },
  sender: { address: 'bounce@mailer.example', displayName: 'Mailer' },
  to: [],
  cc: [],
  subject: 'Faktura',
  receivedAt: '2025-03-04T08:09:10.000Z',
};

function item(value: string, displayValue = value): SenderListItem {
  return { value, displayValue, valueType: value.includes('@') ? 'address' : 'domain', createdDateTime: '2025-01-01T00:00:00.000Z' };
}

function mailbox(language = 'en-US'): OfficeMailbox {
  return { ...fakeMailbox(FACTS, ANNA), displayLanguage: () => language };
}

describe('lists state', () => {
  const ready = (state: ListsState, list: 'safe' | 'blocked') => {
    const view = state.lists[list];
    if (view.kind !== 'ready') throw new Error(`${list} is ${view.kind}`);
    return view;
  };

  function loaded(): ListsState {
    const safe = listsReducer(INITIAL_LISTS_STATE, {
      type: 'loaded',
      list: 'safe',
      response: { items: [item('zed@x.example'), item('xn--bcher-kva.example', 'bücher.example'), item('amy@x.example')], used: 3, limit: 1024 },
    });
    return listsReducer(safe, { type: 'loaded', list: 'blocked', response: { items: [], used: 0, limit: 1024 } });
  }

  it('starts with both lists loading and an idle status', () => {
    expect(INITIAL_LISTS_STATE).toEqual({ lists: { safe: { kind: 'loading' }, blocked: { kind: 'loading' } }, status: { state: 'idle' } });
    expect(listsStatusText(INITIAL_LISTS_STATE.status, enUS)).toBe('');
  });

  it('keeps a loaded list sorted by what the user reads', () => {
    expect(ready(loaded(), 'safe').items.map((i) => i.displayValue)).toEqual(['amy@x.example', 'bücher.example', 'zed@x.example']);
  });

  it('adds an entry in order, counts it, and says what was added to which list', () => {
    const working = listsReducer(loaded(), { type: 'working' });
    expect(working.status).toEqual({ state: 'working' });
    expect(listsStatusText(working.status, enUS)).toBe('Saving your change…');
    const added = listsReducer(working, { type: 'added', list: 'safe', item: item('bob@x.example'), strings: enUS });
    expect(ready(added, 'safe').items.map((i) => i.value)).toEqual(['amy@x.example', 'bob@x.example', 'xn--bcher-kva.example', 'zed@x.example']);
    expect(ready(added, 'safe').used).toBe(4);
    expect(ready(added, 'blocked')).toEqual(ready(loaded(), 'blocked'));
    expect(added.status).toEqual({ state: 'added', tone: 'success', text: 'bob@x.example was added to your safe senders.' });
  });

  it('does not count an entry twice when the server returns one it already had', () => {
    const again = listsReducer(loaded(), { type: 'added', list: 'safe', item: item('amy@x.example'), strings: enUS });
    expect(ready(again, 'safe').used).toBe(3);
    expect(ready(again, 'safe').items).toHaveLength(3);
  });

  it('removes an entry and says so with its display value', () => {
    const removed = listsReducer(loaded(), {
      type: 'removed',
      list: 'safe',
      item: item('xn--bcher-kva.example', 'bücher.example'),
      strings: daDK,
    });
    expect(ready(removed, 'safe').items.map((i) => i.value)).toEqual(['amy@x.example', 'zed@x.example']);
    expect(ready(removed, 'safe').used).toBe(2);
    expect(removed.status).toMatchObject({ state: 'removed', text: 'bücher.example er fjernet fra dine sikre afsendere.' });
  });

  it('leaves a list it does not know alone, and shows a failure as an error line', () => {
    const added = listsReducer(INITIAL_LISTS_STATE, { type: 'added', list: 'blocked', item: item('spam.example'), strings: enUS });
    expect(added.lists.blocked).toEqual({ kind: 'loading' });
    const failed = listsReducer(added, { type: 'failed', text: 'no' });
    expect(failed.status).toEqual({ state: 'error', tone: 'error', text: 'no' });
    const loadFailed = listsReducer(failed, { type: 'loadFailed', list: 'safe', message: 'down' });
    expect(loadFailed.lists.safe).toEqual({ kind: 'error', message: 'down' });
    expect(loadFailed.status).toBe(failed.status);
  });
});

describe('the section, used against the real server', () => {
  let server: AddinServer;
  beforeEach(async () => {
    server = await startAddinServer();
  });
  afterEach(async () => server.close());

  /** Renders the section for `message` over pane services signed in as Anna, and waits for both lists. */
  async function openSection(message: MessageFacts | null = FACTS, language = 'en-US') {
    const { pane } = paneOver(server, mailbox(language));
    renderInFluent(
      <PaneProvider services={pane}>
        <SenderListsSection message={message} />
      </PaneProvider>,
    );
    await waitFor(() => {
      expect(screen.getByTestId('safe-senders').getAttribute('data-state')).not.toBe('loading');
      expect(screen.getByTestId('blocked-senders').getAttribute('data-state')).not.toBe('loading');
    });
  }

  const status = () => screen.getByTestId('lists-status');
  const stored = async (list: 'safe' | 'blocked') => (await server.senderList(ANNA.address, list)).items;

  it('offers the address (chosen) and the domain, both add buttons, the status region and both lists', async () => {
    await openSection();
    expect(screen.getByRole('heading', { level: 2, name: 'Safe and blocked senders' })).toBeTruthy();
    const radios = screen.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((radio) => [radio.value, radio.checked])).toEqual([
      ['address', true],
      ['domain', false],
    ]);
    expect(screen.getByRole('radio', { name: `Only this address: ${SENDER}` }).getAttribute('value')).toBe('address');
    expect(screen.getByRole('radio', { name: 'Everyone at supplier.example' }).getAttribute('value')).toBe('domain');
    expect(screen.getByRole('radiogroup', { name: 'Which sender?' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add to safe senders' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add to blocked senders' })).toBeTruthy();
    expect(status().getAttribute('role')).toBe('status');
    expect(status().getAttribute('data-state')).toBe('idle');
    expect(screen.getByRole('heading', { level: 3, name: 'Your safe senders' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Your blocked senders' })).toBeTruthy();
    expect(screen.getByTestId('safe-senders-used').textContent).toBe('0 of 1,024 used');
    expect(within(screen.getByTestId('blocked-senders')).getByText('None yet.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('without a message, shows the lists but nothing to add', async () => {
    await server.addToList(ANNA.address, 'safe', SENDER);
    await openSection(null);
    expect(screen.getByRole('heading', { name: 'Your safe senders' })).toBeTruthy();
    expect(screen.getAllByTestId('safe-sender').map((entry) => entry.getAttribute('data-value'))).toEqual([SENDER]);
    expect(screen.queryByRole('button', { name: 'Add to safe senders' })).toBeNull();
    expect(screen.queryByRole('radio')).toBeNull();
  });

  it('adds the sender’s address only after “Add” in the confirmation, lists it, then removes it', async () => {
    const user = userEvent.setup();
    await openSection();

    await user.click(screen.getByRole('button', { name: 'Add to safe senders' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Add to your safe senders?');
    expect(within(dialog).getByTestId('confirm-value').textContent).toBe(SENDER);
    await expect(stored('safe')).resolves.toEqual([]); // asked, not yet confirmed: nothing saved

    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(status().getAttribute('data-state')).toBe('added'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(status().textContent).toBe(`${SENDER} was added to your safe senders.`);
    expect(screen.getAllByTestId('safe-sender').map((entry) => entry.textContent)).toEqual([`${SENDER}Remove`]);
    expect(screen.getByTestId('safe-senders-used').textContent).toBe('1 of 1,024 used');
    expect(screen.queryAllByTestId('blocked-sender')).toEqual([]);
    await expect(stored('safe')).resolves.toEqual([expect.objectContaining({ value: SENDER, displayValue: SENDER, valueType: 'address' })]);
    await expect(stored('blocked')).resolves.toEqual([]);

    await user.click(screen.getByRole('button', { name: `Remove ${SENDER}` }));
    await waitFor(() => expect(status().getAttribute('data-state')).toBe('removed'));
    expect(status().textContent).toBe(`${SENDER} was removed from your safe senders.`);
    expect(screen.queryAllByTestId('safe-sender')).toEqual([]);
    expect(screen.getByTestId('safe-senders-used').textContent).toBe('0 of 1,024 used');
    await expect(stored('safe')).resolves.toEqual([]);
  });

  it('Cancel saves nothing; the domain goes to blocked senders only after “Add”', async () => {
    const user = userEvent.setup();
    await openSection();

    await user.click(screen.getByRole('radio', { name: 'Everyone at supplier.example' }));
    expect((screen.getByRole('radio', { name: 'Everyone at supplier.example' }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Add to blocked senders' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Add to your blocked senders?');
    expect(within(dialog).getByTestId('confirm-value').textContent).toBe('supplier.example');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(status().getAttribute('data-state')).toBe('idle');
    await expect(stored('blocked')).resolves.toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Add to blocked senders' }));
    // The dialog opens again once Fluent has finished closing the first one: longer than a second on a busy machine.
    await user.click(within(await screen.findByRole('dialog', {}, { timeout: 10_000 })).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(status().getAttribute('data-state')).toBe('added'));
    expect(screen.getAllByTestId('blocked-sender').map((entry) => entry.textContent)).toEqual(['supplier.exampleRemove']);
    await expect(stored('blocked')).resolves.toEqual([expect.objectContaining({ value: 'supplier.example', valueType: 'domain' })]);
    await expect(stored('safe')).resolves.toEqual([]);
  });

  it('words the server’s refusal from its code, and reads the list again (a duplicate added elsewhere)', async () => {
    const user = userEvent.setup();
    await openSection();
    await server.addToList(ANNA.address, 'safe', SENDER); // meanwhile, from another device

    await user.click(screen.getByRole('button', { name: 'Add to safe senders' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(status().getAttribute('data-state')).toBe('error'));
    expect(status().textContent).toBe(`${SENDER} was not added to your safe senders: This sender is already on the list.`);
    await waitFor(() => expect(screen.getAllByTestId('safe-sender')).toHaveLength(1));
    expect(screen.getByTestId('safe-senders-used').textContent).toBe('1 of 1,024 used');
    await expect(stored('safe')).resolves.toHaveLength(1);
  });

  it('refuses the organisation’s own domain, saying why', async () => {
    const user = userEvent.setup();
    const colleague: MessageFacts = { ...FACTS, from: { address: `payroll@${ACCEPTED_DOMAIN}`, displayName: 'Payroll' } };
    await openSection(colleague);
    await user.click(screen.getByRole('radio', { name: `Everyone at ${ACCEPTED_DOMAIN}` }));
    await user.click(screen.getByRole('button', { name: 'Add to safe senders' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(status().getAttribute('data-state')).toBe('error'));
    expect(status().textContent).toBe(
      `${ACCEPTED_DOMAIN} was not added to your safe senders: This is one of your organisation’s own domains; add single addresses instead.`,
    );
    await expect(stored('safe')).resolves.toEqual([]);
  });

  it('says so when the server cannot manage lists yet, or cannot be reached', async () => {
    server.senderListRoutes = false; // a server from before the users' own lists
    await openSection();
    for (const list of ['safe-senders', 'blocked-senders']) {
      expect(screen.getByTestId(list).getAttribute('data-state')).toBe('error');
      expect(within(screen.getByTestId(list)).getByText('This server cannot manage safe and blocked senders yet. Ask your IT team.')).toBeTruthy();
    }
  });

  it('says the server could not be reached when it is down', async () => {
    server.down = true;
    await openSection();
    expect(within(screen.getByTestId('safe-senders')).getByText('The server could not be reached. Please try again later.')).toBeTruthy();
  });

  it('speaks the user’s language, numbers included', async () => {
    await openSection(FACTS, 'da-DK');
    expect(screen.getByTestId('safe-senders-used').textContent).toBe(daDK.lists.used(0, 1024));
    expect(screen.getByRole('button', { name: daDK.lists.add.safe })).toBeTruthy();
  });
});

describe('the section’s parts', () => {
  it('offers only the address when the sender has no usable domain', () => {
    renderInFluent(<AddSenderForm choices={{ address: '/O=EXCHANGE/CN=ANNA', domain: null }} strings={enUS} busy={false} onRequest={() => undefined} />);
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual(['address']);
    expect(screen.getByRole('radio', { name: 'Only this address: /O=EXCHANGE/CN=ANNA' })).toBeTruthy();
  });

  it('asks for the chosen value and list, and disables the add buttons while a change is being saved', async () => {
    const user = userEvent.setup();
    const requests: Array<[string, string]> = [];
    const choices = { address: 'a@x.example', domain: 'x.example' };
    const form = (busy: boolean) => (
      <AddSenderForm choices={choices} strings={enUS} busy={busy} onRequest={(list, value) => requests.push([list, value])} />
    );
    const { rerender } = renderInFluent(form(false));
    await user.click(screen.getByRole('button', { name: 'Add to blocked senders' }));
    await user.click(screen.getByRole('radio', { name: 'Everyone at x.example' }));
    await user.click(screen.getByRole('button', { name: 'Add to safe senders' }));
    expect(requests).toEqual([
      ['blocked', 'a@x.example'],
      ['safe', 'x.example'],
    ]);

    rerender(form(true));
    const buttons = screen.getAllByRole('button') as HTMLButtonElement[];
    expect(buttons.map((button) => [button.textContent, button.disabled])).toEqual([
      ['Add to safe senders', true],
      ['Add to blocked senders', true],
    ]);
  });

  it('lists entries by display value with “Remove <value>” buttons and “N of LIMIT used”', async () => {
    const user = userEvent.setup();
    const removed: string[] = [];
    renderInFluent(
      <SenderListView
        list="safe"
        view={{ kind: 'ready', items: [item('amy@x.example'), item('xn--bcher-kva.example', 'bücher.example')], used: 2, limit: 1024 }}
        strings={enUS}
        busy={false}
        onRemove={(_list, entry) => removed.push(entry.value)}
      />,
    );
    const entries = screen.getAllByTestId('safe-sender');
    expect(entries.map((entry) => entry.getAttribute('data-value'))).toEqual(['amy@x.example', 'xn--bcher-kva.example']);
    expect(within(entries[1]!).getByText('bücher.example')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove amy@x.example' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove bücher.example' }));
    expect(removed).toEqual(['xn--bcher-kva.example']); // removed by its value, named by what the user reads
    expect(screen.getByText('2 of 1,024 used')).toBeTruthy();
  });

  it('uses the blocked-sender test id, the locale’s number format, and the empty/error texts', () => {
    const { unmount } = renderInFluent(
      <SenderListView list="blocked" view={{ kind: 'ready', items: [item('spam.example')], used: 1024, limit: 1024 }} strings={daDK} busy={false} onRemove={() => undefined} />,
    );
    expect(screen.getAllByTestId('blocked-sender')).toHaveLength(1);
    expect(screen.getByText('1.024 af 1.024 brugt')).toBeTruthy();
    unmount();

    renderInFluent(<SenderListView list="safe" view={{ kind: 'ready', items: [], used: 0, limit: 5 }} strings={enUS} busy={false} onRemove={() => undefined} />);
    expect(screen.getByText('None yet.')).toBeTruthy();
  });

  it('shows a list that could not be loaded as an error with its message', () => {
    renderInFluent(<SenderListView list="safe" view={{ kind: 'error', message: 'Not here yet.' }} strings={enUS} busy={false} onRemove={() => undefined} />);
    expect(screen.getByText('Not here yet.')).toBeTruthy();
    expect(screen.getByTestId('safe-senders').getAttribute('data-state')).toBe('error');
    expect(screen.queryByTestId('safe-senders-used')).toBeNull();
  });

  it('renders the status region with the outcome and its state', () => {
    renderInFluent(<ListsStatusRegion strings={enUS} status={{ state: 'error', tone: 'error', text: 'a@x.example was not added' }} />);
    const region = screen.getByRole('status');
    expect(region.getAttribute('data-state')).toBe('error');
    expect(region.textContent).toBe('a@x.example was not added');
  });

  it('renders no dialog until an addition is pending', () => {
    renderInFluent(<ConfirmAddDialog pending={null} open={false} strings={enUS} onConfirm={() => undefined} onCancel={() => undefined} />);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('loads as its own chunk through lazy-sections', async () => {
    await expect(loadSenderListsSection()).resolves.toMatchObject({ SenderListsSection });
  });
});
