/**
 * The task pane without a browser: server-rendered markup (Jest runs in Node, no jsdom),
 * the status state machine, and the pane services over the real outbox with a manual timer.
 */
import { fakeMailbox } from './helpers/fake-mailbox';
import { fakePane as makeFakePane } from './helpers/fake-pane';
import { renderToString } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { enUS } from '../../src/i18n/en-US';
import { createMemoryStorage, type OfficeMailbox } from '../../src/addin/office';
import type { TimerLike } from '../../src/addin/outbox';
import { createAddinServices } from '../../src/addin/services';
import { App } from '../../src/addin/taskpane/App';
import { StatusRegion } from '../../src/addin/taskpane/components/StatusRegion';
import { PaneProvider } from '../../src/addin/taskpane/context';
import { resultText } from '../../src/addin/taskpane/format';
import { createPaneServices, type PaneServices } from '../../src/addin/taskpane/pane-services';
import { IDLE, statusReducer, statusText } from '../../src/addin/taskpane/status';
import { FakeServer } from './helpers/fake-server';
import { anAcceptedSubmission } from './helpers/submissions';

const FACTS = {
  itemId: 'item-1',
  internetMessageId: '<m1@example.com>',
  from: { address: 'newsletter@shop.example', displayName: 'Shop Newsletter' },
  sender: null,
  to: [],
  cc: [],
  subject: 'Your order has shipped',
  receivedAt: '2025-03-04T08:09:10.000Z',
};

const fakePane = (overrides: Parameters<typeof makeFakePane>[1] = {}): PaneServices => makeFakePane(FACTS, overrides);

function render(pane: PaneServices): string {
  return renderToString(
    <FluentProvider theme={webLightTheme}>
      <PaneProvider services={pane}>
        <App />
      </PaneProvider>
    </FluentProvider>,
  );
}

describe('task pane markup', () => {
  it('shows the message, the three report buttons, the Comment box and the status region', () => {
    const html = render(fakePane());
    expect(html).toContain('Shop Newsletter &lt;newsletter@shop.example&gt;');
    expect(html).toContain('Your order has shipped');
    for (const label of ['Not junk', 'Junk', 'Phishing']) {
      expect(html).toMatch(new RegExp(`<button[^>]*>(?:(?!</button>).)*${label}</button>`));
    }
    expect(html).toMatch(/<label[^>]*for="([^"]+)"[^>]*>Comment<\/label>/);
    const labelFor = /<label[^>]*for="([^"]+)"[^>]*>Comment<\/label>/.exec(html)?.[1];
    expect(html).toMatch(new RegExp(`<textarea[^>]* id="${labelFor}"`));
    expect(html).toContain('data-testid="status"');
    expect(html).toContain('data-state="idle"');
    expect(html).toContain('Your earlier reports of this message');
    expect(html).toContain('href="help.html"');
  });

  it('asks for a message when none is open', () => {
    const html = render(fakePane({ message: () => null }));
    expect(html).toContain('Open a message to report it.');
    expect(html).not.toContain('<button');
  });

  it('renders the status region with its outcome text and state', () => {
    const html = renderToString(
      <FluentProvider theme={webLightTheme}>
        <StatusRegion
          strings={enUS}
          status={{ state: 'queued', tone: 'warning', headline: enUS.outcome.queued, moveText: null, queued: null }}
        />
      </FluentProvider>,
    );
    expect(html).toContain('data-state="queued"');
    expect(html).toContain('role="status"');
    expect(html).toContain('Queued — will be sent when the server is reachable.');
  });
});

describe('pane status', () => {
  it('goes idle → sending → the described outcome', () => {
    const sending = statusReducer(IDLE, { type: 'sending' });
    expect(statusText(sending, enUS)).toBe('Sending your report…');
    const done = statusReducer(sending, {
      type: 'finished',
      strings: enUS,
      result: {
        kind: 'done',
        category: 'junk',
        outcome: { kind: 'sent', key: 'k', submission: anAcceptedSubmission(), created: true },
        move: { destination: 'junk', method: 'graph', eventMoveTo: 'none', graphSkipped: null },
      },
    });
    expect(done).toMatchObject({ state: 'sent', tone: 'success' });
    expect(statusText(done, enUS)).toBe(
      'Thank you. Your report (Junk) was received. The message was moved to Junk Email.',
    );
    expect(statusReducer(done, { type: 'crashed', strings: enUS })).toMatchObject({ state: 'error' });
  });

  it('turns a queued report into the confirmation once the outbox delivers it, or shows the refusal', () => {
    const queued = statusReducer(IDLE, {
      type: 'finished',
      strings: enUS,
      result: {
        kind: 'done',
        category: 'notJunk',
        outcome: { kind: 'queued', key: 'k1', reason: 'down' },
        move: { destination: 'inbox', method: 'manual', eventMoveTo: 'none', graphSkipped: null },
      },
    });
    expect(queued).toMatchObject({ state: 'queued', queued: { key: 'k1', category: 'notJunk' } });
    const entry = {
      key: 'k1',
      createdAt: 0,
      attempts: 1,
      nextAttemptAt: 2_000,
      state: 'pending' as const,
      lastError: 'down',
      degraded: false,
      summary: { category: 'notJunk' as const, internetMessageId: '<m>', sender: 's@x.example', subject: 's' },
    };
    expect(statusReducer(queued, { type: 'outbox', entries: [entry], strings: enUS })).toBe(queued);

    const delivered = statusReducer(queued, { type: 'outbox', entries: [], strings: enUS });
    expect(delivered).toMatchObject({ state: 'sent', tone: 'success', queued: null });
    expect(statusText(delivered, enUS)).toBe(
      "Thank you. Your report (Not junk) was received. Move it to your Inbox with Outlook's Not junk button.",
    );
    // Later outbox changes leave a settled line alone.
    expect(statusReducer(delivered, { type: 'outbox', entries: [], strings: enUS })).toBe(delivered);

    const refused = statusReducer(queued, {
      type: 'outbox',
      entries: [{ ...entry, state: 'failed', lastError: 'sender is not an address' }],
      strings: enUS,
    });
    expect(refused).toMatchObject({ state: 'rejected', headline: 'Your report was not accepted: sender is not an address' });
  });

  it('summarises a result by its first text field, or the status', () => {
    expect(resultText(anAcceptedSubmission(), enUS)).toBe('No result yet');
    expect(resultText(anAcceptedSubmission('s', { status: 'succeeded', result: { verdict: 'Legitimate: released' } }), enUS)).toBe(
      'Legitimate: released',
    );
    expect(resultText(anAcceptedSubmission('s', { status: 'succeeded', result: {} }), enUS)).toBe('Reviewed');
  });
});

describe('pane services', () => {
  const mailbox = (): OfficeMailbox => fakeMailbox(FACTS, { address: 'alice@contoso.example', displayName: 'Alice' }, { headers: 'Received: x', eml: 'RU1M' });

  it('queues a report while the server is down and delivers it once when the retry timer fires', async () => {
    const server = new FakeServer();
    const clock = { now: Date.parse('2025-03-04T09:00:00Z') };
    const armed: Array<{ callback: () => void; delayMs: number }> = [];
    const timer: TimerLike = {
      set: (callback, delayMs) => armed.push({ callback, delayMs }),
      clear: () => undefined,
    };
    const services = createAddinServices({
      mailbox: mailbox(),
      storage: createMemoryStorage(),
      fetch: server.fetch,
      baseUrl: server.origin,
      now: () => clock.now,
    });
    const pane = createPaneServices(services, timer);
    const changes = jest.fn();
    pane.onOutboxChange(changes);
    await pane.startRetrying(); // the pane opened: nothing pending, no timer
    expect(armed).toHaveLength(0);

    server.down = true;
    const result = await pane.report('notJunk', 'It is my invoice');
    expect(result).toMatchObject({ kind: 'done', outcome: { kind: 'queued' } });
    expect(changes).toHaveBeenCalled();
    expect(await pane.outboxEntries()).toHaveLength(1);
    expect(armed).toHaveLength(1);
    expect(armed[0]?.delayMs).toBe(2_000);

    server.down = false;
    clock.now += 2_000;
    armed[0]?.callback();
    // The timer's flush is awaited through the outbox itself.
    await services.outbox.flush({ dueOnly: true });
    expect(await pane.outboxEntries()).toEqual([]);
    expect(server.submissions.size).toBe(1);
    const [submission] = [...server.submissions.values()];
    expect(submission?.comment).toBe('It is my invoice');
  });

  it('lists earlier reports newest first and falls back to help.html when config is unreachable', async () => {
    const server = new FakeServer();
    server.earlier = [
      anAcceptedSubmission('old', { createdDateTime: '2025-01-01T00:00:00Z' }),
      anAcceptedSubmission('new', { createdDateTime: '2025-02-01T00:00:00Z' }),
    ];
    const services = createAddinServices({
      mailbox: mailbox(),
      storage: createMemoryStorage(),
      fetch: server.fetch,
      baseUrl: server.origin,
      now: () => Date.parse('2025-03-04T09:00:00Z'),
    });
    const pane = createPaneServices(services, { set: () => 0, clear: () => undefined });
    const earlier = await pane.earlierReports('<m1@example.com>');
    expect(earlier.map((s) => s.id)).toEqual(['new', 'old']);
    await expect(pane.moreInfoUrl()).resolves.toBe('https://localhost:3000/addin/help.html');
    server.down = true;
    const offline = createPaneServices(
      createAddinServices({ mailbox: mailbox(), storage: createMemoryStorage(), fetch: server.fetch, baseUrl: server.origin, now: () => 0 }),
      { set: () => 0, clear: () => undefined },
    );
    await expect(offline.moreInfoUrl()).resolves.toBe('help.html');
  });
});
