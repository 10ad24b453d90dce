/** @jest-environment <rootDir>/test/addin/helpers/jsdom-with-node.js */
/**
 * The server's refusals as a Danish or French user meets them in the task pane: every one is
 * worded from its code in the user's language (with the figures it carries), never with the
 * server's English sentence inside a Danish or French one. Against the real server; the only
 * answers made up here are a newer server's unknown code and a proxy's bare 502.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage, type MessageFacts, type OfficeMailbox } from '../../src/addin/office';
import { DEFAULT_STORAGE_KEY } from '../../src/addin/outbox';
import { startAddinServer, type AddinServer } from './helpers/addin-server';
import { fakeMailbox } from './helpers/fake-mailbox';
import { paneOver } from './helpers/pane';

const ALICE = { address: 'alice@contoso.example', displayName: 'Alice' };
const SENDER = 'billing@supplier.example';

const FACTS: MessageFacts = {
  itemId: 'item-1',
  internetMessageId: '<m1@example.com>',
  from: { address: SENDER, displayName: 'Bjørn Hansen' },
  sender: null,
  to: [],
  cc: [],
  subject: 'Faktura 2026-118',
  receivedAt: '2025-03-04T08:09:10.000Z',
};
/** An Exchange-internal sender, not an Internet address: the server's schema refuses the report. */
const INTERNAL: MessageFacts = { ...FACTS, from: { address: '/O=EXCHANGE/CN=ANNA', displayName: 'Anna' } };

const EML = Buffer.from(`From: ${SENDER}\r\nSubject: Faktura 2026-118\r\n\r\nhi\r\n`).toString('base64');

function mailbox(language: string, facts: MessageFacts = FACTS): OfficeMailbox {
  return { ...fakeMailbox(facts, ALICE, { headers: 'Received: x', eml: EML }), displayLanguage: () => language };
}

const reportStatus = () => screen.getByTestId('status');
const listsStatus = () => screen.getByTestId('lists-status');

/** Waits until both lists have loaded (or failed to). */
async function listsSettled(): Promise<void> {
  await waitFor(() => {
    expect(screen.getByTestId('safe-senders').getAttribute('data-state')).not.toBe('loading');
    expect(screen.getByTestId('blocked-senders').getAttribute('data-state')).not.toBe('loading');
  });
}

/** No trace of the server's English sentences on screen. */
function expectNoServerEnglish(): void {
  const text = document.body.textContent ?? '';
  for (const english of ['must match', 'already on the list', 'entries are used', 'was not found', 'body/']) {
    expect({ english, shown: text.includes(english) }).toEqual({ english, shown: false });
  }
}

describe('server refusals in the user’s language', () => {
  let server: AddinServer;
  afterEach(async () => server.close());

  it('fr-FR: a refused report says why in French, in the status line and in the outbox', async () => {
    server = await startAddinServer();
    const user = userEvent.setup();
    paneOver(server, mailbox('fr-FR', INTERNAL)).render();
    await listsSettled();

    await user.click(screen.getByRole('button', { name: 'Courrier indésirable' }));
    await waitFor(() => expect(reportStatus().getAttribute('data-state')).toBe('rejected'));
    expect(reportStatus().textContent).toMatch(
      /^Votre signalement a été refusé : Une partie de ce qui a été envoyé n’a pas passé les contrôles du serveur\. /,
    );
    const outbox = await screen.findByTestId('outbox');
    expect(within(outbox).getByText('1 signalement a été refusé.')).toBeTruthy();
    expect(
      within(outbox).getByText(
        'Courrier indésirable · Faktura 2026-118 : Une partie de ce qui a été envoyé n’a pas passé les contrôles du serveur.',
      ),
    ).toBeTruthy();
    expectNoServerEnglish();
  });

  it('da-DK: a queued report the server later refuses turns into the Danish refusal', async () => {
    server = await startAddinServer();
    const user = userEvent.setup();
    const harness = paneOver(server, mailbox('da-DK', INTERNAL));
    harness.render();
    await listsSettled();

    server.down = true;
    await user.click(screen.getByRole('button', { name: 'Uønsket' }));
    await waitFor(() => expect(reportStatus().getAttribute('data-state')).toBe('queued'));

    server.down = false;
    harness.clock.now += harness.timer.fire();
    await waitFor(() => expect(reportStatus().getAttribute('data-state')).toBe('rejected'));
    expect(reportStatus().textContent).toMatch(/^Din rapport blev ikke modtaget: En del af det sendte bestod ikke serverens kontrol\. /);
    const outbox = await screen.findByTestId('outbox');
    expect(within(outbox).getByText('Uønsket · Faktura 2026-118: En del af det sendte bestod ikke serverens kontrol.')).toBeTruthy();
    // Stored with its status and code, for the next time the pane (or another runtime) reads it.
    const [entry] = await harness.services.outbox.entries();
    expect(entry).toMatchObject({ state: 'failed', refusal: { status: 400, code: 'validation_failed' } });
    expectNoServerEnglish();
  });

  it('da-DK: a full list is refused with its figures, a duplicate with its own sentence', async () => {
    server = await startAddinServer({ SECOND_LOOK_USER_LIST_LIMIT: '1' });
    const user = userEvent.setup();
    await server.addToList(ALICE.address, 'blocked', 'spam@offers.example');
    paneOver(server, mailbox('da-DK')).render();
    await listsSettled();

    await user.click(screen.getByRole('button', { name: 'Føj til blokerede afsendere' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Tilføj' }));
    await waitFor(() => expect(listsStatus().getAttribute('data-state')).toBe('error'));
    expect(listsStatus().textContent).toBe(
      `${SENDER} blev ikke føjet til dine blokerede afsendere: Listen er fuld: 1 af 1 poster er brugt. Fjern først en.`,
    );

    await server.addToList(ALICE.address, 'safe', SENDER); // meanwhile, from another device
    // Fluent hides the pane from the accessibility tree until the first dialog has finished closing (slow on a busy machine).
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 10_000 });
    await user.click(screen.getByRole('button', { name: 'Føj til sikre afsendere' }));
    await user.click(within(await screen.findByRole('dialog', {}, { timeout: 10_000 })).getByRole('button', { name: 'Tilføj' }));
    await waitFor(() => expect(listsStatus().textContent).toContain('sikre afsendere'));
    expect(listsStatus().textContent).toBe(`${SENDER} blev ikke føjet til dine sikre afsendere: Afsenderen er allerede på listen.`);
    expectNoServerEnglish();
  });

  it('fr-FR: earlier reports that cannot be loaded say why the server refused', async () => {
    server = await startAddinServer();
    // Longer than the server takes (998 characters): GET /api/me/submissions answers validation_failed.
    const odd: MessageFacts = { ...FACTS, internetMessageId: `<${'x'.repeat(1000)}@example.com>` };
    paneOver(server, mailbox('fr-FR', odd)).render();
    await waitFor(() => expect(screen.getByTestId('earlier-reports').getAttribute('data-state')).toBe('error'));
    expect(
      within(screen.getByTestId('earlier-reports')).getByText(
        'Vos signalements précédents ne peuvent pas être chargés pour le moment. Une partie de ce qui a été envoyé n’a pas passé les contrôles du serveur.',
      ),
    ).toBeTruthy();
    await listsSettled();
  });

  it('da-DK: lists that cannot be loaded name a newer server’s code, or the bare status a proxy gave', async () => {
    server = await startAddinServer();
    const fetch = async (url: string, init?: RequestInit) => {
      const path = new URL(url).pathname;
      if (path === '/api/me/safe-senders') {
        const body = { statusCode: 423, error: 'Locked', message: 'your lists are frozen during an investigation', code: 'list_frozen' };
        return new Response(JSON.stringify(body), { status: 423, headers: { 'content-type': 'application/json' } });
      }
      if (path === '/api/me/blocked-senders') return new Response('<html>Bad gateway</html>', { status: 502 });
      return server.fetch(url, init);
    };
    paneOver(server, mailbox('da-DK'), { fetch }).render();
    await listsSettled();
    expect(within(screen.getByTestId('safe-senders')).getByText('Listen kunne ikke indlæses lige nu. Serveren afviste forespørgslen (list_frozen).')).toBeTruthy();
    expect(within(screen.getByTestId('blocked-senders')).getByText('Listen kunne ikke indlæses lige nu. Serveren tog ikke imod den (HTTP 502).')).toBeTruthy();
    expect(document.body.textContent).not.toContain('frozen during');
  });

  it('fr-FR: a refusal stored by an earlier version (its English message only) reads as a French sentence', async () => {
    server = await startAddinServer();
    const summary = { category: 'spam', internetMessageId: '<old@example.com>', sender: SENDER, subject: 'Ancien' };
    const storage = createMemoryStorage({
      [DEFAULT_STORAGE_KEY]: JSON.stringify([
        { key: 'old-1', createdAt: 0, attempts: 1, nextAttemptAt: 0, state: 'failed', lastError: 'body/sender must match format "email"', degraded: false, summary },
      ]),
    });
    paneOver(server, mailbox('fr-FR'), { storage }).render();
    const outbox = await screen.findByTestId('outbox');
    expect(within(outbox).getByText('Courrier indésirable · Ancien : Le serveur ne l’a pas accepté.')).toBeTruthy();
    await listsSettled();
    expectNoServerEnglish();
  });
});
