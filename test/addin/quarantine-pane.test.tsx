/** @jest-environment <rootDir>/test/addin/helpers/jsdom-with-node.js */
/**
 * "My quarantine" as the user meets it: rendered into jsdom over the real services and the real
 * server (messages put in quarantine by the intake service, as SMTP would), used with
 * user-event, and checked by what is on screen and by what the server then holds: the release
 * queued for delivery, the request recorded once, a refusal worded from the catalog by its code.
 * The plain-browser page (no Outlook) signs in with the dev issuer and shows the same view.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageFacts, OfficeMailbox } from '../../src/addin/office';
import { ApiError } from '../../src/addin/api/errors';
import { buttonsFor, type QuarantineService } from '../../src/addin/quarantine/quarantine';
import { createBrowserQuarantine } from '../../src/addin/services/browser-quarantine';
import { BrowserQuarantine } from '../../src/addin/taskpane/components/BrowserQuarantine';
import { QuarantineView } from '../../src/addin/taskpane/components/QuarantineView';
import { viewOf } from '../../src/addin/taskpane/view';
import type { MessagePreview } from '../../src/contracts/preview';
import type { MyQuarantineItem, MyQuarantinePage } from '../../src/contracts/quarantine';
import { daDK } from '../../src/i18n/da-DK';
import { enUS } from '../../src/i18n/en-US';
import { frFR } from '../../src/i18n/fr-FR';
import { plainMessage } from '../helpers/quarantine';
import { startAddinServer, type AddinServer } from './helpers/addin-server';
import { fakeMailbox } from './helpers/fake-mailbox';
import { paneOver, renderInFluent } from './helpers/pane';

const ANNA = { address: 'anna@contoso.example', displayName: 'Anna' };

const FACTS: MessageFacts = {
  itemId: 'item-1',
  internetMessageId: '<m1@example.com>',
  from: { address: 'someone@example.com', displayName: 'Someone' },
  sender: { address: 'someone@example.com', displayName: 'Someone' },
  to: [],
  cc: [],
  subject: 'Hello',
  receivedAt: '2025-03-04T08:09:10.000Z',
};

function mailbox(language: string): OfficeMailbox {
  return { ...fakeMailbox(FACTS, ANNA), displayLanguage: () => language };
}

/** Puts a message in Anna's quarantine for `tag`'s reason, as SMTP intake does; returns its row id. */
async function quarantine(server: AddinServer, tag: string, subject: string, messageId: string): Promise<string> {
  const outcome = await server.test.app.quarantine.intake.intake({
    bytes: plainMessage({ subject, messageId, to: ANNA.address }),
    recipients: [`anna+quarantine-${tag}@contoso.example`],
    source: 'http',
  });
  const [item] = outcome.items;
  if (item === undefined) throw new Error('nothing was quarantined');
  return item.id;
}

/** Anna's quarantine as the server holds it. */
async function mine(server: AddinServer): Promise<MyQuarantineItem[]> {
  const response = await server.test.app.inject({
    method: 'GET',
    url: '/api/me/quarantine',
    headers: { authorization: `Bearer ${await server.token(ANNA.address)}` },
  });
  return response.json<MyQuarantinePage>().items;
}

function renderView(server: AddinServer, language: string) {
  const { pane } = paneOver(server, mailbox(language));
  return renderInFluent(<QuarantineView quarantine={pane.quarantine} strings={pane.strings} locale={pane.locale} />);
}

async function itemNamed(subject: string): Promise<HTMLElement> {
  return screen.findByRole('listitem', { name: subject });
}

function buttonsOf(item: HTMLElement): string[] {
  return within(item).getAllByRole('button').map((button) => button.getAttribute('data-action') ?? '');
}

function statusLine(): HTMLElement {
  return screen.getByTestId('quarantine-status');
}

describe('My quarantine against the real server', () => {
  let server: AddinServer;
  beforeEach(async () => {
    // Malware under the full-access policy: the hard rule turns release into request release.
    server = await startAddinServer({ SECOND_LOOK_QUARANTINE_POLICIES: 'malware:DefaultFullAccessPolicy' });
  });
  afterEach(async () => server.close());

  it('lists my messages with their facts and exactly the actions their policy allows, and releases one to the mail queue (en-US)', async () => {
    await quarantine(server, 'spam', 'Invoice 2026-118', '<inv-118@supplier.example>');
    await quarantine(server, 'malware', 'Payment advice', '<adv-7@supplier.example>');
    // Someone else's message is not mine to see.
    await server.test.app.quarantine.intake.intake({ bytes: plainMessage({ subject: 'Not yours' }), recipients: ['bob+quarantine-spam@contoso.example'], source: 'http' });
    const user = userEvent.setup();
    renderView(server, 'en-US');

    const spam = await itemNamed('Invoice 2026-118');
    const malware = await itemNamed('Payment advice');
    expect(screen.getAllByTestId('quarantine-item')).toHaveLength(2);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('My quarantine');
    expect(within(spam).getByText('Billing <billing@supplier.example>')).toBeTruthy();
    expect(within(spam).getByText('Spam')).toBeTruthy();
    expect(within(malware).getByText('Malware')).toBeTruthy();
    expect(within(spam).getByText('Deleted on')).toBeTruthy();
    expect(within(spam).getByTestId('release-status').textContent).toContain('Not released');
    expect(buttonsOf(spam)).toEqual(['preview', 'release', 'allow-sender', 'report', 'view-headers', 'delete']);
    expect(buttonsOf(malware)).toEqual(['preview', 'request-release', 'allow-sender', 'report', 'view-headers', 'delete']);
    expect(within(spam).getByRole('button', { name: 'Release to Inbox' })).toBeTruthy();

    await user.click(within(spam).getByRole('button', { name: 'Release to Inbox' }));
    await waitFor(() => expect(statusLine().getAttribute('data-state')).toBe('done'));
    expect(statusLine().textContent).toContain('“Invoice 2026-118” was released to your Inbox.');
    expect(within(spam).getByTestId('release-status').textContent).toContain('Released');
    expect(buttonsOf(spam)).not.toContain('release');

    const queued = (await server.mailQueue()).filter((mail) => mail.kind === 'quarantineRelease');
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ to: ANNA.address, subject: 'Invoice 2026-118' });
    expect((await mine(server)).find((item) => item.subject === 'Invoice 2026-118')?.releaseStatus).toBe('released');
  });

  it('requests release once however often it is asked, says so, and shows the headers (da-DK)', async () => {
    const id = await quarantine(server, 'malware', 'Betalingsadvis', '<adv-8@supplier.example>');
    const user = userEvent.setup();
    renderView(server, 'da-DK');

    const item = await itemNamed('Betalingsadvis');
    expect(within(item).getByText('Malware')).toBeTruthy();
    expect(within(item).getByTestId('release-status').textContent).toContain('Ikke frigivet');

    await user.click(within(item).getByRole('button', { name: 'Anmod om frigivelse' }));
    await waitFor(() => expect(statusLine().textContent).toContain(daDK.quarantine.done.requested('Betalingsadvis')));
    expect(within(item).getByTestId('release-status').textContent).toContain('Frigivelse anmodet');

    await user.click(within(item).getByRole('button', { name: 'Anmod om frigivelse' }));
    await waitFor(() => expect(statusLine().textContent).toContain(daDK.quarantine.done.alreadyRequested('Betalingsadvis')));
    const [stored] = await mine(server);
    expect(stored).toMatchObject({ id, releaseStatus: 'requested' });
    expect(server.sentTo('POST', `/api/me/quarantine/${id}/request-release`)).toHaveLength(2);

    await user.click(within(item).getByRole('button', { name: 'Vis headere' }));
    // The server here runs in jsdom's realm, where its blob store's `instanceof Uint8Array` misses
    // and it answers headers: null (quarantine-api.test.ts reads them in Node): the pane says so.
    expect((await within(item).findByTestId('quarantine-headers')).getAttribute('aria-label')).toBe(daDK.quarantine.headersLabel);
    await user.click(within(item).getByRole('button', { name: 'Skjul headere' }));
    expect(within(item).queryByTestId('quarantine-headers')).toBeNull();
  });

  it('words a refused action from the catalog by its code, and deletes (fr-FR)', async () => {
    const id = await quarantine(server, 'spam', 'Facture 118', '<fac-118@supplier.example>');
    await quarantine(server, 'bulk', 'Lettre d’information', '<news-1@supplier.example>');
    const user = userEvent.setup();
    renderView(server, 'fr-FR');
    const item = await itemNamed('Facture 118');

    // An administrator releases it while the list is on screen.
    const admin = await server.test.token('secops@contoso.example', ['SecurityAdministrator']);
    const released = await server.test.app.inject({ method: 'POST', url: `/api/quarantine/${id}/release`, headers: { authorization: `Bearer ${admin}` } });
    expect(released.statusCode).toBe(200);

    await user.click(within(item).getByRole('button', { name: 'Libérer vers la boîte de réception' }));
    await waitFor(() => expect(statusLine().getAttribute('data-state')).toBe('error'));
    expect(statusLine().textContent).toContain(frFR.quarantine.failed(frFR.serverErrors.codes.already_released));

    const bulk = await itemNamed('Lettre d’information');
    expect(within(bulk).getByText('Courrier en nombre')).toBeTruthy();
    await user.click(within(bulk).getByRole('button', { name: 'Supprimer' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Lettre d’information' })).toBeNull());
    expect(statusLine().textContent).toContain('« Lettre d’information » a été supprimé.');
    expect((await mine(server)).map((i) => i.subject)).toEqual(['Facture 118']);
  });

  it('says when there is nothing in quarantine', async () => {
    renderView(server, 'en-US');
    expect((await screen.findByTestId('quarantine-empty')).textContent).toContain(enUS.quarantine.empty);
  });

  it('in a plain browser, signs in with what the server offers (the dev issuer here), then shows my quarantine', async () => {
    await quarantine(server, 'spam', 'Faktura 9', '<fak-9@supplier.example>');
    const user = userEvent.setup();
    const session = createBrowserQuarantine({ fetch: server.fetch, baseUrl: server.origin, language: 'da-DK', now: () => server.test.clock.now().getTime() });
    renderInFluent(<BrowserQuarantine session={session} />);

    expect(await screen.findByRole('heading', { name: daDK.quarantine.signIn.heading })).toBeTruthy();
    const signIn = screen.getByRole('button', { name: 'Log ind' });
    expect((signIn as HTMLButtonElement).disabled).toBe(true);
    await user.type(await screen.findByLabelText(/Din mailadresse/), ANNA.address);
    await user.click(signIn);

    const item = await itemNamed('Faktura 9');
    expect(screen.getByTestId('signed-in-as').textContent).toContain(`Logget ind som ${ANNA.address}`);
    expect(within(item).getByTestId('release-status').textContent).toContain('Ikke frigivet');
    expect(server.sentTo('GET', '/api/me/quarantine')).toHaveLength(1);
  });
});

describe('the view and buttons', () => {
  const base: MyQuarantineItem = {
    id: 'q1', sender: 'a@b.example', senderName: null, subject: 's', receivedDateTime: '2026-01-01T00:00:00.000Z', reason: 'spam',
    expiresDateTime: '2026-01-31T00:00:00.000Z', releaseStatus: 'notReleased', releaseRequestedDateTime: null, releaseDecidedDateTime: null,
    releasedDateTime: null, actions: ['delete', 'preview', 'release', 'viewHeaders'],
  };

  it('offers only what the policy allows and the release status still makes sense of', () => {
    expect(buttonsFor(base)).toEqual(['preview', 'release', 'report', 'view-headers', 'delete']);
    expect(buttonsFor({ ...base, releaseStatus: 'released' })).toEqual(['preview', 'report', 'view-headers', 'delete']);
    expect(buttonsFor({ ...base, releaseStatus: 'denied' })).toEqual(['preview', 'release', 'report', 'view-headers', 'delete']);
    expect(buttonsFor({ ...base, actions: ['requestRelease', 'blockSender'], releaseStatus: 'requested' })).toEqual(['request-release', 'block-sender', 'report']);
    expect(buttonsFor({ ...base, actions: ['requestRelease'], releaseStatus: 'denied' })).toEqual(['report']);
  });

  it('previews the body in a sandboxed frame, remote images held back until asked, and hides it again; a refusal is worded (en-US)', async () => {
    const asked: string[] = [];
    const preview: MessagePreview = {
      html: '<p>Dear Anna, the invoice</p><img src="https://tracker.example/p.gif"><script>parent.alert(1)</script><img src="cid:logo@x">',
      text: null,
      inlineImages: [{ contentId: 'logo@x', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }],
      attachments: [{ filename: 'invoice.pdf', contentType: 'application/pdf', size: 2048 }],
      truncated: false,
    };
    const service: QuarantineService = {
      list: async () => ({ items: [base, { ...base, id: 'q2', subject: 'no preview', actions: ['delete'] }, { ...base, id: 'q3', subject: 'refused' }], nextCursor: null }),
      detail: async () => { throw new Error('not used'); },
      act: async () => { throw new Error('not used'); },
      preview: async (id) => {
        asked.push(id);
        if (id === 'q3') throw new ApiError(403, 'no', { statusCode: 403, error: 'Forbidden', message: 'no', code: 'quarantine_action_not_allowed' });
        return preview;
      },
    };
    const user = userEvent.setup();
    renderInFluent(<QuarantineView quarantine={service} strings={enUS} locale="en-US" />);

    const item = await itemNamed('s');
    expect(buttonsOf(await itemNamed('no preview'))).not.toContain('preview');
    const button = within(item).getByRole('button', { name: enUS.quarantine.actions.preview });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await user.click(button);

    const frame = (await within(item).findByTestId('preview-frame')) as HTMLIFrameElement;
    expect(asked).toEqual(['q1']);
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.title).toBe(enUS.quarantine.preview.frameTitle);
    const srcdoc = frame.getAttribute('srcdoc') ?? '';
    expect(srcdoc).toContain('Dear Anna, the invoice');
    expect(srcdoc).toContain("default-src 'none'; img-src data:;");
    expect(srcdoc).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(srcdoc).not.toMatch(/<script|\ssrc="https:/);
    expect(within(item).getByTestId('blocked-images').textContent).toBe(enUS.quarantine.preview.blockedImages(1));
    expect(within(item).getByText('invoice.pdf (2 KB)')).toBeTruthy();

    await user.click(within(item).getByTestId('load-images'));
    expect(within(item).getByTestId('preview-frame').getAttribute('srcdoc')).toContain('src="https://tracker.example/p.gif"');
    expect(within(item).getByTestId('preview-frame').getAttribute('srcdoc')).not.toContain('<script');

    await user.click(within(item).getByRole('button', { name: enUS.quarantine.actions.hidePreview }));
    expect(within(item).queryByTestId('preview-frame')).toBeNull();

    await user.click(within(await itemNamed('refused')).getByRole('button', { name: enUS.quarantine.actions.preview }));
    await waitFor(() => expect(statusLine().getAttribute('data-state')).toBe('error'));
    expect(statusLine().textContent).toContain(enUS.quarantine.failed(enUS.serverErrors.codes.quarantine_action_not_allowed));
  });

  it('opens the quarantine view from ?view=quarantine', () => {
    expect(viewOf('?view=quarantine')).toBe('quarantine');
    expect(viewOf('')).toBe('report');
    expect(viewOf('?view=other')).toBe('report');
  });
});
