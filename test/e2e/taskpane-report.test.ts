/**
 * End to end, in real Chromium: the built task pane, loaded with an Office.js stand-in for one
 * message, reports it to a real triage server over HTTP. When the server goes away, a report
 * is queued, and once the server is back the outbox delivers it exactly once.
 *
 * Every test has its own server (own database) and its own browser context (own outbox), and
 * sets up what it needs itself: any one of them runs alone.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Submission } from '../../src/contracts/submissions';
import { INVOICE_EML, invoiceReport } from '../helpers/reports';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { openPaneContext } from './support/pane-page';
import { startE2eServer, type E2eServer } from './support/server';
import { ensureWebBuild } from './support/web-build';

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
  let server: E2eServer;
  let context: BrowserContext;
  let page: Page;

  /** Every submission the server holds, as a security administrator reads them. */
  async function adminList(): Promise<Submission[]> {
    const token = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    const response = await fetch(`${server.origin}/api/submissions`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: Submission[] }).items;
  }

  async function openPane(): Promise<void> {
    await page.goto(`${server.origin}/addin/taskpane.html`);
    await page.getByRole('button', { name: 'Not junk' }).waitFor();
  }

  beforeAll(async () => {
    ensureWebBuild();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    server = await startE2eServer();
    ({ context, page } = await openPaneContext(browser, MESSAGE, USER));
  });

  afterEach(async () => {
    await context?.close();
    await server?.close();
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
    // Anna reported this message before (from this pane or another device).
    const reported = await fetch(`${server.origin}/api/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await server.token(USER.emailAddress)}`, 'content-type': 'application/json', 'idempotency-key': 'earlier-report-of-118' },
      body: JSON.stringify(invoiceReport()),
    });
    expect(reported.status).toBe(201);

    await openPane();
    const earlier = page.getByTestId('earlier-report');
    await earlier.first().waitFor();
    expect(await earlier.count()).toBe(1);
    await expect(earlier.first().textContent()).resolves.toContain('Not junk');
  });

  test('a report made while the server is down is queued, then delivered exactly once', async () => {
    await openPane();
    await server.stop();
    await page.getByRole('button', { name: 'Junk', exact: true }).click();
    await page.locator('[data-testid=status][data-state=queued]').waitFor();
    // The user closes the pane. (Left open, its retry timer would deliver the report on its
    // own at a jittered moment, racing the reopening below.)
    await page.goto('about:blank');

    await server.start();
    // Opening the pane again is one of the moments the outbox retries.
    const isReport = (r: { url(): string; request(): { method(): string } }) =>
      r.url().endsWith('/api/submissions') && r.request().method() === 'POST';
    const delivered = page.waitForResponse(isReport);
    await openPane();
    expect((await delivered).status()).toBe(201);
    await page.locator('[data-testid=outbox]').waitFor({ state: 'detached' });
    const afterDelivery = await adminList();
    expect(afterDelivery.map((s) => s.category)).toEqual(['spam']);

    // A further open (another retry moment) must not send anything again.
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/submissions')) posts.push(request.url());
    });
    await openPane();
    await page.getByTestId('earlier-report').first().waitFor();
    expect(await page.getByTestId('earlier-report').count()).toBe(1);
    expect(posts).toEqual([]);
    expect(await adminList()).toHaveLength(1);
  });
});
