/**
 * End to end, in real Chromium: the built task pane opened by the ribbon's "My quarantine"
 * button (taskpane.html?view=quarantine, Office.js stand-in for one message) lists the user's
 * quarantined message from a real triage server; the user previews it (the body read on the
 * server, sanitised in the pane and shown in a sandboxed frame: no script runs, no remote image
 * is asked for until the user loads them) and releases it, which puts the delivery in the mail
 * queue. The same address opened in a plain browser (office.js loads but there is no Outlook)
 * asks the user to sign in first (the dev issuer here) and then shows the same list.
 */
import fs from 'node:fs';
import path from 'node:path';
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
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/addin');
/** A 1×1 PNG, as the sender's remote image and as the inline (cid:) logo. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const REMOTE_IMAGES = 'https://images.supplier.example/';

/** An HTML invoice with a tracking image, an inline logo, a script and an event handler. */
function htmlInvoice(subject: string): Buffer {
  const html = [
    '<html><head><style>h1{color:#0f6cbd}</style></head><body>',
    '<h1>Invoice 2026-118</h1>',
    '<p>Dear Anna, please find invoice 2026-118 for November attached.</p>',
    `<p><img src="cid:logo@supplier.example" alt="Supplier logo" width="40" height="40"> <img src="${REMOTE_IMAGES}track.png" alt="tracker" width="40" height="40"></p>`,
    '<script>console.log("PWNED script")</script><img src="x" onerror="console.log(\'PWNED onerror\')">',
    '<a href="javascript:console.log(\'PWNED link\')">Pay now</a>',
    '</body></html>',
  ].join('\r\n');
  return Buffer.from([
    'From: "Billing" <billing@supplier.example>',
    `To: ${USER.emailAddress}`,
    `Subject: ${subject}`,
    'Date: Sun, 22 Nov 2026 09:14:03 +0000',
    `Message-ID: <${subject.replace(/\W/g, '')}@supplier.example>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '--rel',
    'Content-Type: image/png',
    'Content-ID: <logo@supplier.example>',
    'Content-Transfer-Encoding: base64',
    '',
    PNG,
    '--rel--',
    '',
  ].join('\r\n'));
}
const NO_LOAD_SHEDDING = { SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS: '0', SECOND_LOOK_MAX_HEAP_BYTES: '0' };

const run = chromiumAvailable('my quarantine end-to-end') ? describe : describe.skip;

run('My quarantine in the task pane and in a plain browser, in Chromium', () => {
  let browser: Browser;
  let server: E2eServer;
  let context: BrowserContext | undefined;

  async function quarantine(subject: string, message = plainMessage({ subject, messageId: `<${subject.replace(/\W/g, '')}@supplier.example>`, to: USER.emailAddress })): Promise<string> {
    const token = await server.token('mta@contoso.example', ['QuarantineIntake']);
    const response = await fetch(`${server.origin}/api/quarantine?recipient=${encodeURIComponent('anna+quarantine-spam@contoso.example')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'message/rfc822' },
      body: new Uint8Array(message),
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

  test('the user previews a message in the pane (nothing runs, no remote image until asked), then releases it to the mail queue', async () => {
    await quarantine('Invoice 2026-118', htmlInvoice('Invoice 2026-118'));
    let page: Page;
    ({ context, page } = await openPaneContext(browser, MESSAGE, USER));
    const remote: string[] = [];
    let remoteAsked = (): void => undefined;
    const askedRemote = new Promise<void>((resolve) => (remoteAsked = resolve));
    await context.route(`${REMOTE_IMAGES}**`, (route) => {
      remote.push(route.request().url());
      remoteAsked();
      return route.fulfill({ contentType: 'image/png', body: Buffer.from(PNG, 'base64') });
    });
    const output: string[] = [];
    page.on('console', (message) => output.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => output.push(`pageerror: ${error.message}`));
    page.on('dialog', (dialog) => {
      output.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.setViewportSize({ width: 380, height: 900 });
    await page.goto(`${server.origin}/addin/taskpane.html?view=quarantine`);
    const item = page.getByRole('listitem', { name: 'Invoice 2026-118' });
    await item.getByTestId('release-status').getByText('Not released').waitFor();

    // Preview: the body is there inside the sandboxed frame; the remote image is held back.
    await item.getByRole('button', { name: 'Preview' }).click();
    const frame = item.getByTestId('preview-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    await page.frameLocator('[data-testid="preview-frame"]').getByText('Dear Anna, please find invoice 2026-118 for November attached.').waitFor();
    expect(await page.frameLocator('[data-testid="preview-frame"]').locator('img[alt="Supplier logo"]').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await item.getByTestId('blocked-images').getByText('1 remote image blocked').waitFor();
    // Give anything that could fire (onerror, a link) its chance.
    await page.frameLocator('[data-testid="preview-frame"]').getByText('Pay now').click();
    await page.waitForTimeout(500);
    expect(remote).toEqual([]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'quarantine-preview.png'), fullPage: true });

    // Asked for, the remote image loads; still nothing runs.
    await item.getByTestId('load-images').click();
    await Promise.race([askedRemote, page.waitForTimeout(5000)]);
    expect(remote).toEqual([`${REMOTE_IMAGES}track.png`]);
    await page.waitForTimeout(300);
    expect(output.filter((line) => /PWNED|dialog:|pageerror:/.test(line))).toEqual([]);
    expect(page.url()).toBe(`${server.origin}/addin/taskpane.html?view=quarantine`);

    // Then release it, in the same pane.
    await item.getByRole('button', { name: 'Release to Inbox' }).click();
    await page.getByTestId('quarantine-status').getByText('“Invoice 2026-118” was released to your Inbox.').waitFor();
    await item.getByTestId('release-status').getByText('Released').waitFor();

    const queued = await releases();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ to: USER.emailAddress, subject: 'Invoice 2026-118' });
  }, 60_000);

  // The preview in Outlook's other display languages: its buttons, the blocked-image notice and
  // the frame's title are the catalog's, and a screenshot of each is kept to look at.
  const PREVIEW_LANGUAGES = [
    { language: 'da-DK', preview: 'Forhåndsvis', blocked: '1 billede udefra er blokeret', load: 'Hent billeder udefra', frameTitle: 'Mailens indhold (renset)' },
    { language: 'fr-FR', preview: 'Aperçu', blocked: '1 image distante bloquée', load: 'Charger les images distantes', frameTitle: 'Corps du message (nettoyé)' },
  ];
  for (const expected of PREVIEW_LANGUAGES) {
    test(`${expected.language}: the preview speaks Outlook's display language`, async () => {
      await quarantine('Invoice 2026-118', htmlInvoice('Invoice 2026-118'));
      let page: Page;
      ({ context, page } = await openPaneContext(browser, MESSAGE, USER, expected.language));
      await page.setViewportSize({ width: 380, height: 900 });
      await page.goto(`${server.origin}/addin/taskpane.html?view=quarantine`);
      const item = page.getByRole('listitem', { name: 'Invoice 2026-118' });
      await item.getByRole('button', { name: expected.preview }).click();
      await page.frameLocator('[data-testid="preview-frame"]').getByText('Dear Anna, please find invoice 2026-118 for November attached.').waitFor();
      expect(await item.getByTestId('preview-frame').getAttribute('title')).toBe(expected.frameTitle);
      await item.getByTestId('blocked-images').getByText(expected.blocked).waitFor();
      expect(await item.getByTestId('load-images').textContent()).toBe(expected.load);
      expect(await page.evaluate('document.documentElement.lang')).toBe(expected.language);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `quarantine-preview-${expected.language}.png`), fullPage: true });
    }, 60_000);
  }

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
