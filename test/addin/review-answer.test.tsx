/** @jest-environment <rootDir>/test/addin/helpers/jsdom-with-node.js */
/**
 * The security team's answer in the task pane. A report is made (from elsewhere, or through the
 * pane itself), an admin marks it through the server's own API as the portal does
 * (POST /api/submissions/{id}/mark with a SecurityAdministrator token), and the pane, opened
 * again, shows the answer under "earlier reports" in the user's language: the result, the
 * admin's message and when. A report nobody has marked yet says it waits for review.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageFacts, OfficeMailbox } from '../../src/addin/office';
import { formatDateTime } from '../../src/addin/taskpane/format';
import { FIXED_NOW } from '../helpers/server';
import { startAddinServer, type AddinServer } from './helpers/addin-server';
import { fakeMailbox } from './helpers/fake-mailbox';
import { paneOver } from './helpers/pane';
import { aSubmission } from './helpers/submissions';

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

function mailbox(language: string): OfficeMailbox {
  return { ...fakeMailbox(FACTS, ALICE, { headers: 'Received: x', eml: EML }), displayLanguage: () => language };
}

/** The answers on screen, newest report first. */
function answers() {
  return screen.getAllByTestId('earlier-report').map((item) => within(item));
}

/** Waits until the pane has loaded what it loads on open. */
async function settled(): Promise<void> {
  await waitFor(() => {
    expect(screen.getByTestId('earlier-reports').getAttribute('data-state')).toBe('ready');
    expect(screen.getByTestId('safe-senders').getAttribute('data-state')).not.toBe('loading');
    expect(screen.getByTestId('blocked-senders').getAttribute('data-state')).not.toBe('loading');
  });
}

describe('the security team’s answer in the task pane', () => {
  let server: AddinServer;
  beforeEach(async () => {
    server = await startAddinServer();
  });
  afterEach(async () => server.close());

  it('en-US: the answered report shows the result, the admin’s message and when; the other waits for review', async () => {
    server.test.clock.advance(-7_200_000);
    const first = await server.report(ALICE.address, aSubmission({ category: 'spam' }), 'answered-report-1');
    server.test.clock.advance(3_600_000);
    await server.report(ALICE.address, aSubmission({ category: 'notJunk' }), 'waiting-report-2');
    server.test.clock.advance(1_800_000);
    const [marked] = (
      await server.mark(first.id, { result: 'noThreatsFound', message: 'We released it.\nThanks for telling us!', notify: false })
    ).items;
    server.test.clock.advance(1_800_000);

    paneOver(server, mailbox('en-US')).render();
    await screen.findAllByTestId('earlier-report');
    await settled();
    const [newest, answered] = answers();

    // The newer report: nobody has answered it yet.
    expect(newest!.getByText('Not junk')).toBeTruthy();
    expect(newest!.getByText('Waiting for review')).toBeTruthy();
    expect(newest!.queryByRole('region', { name: 'Your security team’s answer' })).toBeNull();

    // The older one: the answer, clearly the security team's.
    expect(answered!.getByText('Junk')).toBeTruthy();
    expect(answered!.queryByText('Waiting for review')).toBeNull();
    const answer = within(answered!.getByRole('region', { name: 'Your security team’s answer' }));
    expect(answer.getByRole('heading', { name: 'Your security team’s answer' })).toBeTruthy();
    expect(answer.getByTestId('review-result').textContent).toBe('No threats found');
    // The admin's own words, line break and all, as text.
    expect(answer.getByTestId('review-message').textContent).toBe('We released it.\nThanks for telling us!');
    expect(marked?.review.reviewedDateTime).toBe(new Date(FIXED_NOW.getTime() - 1_800_000).toISOString());
    expect(answer.getByTestId('review-date').textContent).toBe(`Answered ${formatDateTime(marked!.review.reviewedDateTime, 'en-US')}`);
  });

  it('an answer without a personal message shows the result and when, nothing more', async () => {
    const reported = await server.report(ALICE.address, aSubmission({ category: 'phishing' }), 'plain-answer-1');
    await server.mark(reported.id, { result: 'spam', notify: false });

    paneOver(server, mailbox('en-US')).render();
    const answer = within(await screen.findByRole('region', { name: 'Your security team’s answer' }));
    expect(answer.getByTestId('review-result').textContent).toBe('Spam');
    expect(answer.queryByTestId('review-message')).toBeNull();
    expect(answer.getByTestId('review-date').textContent).toMatch(/^Answered /);
    await settled();
  });

  it('da-DK: a report made in the pane goes in Danish, the notice is Danish, and the answer reads in Danish', async () => {
    const user = userEvent.setup();
    const first = paneOver(server, mailbox('da-DK'));
    const { unmount } = first.render();
    await settled();
    expect(screen.getByText('Du har ikke rapporteret denne mail før.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Ikke uønsket' }));
    await waitFor(() => expect(screen.getByTestId('status').getAttribute('data-state')).toBe('sent'));
    expect(server.sentTo('POST', '/api/submissions')[0]?.body).toMatchObject({ locale: 'da-DK' });
    const waiting = within(await screen.findByTestId('earlier-report'));
    expect(waiting.getByText('Afventer gennemgang')).toBeTruthy();
    unmount();

    // The security team answers in the portal: the notice to Alice is written in her language.
    const [held] = await server.submissions();
    server.test.clock.advance(600_000);
    const [marked] = (await server.mark(held!.id, { result: 'phishing', message: 'Slet den, tak. Vi har blokeret afsenderen.' })).items;
    const notices = await server.mailQueue();
    expect(notices).toEqual([expect.objectContaining({ kind: 'reviewNotice', to: ALICE.address, relatedId: held!.id })]);
    expect(notices[0]?.subject).toMatch(/^Din indberetning: /);

    // Opened again, the pane shows the answer in Danish.
    paneOver(server, mailbox('da-DK')).render();
    const answer = within(await screen.findByRole('region', { name: 'Dit sikkerhedsteams svar' }));
    expect(answer.getByTestId('review-result').textContent).toBe('Phishing');
    expect(answer.getByTestId('review-message').textContent).toBe('Slet den, tak. Vi har blokeret afsenderen.');
    expect(answer.getByTestId('review-date').textContent).toBe(`Besvaret ${formatDateTime(marked!.review.reviewedDateTime, 'da-DK')}`);
    expect(screen.queryByText('Afventer gennemgang')).toBeNull();
    await settled();
  });

  it('fr-FR: the result names read in French', async () => {
    const reported = await server.report(ALICE.address, aSubmission(), 'french-answer-1');
    await server.mark(reported.id, { result: 'noThreatsFound', notify: false });
    paneOver(server, mailbox('fr-FR')).render();
    const answer = within(await screen.findByRole('region', { name: 'La réponse de votre équipe de sécurité' }));
    expect(answer.getByTestId('review-result').textContent).toBe('Aucune menace détectée');
    expect(answer.getByTestId('review-date').textContent).toMatch(/^Répondu le /);
    await settled();
  });
});
