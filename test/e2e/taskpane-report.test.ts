/**
 * End to end, in real Chromium: the built task pane, loaded with an Office.js stand-in for one
 * message, reports it to a real triage server over HTTP. Then the server goes away, the user
 * reports again, the server comes back, and the outbox delivers that report exactly once.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app';
import { loadEmbeddedIssuer, mintToken } from '../../src/server/auth/embedded-issuer';
import { loadConfig, type Config } from '../../src/server/config/config';
import { INVOICE_EML } from '../helpers/reports';
import { tempDir } from '../helpers/server';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { OFFICE_JS_URL, officeMockScript } from './support/office-mock';
import { ensureWebBuild, WEB_ROOT } from './support/web-build';

const HEADERS = INVOICE_EML.toString('utf8').split('\r\n\r\n')[0] ?? '';
const MESSAGE = {
  itemId: 'AAMkAGI2TG93AAA=',
  internetMessageId: '<4f1c2a9e.118@supplier.example>',
  from: { emailAddress: 'billing@supplier.example', displayName: 'Bjørn Hansen' },
  to: [{ emailAddress: 'anna@contoso.example', displayName: 'Anna Berg' }],
  subject: 'Faktura 2026-118 – forfalden',
  dateTimeCreated: '2026-11-22T09:14:03Z',
  headers: HEADERS,
  emlBase64: INVOICE_EML.toString('base64'),
};
const USER = { emailAddress: 'anna@contoso.example', displayName: 'Anna Berg' };

const run = chromiumAvailable('task pane end-to-end') ? describe : describe.skip;

run('task pane → triage server, in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let config: Config;
  let app: FastifyInstance | undefined;
  let port = 0;

  async function startServer(): Promise<void> {
    app = await buildApp({ ...config, port });
    await app.listen({ port, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  }

  async function stopServer(): Promise<void> {
    await app?.close();
    app = undefined;
  }

  async function adminList(): Promise<Array<Record<string, unknown>>> {
    if (config.auth.kind !== 'embedded') throw new Error('embedded issuer expected');
    const issuer = await loadEmbeddedIssuer(config.dataDir, config.auth.issuer, config.auth.audience);
    const { token } = await mintToken(issuer, { email: 'secops@contoso.example', roles: ['SecurityAdministrator'], lifetime: 600, now: new Date() });
    const response = await fetch(`http://127.0.0.1:${port}/api/submissions`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: Array<Record<string, unknown>> }).items;
  }

  async function openPane(): Promise<void> {
    await page.goto(`http://127.0.0.1:${port}/addin/taskpane.html`);
    await page.getByRole('button', { name: 'Not junk' }).waitFor();
  }

  beforeAll(async () => {
    ensureWebBuild();
    const dataDir = tempDir('second-look-e2e-');
    config = loadConfig({ SECOND_LOOK_DATA: dataDir, SECOND_LOOK_LOG_LEVEL: 'silent', SECOND_LOOK_WEB_ROOT: WEB_ROOT });
    await startServer();
    browser = await launchChromium();
    context = await browser.newContext();
    await context.route(OFFICE_JS_URL, (route) =>
      route.fulfill({ contentType: 'application/javascript', body: officeMockScript(MESSAGE, USER) }),
    );
    page = await context.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stopServer();
    if (config) fs.rmSync(config.dataDir, { recursive: true, force: true });
  });

  test('Not junk with a comment is recorded by the server exactly as reported', async () => {
    await openPane();
    await expect(page.getByTestId('message-subject').textContent()).resolves.toContain('Faktura 2026-118');
    await page.getByLabel('Comment').fill('Our supplier — we pay these every month');
    await page.getByRole('button', { name: 'Not junk' }).click();
    await page.locator('[data-testid=status][data-state=sent]').waitFor();

    const submissions = await adminList();
    expect(submissions).toHaveLength(1);
    expect(submissions[0]).toMatchObject({
      category: 'notJunk',
      source: 'user',
      status: 'pending',
      internetMessageId: '<4f1c2a9e.118@supplier.example>',
      recipientEmailAddress: 'anna@contoso.example',
      sender: 'billing@supplier.example',
      subject: 'Faktura 2026-118 – forfalden',
      comment: 'Our supplier — we pay these every month',
      createdBy: { email: 'anna@contoso.example' },
      hasMessage: true,
    });
  });

  test('opened again, the pane shows the earlier report of this message', async () => {
    await openPane();
    await page.getByTestId('earlier-report').first().waitFor();
    expect(await page.getByTestId('earlier-report').count()).toBe(1);
  });

  test('a report made while the server is down is queued, then delivered exactly once', async () => {
    await openPane();
    await stopServer();
    await page.getByRole('button', { name: 'Junk', exact: true }).click();
    await page.locator('[data-testid=status][data-state=queued]').waitFor();

    await startServer();
    // Opening the pane again is one of the moments the outbox retries.
    const isReport = (r: { url(): string; request(): { method(): string } }) =>
      r.url().endsWith('/api/submissions') && r.request().method() === 'POST';
    const delivered = page.waitForResponse(isReport);
    await openPane();
    expect((await delivered).status()).toBe(201);
    await page.locator('[data-testid=outbox]').waitFor({ state: 'detached' });
    const afterDelivery = await adminList();
    expect(afterDelivery.map((s) => s['category']).sort()).toEqual(['notJunk', 'spam']);

    // A further open (another retry moment) must not send anything again.
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/submissions')) posts.push(request.url());
    });
    await openPane();
    await page.getByTestId('earlier-report').nth(1).waitFor();
    expect(posts).toEqual([]);
    expect(await adminList()).toHaveLength(2);
  });
});

