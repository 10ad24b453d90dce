/**
 * End to end, in real Chromium: the built task pane opened by the ribbon's "My quarantine"
 * button (taskpane.html?view=quarantine, Office.js stand-in for one message) lists the user's
 * quarantined message from a real triage server; releasing it puts the delivery in the mail
 * queue. The same address opened in a plain browser (office.js loads but there is no Outlook)
 * asks the user to sign in first (the dev issuer here) and then shows the same list.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MailQueuePage } from '../../src/contracts/portal/mail-queue';
import type { QuarantineIntakeResponse } from '../../src/contracts/quarantine';
import { plainMessage } from '../helpers/quarantine';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { OFFICE_JS_URL } from './support/office-mock';
import { openPaneContext } from './support/pane-page';
import { startE2eServer, type E2eServer } from './support/server';
import { ensureWebBuild } from './support/web-build';

const MESSAGE = {
  itemId: 'AAMkAGI2TG93AAC=',
  internetMessageId: '<hello@example.com>',
  from: { emailAddress: 'someone@example.com', displayName: 'Someone' },
  to: [{ emailAddress: 'anna@contoso.example', displayName: 'Anna Berg' }],
  subject: 'Hello',
  dateTimeCreated: '2026-11-22T09:14:03Z',
  headers: 'Subject: Hello\r\n',
  emlBase64: Buffer.from('Subject: Hello\r\n\r\nhi\r\n').toString('base64'),
};
const USER = { emailAddress: 'anna@contoso.example', displayName: 'Anna Berg' };
const NO_LOAD_SHEDDING = { SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS: '0', SECOND_LOOK_MAX_HEAP_BYTES: '0' };

const run = chromiumAvailable('my quarantine end-to-end') ? describe : describe.skip;

run('My quarantine in the task pane and in a plain browser, in Chromium', () => {
  let browser: Browser;
  let server: E2eServer;
  let context: BrowserContext | undefined;

  async function quarantine(subject: string): Promise<string> {
    const token = await server.token('mta@contoso.example', ['QuarantineIntake']);
    const response = await fetch(`${server.origin}/api/quarantine?recipient=${encodeURIComponent('anna+quarantine-spam@contoso.example')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'message/rfc822' },
      body: new Uint8Array(plainMessage({ subject, messageId: `<${subject.replace(/\W/g, '')}@supplier.example>`, to: USER.emailAddress })),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as QuarantineIntakeResponse;
    return body.items[0]?.id ?? '';
  }

  async function releases() {
    const admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    const response = await fetch(`${server.origin}/api/mail-queue`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as MailQueuePage).items.filter((mail) => mail.kind === 'quarantineRelease');
  }

  beforeAll(async () => {
    ensureWebBuild();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    server = await startE2eServer({ ...NO_LOAD_SHEDDING, SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example' });
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
    await server?.close();
  });

  test('the user releases a message from the pane, and the release reaches the mail queue', async () => {
    await quarantine('Invoice 2026-118');
    let page: Page;
    ({ context, page } = await openPaneContext(browser, MESSAGE, USER));
    await page.goto(`${server.origin}/addin/taskpane.html?view=quarantine`);
    const item = page.getByRole('listitem', { name: 'Invoice 2026-118' });
    await item.getByTestId('release-status').getByText('Not released').waitFor();
    await item.getByRole('button', { name: 'Release to Inbox' }).click();
    await page.getByTestId('quarantine-status').getByText('“Invoice 2026-118” was released to your Inbox.').waitFor();
    await item.getByTestId('release-status').getByText('Released').waitFor();

    const queued = await releases();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ to: USER.emailAddress, subject: 'Invoice 2026-118' });
  }, 60_000);

  test('opened in a plain browser, the same link asks to sign in and then lists the quarantine (fr-FR)', async () => {
    await quarantine('Facture 118');
    context = await browser.newContext({ locale: 'fr-FR' });
    // office.js outside Office: it loads, onReady says there is no host, and there is no mailbox.
    await context.route(OFFICE_JS_URL, (route) =>
      route.fulfill({ contentType: 'application/javascript', body: 'window.Office = { context: {}, onReady: () => Promise.resolve({ host: null, platform: null }) };' }),
    );
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.origin}/addin/taskpane.html?view=quarantine`);
    await page.getByRole('heading', { name: 'Connectez-vous pour voir votre quarantaine' }).waitFor();
    await page.getByLabel('Votre adresse e-mail').fill(USER.emailAddress);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const item = page.getByRole('listitem', { name: 'Facture 118' });
    await item.getByTestId('release-status').getByText('Non libéré').waitFor();
    expect(await releases()).toHaveLength(0);
  }, 60_000);
});
