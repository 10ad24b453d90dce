/**
 * The task pane's "Safe and blocked senders" section without a browser: the section's state
 * machine, the server-rendered markup (Jest runs in Node, no jsdom), and the pane services
 * over a fake server. The clicking itself
 * (confirmation dialog included) is covered in Chromium by test/e2e/safe-senders.test.ts.
 */
import { fakeMailbox } from './helpers/fake-mailbox';
import { fakePane as makeFakePane } from './helpers/fake-pane';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { createMemoryStorage, type MessageFacts, type OfficeMailbox } from '../../src/addin/office';
import { createAddinServices } from '../../src/addin/services';
import { AddSenderForm } from '../../src/addin/taskpane/components/AddSenderForm';
import { ConfirmAddDialog } from '../../src/addin/taskpane/components/ConfirmAddDialog';
import { ListsStatusRegion } from '../../src/addin/taskpane/components/ListsStatusRegion';
import { SenderListsSection } from '../../src/addin/taskpane/components/SenderListsSection';
import { SenderListView } from '../../src/addin/taskpane/components/SenderListView';
import { PaneProvider } from '../../src/addin/taskpane/context';
import { loadSenderListsSection } from '../../src/addin/taskpane/lazy-sections';
import { INITIAL_LISTS_STATE, listsReducer, listsStatusText, type ListsState } from '../../src/addin/taskpane/lists-state';
import { createPaneServices, type PaneServices } from '../../src/addin/taskpane/pane-services';
import type { SenderListItem } from '../../src/contracts/lists';
import { daDK } from '../../src/i18n/da-DK';
import { enUS } from '../../src/i18n/en-US';
import { FakeServer } from './helpers/fake-server';

const FACTS: MessageFacts = {
  itemId: 'item-1',
  internetMessageId: '<m1@example.com>',
  from: { address: 'billing@supplier.example', displayName: 'Bjørn Hansen' },
  sender: { address: 'bounce@mailer.example', displayName: 'Mailer' },
  to: [],
  cc: [],
  subject: 'Faktura',
  receivedAt: '2025-03-04T08:09:10.000Z',
};

function item(value: string, displayValue = value): SenderListItem {
  return { value, displayValue, valueType: value.includes('@') ? 'address' : 'domain', createdDateTime: '2025-01-01T00:00:00.000Z' };
}

function html(element: ReactElement): string {
  return renderToString(<FluentProvider theme={webLightTheme}>{element}</FluentProvider>);
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

describe('section markup', () => {
  const fakePane = (overrides: Partial<PaneServices['senderLists']> = {}): PaneServices =>
    makeFakePane(FACTS, { senderLists: { add: async (_list, value) => item(value), ...overrides } });

  it('offers the address (checked) and the domain, both add buttons, the status region and both lists', () => {
    const markup = html(
      <PaneProvider services={fakePane()}>
        <SenderListsSection message={FACTS} />
      </PaneProvider>,
    );
    expect(markup).toContain('<h2');
    expect(markup).toContain('Safe and blocked senders');
    const radios = markup.match(/<input type="radio"[^>]*>/g) ?? [];
    expect(radios.map((radio) => [/value="(\w+)"/.exec(radio)?.[1], radio.includes('checked=""')])).toEqual([
      ['address', true],
      ['domain', false],
    ]);
    expect(markup).toContain('Only this address: billing@supplier.example');
    expect(markup).toContain('Everyone at supplier.example');
    for (const label of ['Add to safe senders', 'Add to blocked senders']) {
      expect(markup).toMatch(new RegExp(`<button[^>]*>(?:(?!</button>).)*${label}</button>`));
    }
    expect(markup).toMatch(/data-testid="lists-status" data-state="idle" role="status"/);
    expect(markup).toContain('Your safe senders');
    expect(markup).toContain('Your blocked senders');
    expect(markup).not.toContain('role="dialog"');
  });

  it('without a message, shows the lists but nothing to add', () => {
    const markup = html(
      <PaneProvider services={fakePane()}>
        <SenderListsSection message={null} />
      </PaneProvider>,
    );
    expect(markup).toContain('Your safe senders');
    expect(markup).not.toContain('Add to safe senders');
    expect(markup).not.toContain('type="radio"');
  });

  it('offers only the address when the sender has no usable domain', () => {
    const markup = html(
      <AddSenderForm choices={{ address: '/O=EXCHANGE/CN=ANNA', domain: null }} strings={enUS} busy={false} onRequest={() => undefined} />,
    );
    expect(markup).toContain('Only this address: /O=EXCHANGE/CN=ANNA');
    expect(markup).not.toContain('value="domain"');
  });

  it('disables the add buttons while a change is being saved', () => {
    const markup = html(<AddSenderForm choices={{ address: 'a@x.example', domain: 'x.example' }} strings={enUS} busy onRequest={() => undefined} />);
    expect(markup.match(/<button[^>]*disabled=""/g)).toHaveLength(2);
  });

  it('lists entries by display value with "Remove <value>" buttons and "N of LIMIT used"', () => {
    const markup = html(
      <SenderListView
        list="safe"
        view={{ kind: 'ready', items: [item('amy@x.example'), item('xn--bcher-kva.example', 'bücher.example')], used: 2, limit: 1024 }}
        strings={enUS}
        busy={false}
        onRemove={() => undefined}
      />,
    );
    expect(markup.match(/data-testid="safe-sender"/g)).toHaveLength(2);
    expect(markup).toContain('data-value="xn--bcher-kva.example"');
    expect(markup).toContain('bücher.example');
    expect(markup).toMatch(/<button[^>]*aria-label="Remove bücher.example"/);
    expect(markup).toMatch(/<button[^>]*aria-label="Remove amy@x.example"/);
    expect(markup).toContain('2 of 1,024 used');
  });

  it('uses the blocked-sender test id, the locale’s number format, and the empty/error texts', () => {
    const one = html(
      <SenderListView list="blocked" view={{ kind: 'ready', items: [item('spam.example')], used: 1024, limit: 1024 }} strings={daDK} busy={false} onRemove={() => undefined} />,
    );
    expect(one).toContain('data-testid="blocked-sender"');
    expect(one).toContain('1.024 af 1.024 brugt');
    const empty = html(<SenderListView list="safe" view={{ kind: 'ready', items: [], used: 0, limit: 5 }} strings={enUS} busy={false} onRemove={() => undefined} />);
    expect(empty).toContain('None yet.');
    const failed = html(<SenderListView list="safe" view={{ kind: 'error', message: 'Not here yet.' }} strings={enUS} busy={false} onRemove={() => undefined} />);
    expect(failed).toContain('Not here yet.');
    expect(failed).toContain('data-state="error"');
  });

  it('renders the status region with the outcome and its state', () => {
    const markup = html(<ListsStatusRegion strings={enUS} status={{ state: 'error', tone: 'error', text: 'a@x.example was not added' }} />);
    expect(markup).toContain('data-state="error"');
    expect(markup).toContain('a@x.example was not added');
  });

  it('renders no dialog until an addition is pending', () => {
    expect(html(<ConfirmAddDialog pending={null} open={false} strings={enUS} onConfirm={() => undefined} onCancel={() => undefined} />)).not.toContain(
      'dialog',
    );
  });

  it('loads as its own chunk through lazy-sections', async () => {
    await expect(loadSenderListsSection()).resolves.toMatchObject({ SenderListsSection });
  });
});

describe('pane services: sender lists', () => {
  const mailbox = (): OfficeMailbox => fakeMailbox(FACTS, { address: 'anna@contoso.example', displayName: 'Anna' });

  it('adds, lists and removes through the server as the signed-in user', async () => {
    const server = new FakeServer();
    server.senderListsAvailable = true;
    const services = createAddinServices({
      mailbox: mailbox(),
      storage: createMemoryStorage(),
      fetch: server.fetch,
      baseUrl: server.origin,
      now: () => 0,
    });
    const { senderLists } = createPaneServices(services, { set: () => 0, clear: () => undefined });
    await expect(senderLists.add('blocked', 'supplier.example')).resolves.toMatchObject({ value: 'supplier.example' });
    await expect(senderLists.list('blocked')).resolves.toMatchObject({ used: 1, items: [{ value: 'supplier.example' }] });
    await expect(senderLists.list('safe')).resolves.toMatchObject({ used: 0, items: [] });
    await expect(senderLists.remove('blocked', 'supplier.example')).resolves.toBe('removed');
    expect(server.senderLists.blocked).toEqual([]);
    expect(server.requestsTo('DELETE', '/api/me/blocked-senders/supplier.example')[0]?.headers.get('authorization')).toBe(
      'Bearer dev-token-1',
    );
  });
});
