/** @jest-environment <rootDir>/test/addin/helpers/jsdom-with-node.js */
/**
 * The task pane as the user meets it: rendered into jsdom, used with user-event (type, click),
 * and checked by what is on screen (roles, names, text) and by what the real server then holds.
 * The status state machine is checked on its own below.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageFacts, OfficeMailbox } from '../../src/addin/office';
import { backoffWindow } from '../../src/addin/outbox';
import { StatusRegion } from '../../src/addin/taskpane/components/StatusRegion';
import { IDLE, statusReducer, statusText } from '../../src/addin/taskpane/status';
import { enUS } from '../../src/i18n/en-US';
import { ORIGIN, startAddinServer, type AddinServer } from './helpers/addin-server';
import { fakeMailbox } from './helpers/fake-mailbox';
import { paneOver, renderInFluent } from './helpers/pane';
import { aSubmission, anAcceptedSubmission } from './helpers/submissions';

const ALICE = { address: 'alice@contoso.example', displayName: 'Alice' };

const FACTS: MessageFacts = {
  itemId: 'item-1',
  internetMessageId: '<m1@example.com>',
  from: { address: 'newsletter@shop.example', displayName: 'Shop Newsletter' },
  sender: null,
  to: [],
  cc: [],
  subject: 'Your order has shipped',
  receivedAt: '2025-03-04T08:09:10.000Z',
};

const EML = Buffer.from('From: newsletter@shop.example\r\nSubject: Your order has shipped\r\n\r\nhi\r\n').toString('base64');

function mailbox(facts: MessageFacts | null = FACTS): OfficeMailbox {
  return { ...fakeMailbox(FACTS, ALICE, { headers: 'Received: x', eml: EML }), messageFacts: () => facts };
}

const reportStatus = () => screen.getByTestId('status');

/** Waits until the pane has finished loading what it loads on open (earlier reports and both lists). */
async function settled(): Promise<void> {
  await waitFor(() => {
    expect(screen.getByTestId('safe-senders').getAttribute('data-state')).not.toBe('loading');
    expect(screen.getByTestId('blocked-senders').getAttribute('data-state')).not.toBe('loading');
  });
}

describe('the task pane, used', () => {
  let server: AddinServer;
  beforeEach(async () => {
    server = await startAddinServer();
  });
  afterEach(async () => server.close());

  it('shows the message, the three report buttons, the Comment box, the status region and the help link', async () => {
    paneOver(server, mailbox()).render();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Second Look');
    expect(screen.getByTestId('message-sender').textContent).toBe('Shop Newsletter <newsletter@shop.example>');
    expect(screen.getByTestId('message-subject').textContent).toBe('Your order has shipped');
    for (const name of ['Not junk', 'Junk', 'Phishing']) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
    // The Comment label names the text box (it is what a screen reader announces).
    expect(screen.getByRole('textbox', { name: 'Comment' }).tagName).toBe('TEXTAREA');
    expect(reportStatus().getAttribute('role')).toBe('status');
    expect(reportStatus().getAttribute('data-state')).toBe('idle');
    expect(reportStatus().textContent).toBe('');
    expect(screen.getByRole('heading', { name: 'Your earlier reports of this message' })).toBeTruthy();
    await screen.findByText('You have not reported this message before.');

    // "More info" leads where the server's config says.
    const help = screen.getByRole('link', { name: 'What do these buttons do?' });
    await waitFor(() => expect(help.getAttribute('href')).toBe(`${ORIGIN}/addin/help.html`));
    expect(help.getAttribute('target')).toBe('_blank');
    await settled();
  });

  it('asks for a message when none is open, and offers nothing to click', async () => {
    paneOver(server, mailbox(null)).render();
    expect(screen.getByText('Open a message to report it.')).toBeTruthy();
    await settled();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.queryByRole('heading', { name: 'Your earlier reports of this message' })).toBeNull();
  });

  it('Not junk with a comment: the user sees the thanks, the comment box empties, and the server holds the report as given', async () => {
    const user = userEvent.setup();
    paneOver(server, mailbox()).render();
    await screen.findByText('You have not reported this message before.');

    const comment = screen.getByRole('textbox', { name: 'Comment' });
    await user.type(comment, 'It is my invoice');
    await user.click(screen.getByRole('button', { name: 'Not junk' }));

    await waitFor(() => expect(reportStatus().getAttribute('data-state')).toBe('sent'));
    // Dev sign-in has no Graph token, so the pane says how to move it.
    expect(reportStatus().textContent).toBe("Thank you. Your report (Not junk) was received. Move it to your Inbox with Outlook's Not junk button.");
    expect((comment as HTMLTextAreaElement).value).toBe('');

    const [held, ...others] = await server.submissions();
    expect(others).toEqual([]);
    expect(held).toMatchObject({
      category: 'notJunk',
      internetMessageId: '<m1@example.com>',
      sender: 'newsletter@shop.example',
      subject: 'Your order has shipped',
      comment: 'It is my invoice',
      createdBy: { email: 'alice@contoso.example', displayName: 'Alice' },
      hasMessage: true,
    });

    // The earlier reports list now shows it.
    const [earlier] = await screen.findAllByTestId('earlier-report');
    expect(screen.getAllByTestId('earlier-report')).toHaveLength(1);
    expect(within(earlier!).getByText('Not junk')).toBeTruthy();
    expect(within(earlier!).getByText('Waiting for review')).toBeTruthy();
    expect(within(earlier!).queryByTestId('review-answer')).toBeNull();
    // The report carries Outlook's display language, for the security team's answer.
    expect(server.sentTo('POST', '/api/submissions')[0]?.body).toMatchObject({ locale: 'en-US' });
    await settled();
  });

  it('while a report is on its way the buttons are disabled and the status says it is sending', async () => {
    const user = userEvent.setup();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The connection is slow for the report itself; everything else answers at once.
    const fetch = async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST' && url.endsWith('/api/submissions')) await held;
      return server.fetch(url, init);
    };
    paneOver(server, mailbox(), { fetch }).render();
    await settled();

    await user.click(screen.getByRole('button', { name: 'Phishing' }));
    await waitFor(() => expect(reportStatus().getAttribute('data-state')).toBe('sending'));
    expect(within(reportStatus()).getByText('Sending your report…')).toBeTruthy();
    for (const name of ['Not junk', 'Junk', 'Phishing']) {
      expect((screen.getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(true);
    }

    release();
    await waitFor(() => expect(reportStatus().getAttribute('data-state')).toBe('sent'));
    expect((screen.getByRole('button', { name: 'Junk' }) as HTMLButtonElement).disabled).toBe(false);
    expect((await server.submissions()).map((s) => s.category)).toEqual(['phishing']);
  });

  it('with the server down the report is queued and shown as waiting; the retry timer delivers it exactly once', async () => {
    const user = userEvent.setup();
    const harness = paneOver(server, mailbox());
    harness.render();
    await settled();
    expect(harness.timer.pending.size).toBe(0); // nothing waiting: no timer

    server.down = true;
    await user.type(screen.getByRole('textbox', { name: 'Comment' }), 'Sold my address');
    await user.click(screen.getByRole('button', { name: 'Junk' }));
    await waitFor(() => expect(reportStatus().getAttribute('data-state')).toBe('queued'));
    expect(reportStatus().textContent).toBe("Queued — will be sent when the server is reachable. Move it to Junk Email with Outlook's Junk button.");
    expect((await screen.findByTestId('outbox')).textContent).toContain(enUS.pane.outboxWaiting(1));
    // A queued report is on its way too: the box empties.
    expect((screen.getByRole('textbox', { name: 'Comment' }) as HTMLTextAreaElement).value).toBe('');

    // One timer, inside the first backoff window (jittered, see outbox/backoff.ts).
    const [delay, ...more] = harness.timer.delays();
    expect(more).toEqual([]);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(backoffWindow(1));

    server.down = false;
    harness.clock.now += delay ?? 0;
    harness.timer.fire();

    await waitFor(() => expect(screen.queryByTestId('outbox')).toBeNull());
    await waitFor(() => expect(reportStatus().getAttribute('data-state')).toBe('sent'));
    expect(reportStatus().textContent).toBe("Thank you. Your report (Junk) was received. Move it to Junk Email with Outlook's Junk button.");
    const held = await server.submissions();
    expect(held).toEqual([expect.objectContaining({ category: 'spam', comment: 'Sold my address' })]);
    expect(harness.timer.pending.size).toBe(0); // nothing left: no timer
    await expect(harness.services.outbox.entries()).resolves.toEqual([]);
  });

  it('a report the server refuses shows why, from the refusal’s code, and the user can dismiss it', async () => {
    const user = userEvent.setup();
    // An Exchange-internal sender, not an Internet address: the server refuses the report.
    const internal: MessageFacts = { ...FACTS, from: { address: '/O=EXCHANGE/CN=ANNA', displayName: 'Anna' } };
    paneOver(server, mailbox(internal)).render();
    await settled();

    await user.click(screen.getByRole('button', { name: 'Junk' }));
    await waitFor(() => expect(reportStatus().getAttribute('data-state')).toBe('rejected'));
    // validation_failed: the server's own sentence ("body/sender must match …") is for its log.
    expect(reportStatus().textContent).toBe(
      "Your report was not accepted: Part of what was sent did not pass the server’s checks. Move it to Junk Email with Outlook's Junk button.",
    );

    const outbox = await screen.findByTestId('outbox');
    expect(within(outbox).getByText('1 report was not accepted.')).toBeTruthy();
    expect(within(outbox).getByText('Junk · Your order has shipped: Part of what was sent did not pass the server’s checks.')).toBeTruthy();
    await user.click(within(outbox).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByTestId('outbox')).toBeNull());
    await expect(server.submissions()).resolves.toEqual([]);
  });

  it('lists this user’s earlier reports of the message, newest first', async () => {
    server.test.clock.advance(-86_400_000);
    await server.report(ALICE.address, aSubmission({ category: 'spam' }), 'earlier-report-1');
    server.test.clock.advance(3_600_000);
    await server.report(ALICE.address, aSubmission({ category: 'notJunk' }), 'earlier-report-2');
    // Someone else's report of the same message, and Alice's of another message, are not hers to see here.
    await server.report('bob@contoso.example', aSubmission({ recipientEmailAddress: 'bob@contoso.example' }), 'earlier-report-3');
    await server.report(ALICE.address, aSubmission({ internetMessageId: '<other@example.com>' }), 'earlier-report-4');
    server.test.clock.advance(82_800_000);

    paneOver(server, mailbox()).render();
    const items = await screen.findAllByTestId('earlier-report');
    expect(items.map((item) => within(item).getByText(/^(Not junk|Junk|Phishing)$/).textContent)).toEqual(['Not junk', 'Junk']);
    expect(within(items[0]!).getByText(/^Reported /)).toBeTruthy();
    await settled();
  });

  it('falls back to help.html, and says earlier reports cannot be loaded, when the server is unreachable', async () => {
    server.down = true;
    paneOver(server, mailbox()).render();
    await screen.findByText('Your earlier reports could not be loaded right now.');
    expect(screen.getByRole('link', { name: 'What do these buttons do?' }).getAttribute('href')).toBe('help.html');
    await settled();
  });
});

describe('status region', () => {
  it('is a live status region with its outcome text and state', () => {
    renderInFluent(
      <StatusRegion strings={enUS} status={{ state: 'queued', tone: 'warning', headline: enUS.outcome.queued, moveText: null, queued: null }} />,
    );
    const region = screen.getByRole('status');
    expect(region.getAttribute('data-state')).toBe('queued');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('Queued — will be sent when the server is reachable.');
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
      refusal: null,
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
      entries: [{ ...entry, state: 'failed', lastError: 'body/sender must match format "email"', refusal: { status: 400, code: 'validation_failed', reasons: [] } }],
      strings: enUS,
    });
    expect(refused).toMatchObject({
      state: 'rejected',
      headline: 'Your report was not accepted: Part of what was sent did not pass the server’s checks.',
    });
  });

  it('forgets the last report’s line when another message is selected', () => {
    const sent = statusReducer(IDLE, {
      type: 'finished',
      strings: enUS,
      result: { kind: 'done', category: 'junk', outcome: { kind: 'sent', key: 'k', submission: anAcceptedSubmission(), created: true }, move: null },
    });
    expect(statusReducer(sent, { type: 'reset' })).toBe(IDLE);
  });
});
