/**
 * End to end, in real Chromium: the built task pane, loaded with an Office.js stand-in for one
 * message, reports it to a real triage server over HTTP. When the server goes away, a report
 * is queued, and once the server is back the outbox delivers it exactly once. Pinned, the pane
 * follows the selection: the stand-in fires ItemChanged, and the pane shows the other message
 * with its earlier report and the security team's answer.
 *
 * Every test has its own server (own database) and its own browser context (own outbox), and
 * sets up what it needs itself: any one of them runs alone.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Submission } from '../../src/contracts/submissions';
import { INVOICE_EML, invoiceReport } from '../helpers/reports';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { itemChangedHandlers, selectMessage } from './support/office-mock';
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
/** Another message in Anna's mailbox, from another sender. */
const REMINDER = {
  ...MESSAGE,
  itemId: 'AAMkAGI2TG94AAA=',
  internetMessageId: '<9b2d7c11.204@accounts.example>',
  from: { emailAddress: 'reminders@accounts.example', displayName: 'Accounts Receivable' },
  subject: 'Payment reminder 204',
};

const run = chromiumAvailable('task pane end-to-end') ? describe : describe.skip;

/**
 * Load shedding off: it measures this process's event loop, which the web build and Chromium
 * share with the server here; a slow moment there must not answer the page 503 (as the other
 * suites' test servers do).
 */
const NO_LOAD_SHEDDING = { SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS: '0', SECOND_LOOK_MAX_HEAP_BYTES: '0' };

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

  /** Reports `report` as Anna from elsewhere (another device), straight to the server. */
  async function reportAsAnna(report: ReturnType<typeof invoiceReport>, idempotencyKey: string): Promise<Submission> {
    const response = await fetch(`${server.origin}/api/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await server.token(USER.emailAddress)}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(report),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Submission;
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
    server = await startE2eServer(NO_LOAD_SHEDDING);
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
    const posted = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/api/submissions'));
    await page.getByRole('button', { name: 'Not junk' }).click();
    await page.locator('[data-testid=status][data-state=sent]').waitFor();
    // The report carries Outlook's display language: the security team's answer comes back in it.
    expect((await posted).postDataJSON()).toMatchObject({ locale: 'en-US' });

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

  test('pinned, the pane follows the selected message (ItemChanged): its report, the answer, its sender; nothing selected', async () => {
    // Anna reported the reminder earlier, and the security team has answered her.
    const reminderReport = await reportAsAnna(
      invoiceReport({ internetMessageId: REMINDER.internetMessageId, sender: REMINDER.from.emailAddress, subject: REMINDER.subject }),
      'earlier-report-of-204',
    );
    const admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    const marked = await fetch(`${server.origin}/api/submissions/${reminderReport.id}/mark`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ result: 'noThreatsFound', message: 'Genuine: Accounts Receivable is ours.', notify: false }),
    });
    expect(marked.status).toBe(200);

    await openPane();
    await page.getByText('You have not reported this message before.').waitFor();
    expect(await itemChangedHandlers(page)).toBe(1);
    await page.getByRole('radio', { name: 'Only this address: billing@supplier.example' }).waitFor();

    await selectMessage(page, REMINDER);
    await page.getByTestId('message-subject').getByText('Payment reminder 204').waitFor();
    const answer = page.getByRole('region', { name: 'Your security team’s answer' });
    await answer.waitFor();
    await expect(answer.getByTestId('review-result').textContent()).resolves.toBe('No threats found');
    await expect(answer.getByTestId('review-message').textContent()).resolves.toBe('Genuine: Accounts Receivable is ours.');
    expect(await page.getByTestId('earlier-report').count()).toBe(1);
    await page.getByRole('radio', { name: 'Only this address: reminders@accounts.example' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Only this address: billing@supplier.example' }).count()).toBe(0);

    await selectMessage(page, null);
    await page.getByText('Open a message to report it.').waitFor();
    expect(await page.getByRole('button', { name: 'Not junk' }).count()).toBe(0);
    expect(await page.getByTestId('earlier-reports').count()).toBe(0);
    // The lists stay within reach.
    await page.locator('[data-testid=safe-senders][data-state=ready]').waitFor();

    await selectMessage(page, MESSAGE);
    await page.getByTestId('message-subject').getByText('Faktura 2026-118').waitFor();
    await page.getByText('You have not reported this message before.').waitFor();
    expect(await page.getByTestId('review-answer').count()).toBe(0);
  });
});
