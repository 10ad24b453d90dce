/** @jest-environment <rootDir>/test/addin/helpers/jsdom-with-node.js */
/**
 * A pinned task pane follows the selection. Outlook is office-addin-mock (helpers/office-mock.ts)
 * read through the add-in's real Office layer; selecting another message replaces the mailbox's
 * item and fires ItemChanged through the mock, as Outlook does. The pane re-reads the message,
 * its earlier reports with the security team's answers, and the sender choices, from the real
 * server; with nothing selected it says so.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createOfficeMailbox } from '../../src/addin/office';
import { startAddinServer, type AddinServer } from './helpers/addin-server';
import { ITEM_CHANGED, MESSAGE, installOffice, uninstallOffice, type InstalledOffice } from './helpers/office-mock';
import { paneOver } from './helpers/pane';
import { aSubmission } from './helpers/submissions';

/** The Outlook user of office-mock.ts. */
const ALICE = 'alice@contoso.example';

/** A second message in the same mailbox, from another sender. */
const INVOICE = {
  itemId: 'AAMkAGI2TG94AAA=',
  internetMessageId: '<4f1c2a9e.118@supplier.example>',
  from: { emailAddress: 'billing@supplier.example', displayName: 'Bjørn Hansen' },
  sender: { emailAddress: 'billing@supplier.example', displayName: 'Bjørn Hansen' },
  subject: 'Faktura 2026-118',
  dateTimeCreated: new Date('2026-11-21T09:14:03Z'),
};

const subject = () => screen.getByTestId('message-subject').textContent;

async function settled(): Promise<void> {
  await waitFor(() => {
    expect(screen.getByTestId('safe-senders').getAttribute('data-state')).not.toBe('loading');
    expect(screen.getByTestId('blocked-senders').getAttribute('data-state')).not.toBe('loading');
  });
}

describe('a pinned task pane follows the selected message (ItemChanged)', () => {
  let server: AddinServer;
  let office: InstalledOffice;
  beforeEach(async () => {
    server = await startAddinServer();
    office = installOffice({ displayLanguage: 'en-US' });
  });
  afterEach(async () => {
    uninstallOffice();
    await server.close();
  });

  it('listens for ItemChanged through the Office layer, once for the pane', async () => {
    paneOver(server, createOfficeMailbox()).render();
    await settled();
    expect(office.eventHandlers.get(ITEM_CHANGED)).toHaveLength(1);
  });

  it('re-reads the message, its earlier reports and answers, and the sender choices; says so when nothing is selected', async () => {
    const user = userEvent.setup();
    // Alice reported the invoice before, and the security team has answered.
    const invoiceReport = await server.report(
      ALICE,
      aSubmission({ internetMessageId: INVOICE.internetMessageId, sender: INVOICE.from.emailAddress, subject: INVOICE.subject }),
      'invoice-report-1',
    );
    await server.mark(invoiceReport.id, { result: 'noThreatsFound', message: 'Released. It is our supplier.', notify: false });

    paneOver(server, createOfficeMailbox()).render();
    await settled();
    expect(subject()).toBe(MESSAGE.subject);
    await screen.findByText('You have not reported this message before.');
    expect(screen.getByRole('radio', { name: `Only this address: ${MESSAGE.from.emailAddress}` })).toBeTruthy();
    // Something half-typed for this message.
    await user.type(screen.getByRole('textbox', { name: 'Comment' }), 'about the newsletter');

    act(() => office.select(INVOICE));
    await waitFor(() => expect(subject()).toBe(INVOICE.subject));
    expect(screen.getByTestId('message-sender').textContent).toBe('Bjørn Hansen <billing@supplier.example>');
    // Its earlier report, with the answer: never the other message's list meanwhile.
    expect(screen.queryByText('You have not reported this message before.')).toBeNull();
    const answer = within(await screen.findByRole('region', { name: 'Your security team’s answer' }));
    expect(answer.getByTestId('review-result').textContent).toBe('No threats found');
    expect(answer.getByTestId('review-message').textContent).toBe('Released. It is our supplier.');
    expect(screen.getAllByTestId('earlier-report')).toHaveLength(1);
    // The sender choices are the invoice's; the comment was the other message's.
    expect(screen.getByRole('radio', { name: 'Only this address: billing@supplier.example' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Everyone at supplier.example' })).toBeTruthy();
    expect(screen.queryByRole('radio', { name: `Only this address: ${MESSAGE.from.emailAddress}` })).toBeNull();
    expect((screen.getByRole('textbox', { name: 'Comment' }) as HTMLTextAreaElement).value).toBe('');

    // Nothing selected: the pane says so, offers no report, and keeps the lists.
    act(() => office.select(null));
    await screen.findByText('Open a message to report it.');
    expect(screen.queryByTestId('message-subject')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Not junk' })).toBeNull();
    expect(screen.queryByTestId('earlier-reports')).toBeNull();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByTestId('sender-lists')).toBeTruthy();

    // And back to the first message: its own (empty) history again.
    act(() => office.select(MESSAGE));
    await waitFor(() => expect(subject()).toBe(MESSAGE.subject));
    await screen.findByText('You have not reported this message before.');
    expect(screen.queryByTestId('review-answer')).toBeNull();
    await settled();
  });

  it('a report is about the message selected when it was made, and the line about it goes with the selection', async () => {
    const user = userEvent.setup();
    paneOver(server, createOfficeMailbox()).render();
    await settled();

    act(() => office.select(INVOICE));
    await waitFor(() => expect(subject()).toBe(INVOICE.subject));
    await user.click(screen.getByRole('button', { name: 'Not junk' }));
    await waitFor(() => expect(screen.getByTestId('status').getAttribute('data-state')).toBe('sent'));
    await expect(server.submissions()).resolves.toEqual([
      expect.objectContaining({ internetMessageId: INVOICE.internetMessageId, sender: 'billing@supplier.example', subject: INVOICE.subject }),
    ]);
    await waitFor(() => expect(screen.getAllByTestId('earlier-report')).toHaveLength(1));
    expect(within(screen.getByTestId('earlier-report')).getByText('Waiting for review')).toBeTruthy();

    act(() => office.select(MESSAGE));
    await waitFor(() => expect(subject()).toBe(MESSAGE.subject));
    expect(screen.getByTestId('status').getAttribute('data-state')).toBe('idle');
    await screen.findByText('You have not reported this message before.');
    await settled();
  });

  it('on a client without item events (older than Mailbox 1.5) the pane shows the open message as before', async () => {
    uninstallOffice();
    office = installOffice({ withoutItemEvents: true });
    paneOver(server, createOfficeMailbox()).render();
    await settled();
    expect(subject()).toBe(MESSAGE.subject);
    expect(office.eventHandlers.size).toBe(0);
  });
});
