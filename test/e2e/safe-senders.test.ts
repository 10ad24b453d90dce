/**
 * End to end, in real Chromium: the built task pane, loaded with an Office.js stand-in for one
 * message, manages the user's own safe and blocked senders on a real triage server. Nothing is
 * saved before the user confirms; what the pane shows is checked against the server's API.
 *
 * Every test has its own server (own lists) and its own browser context: any one of them runs
 * alone, and none leaves anything behind for another.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SenderListResponse } from '../../src/contracts/lists';
import { INVOICE_EML } from '../helpers/reports';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { openPaneContext } from './support/pane-page';
import { startE2eServer, type E2eServer } from './support/server';
import { ensureWebBuild } from './support/web-build';

const SENDER = 'billing@supplier.example';
const MESSAGE = {
  itemId: 'AAMkAGI2TG93AAB=',
  internetMessageId: '<7a1c2a9e.119@supplier.example>',
  from: { emailAddress: SENDER, displayName: 'Bjørn Hansen' },
  to: [{ emailAddress: 'anna@contoso.example', displayName: 'Anna Berg' }],
  subject: 'Faktura 2026-119',
  dateTimeCreated: '2026-11-22T09:14:03Z',
  headers: INVOICE_EML.toString('utf8').split('\r\n\r\n')[0] ?? '',
  emlBase64: INVOICE_EML.toString('base64'),
};
const USER = { emailAddress: 'anna@contoso.example', displayName: 'Anna Berg' };

const run = chromiumAvailable('safe senders end-to-end') ? describe : describe.skip;

/**
 * Load shedding off: it measures this process's event loop, which the web build and Chromium
 * share with the server here; a slow moment there must not answer the page 503 (as the other
 * suites' test servers do).
 */
const NO_LOAD_SHEDDING = { SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS: '0', SECOND_LOOK_MAX_HEAP_BYTES: '0' };

run('task pane safe and blocked senders → triage server, in Chromium', () => {
  let browser: Browser;
  let server: E2eServer;
  let context: BrowserContext;
  let page: Page;
  let userToken = '';

  /** The user's list as the server has it, asked with the user's own token (not through the pane). */
  async function serverList(list: 'safe' | 'blocked'): Promise<SenderListResponse> {
    const response = await fetch(`${server.origin}/api/me/${list}-senders`, {
      headers: { authorization: `Bearer ${userToken}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as SenderListResponse;
  }

  async function openPane(): Promise<void> {
    await page.goto(`${server.origin}/addin/taskpane.html`);
    // The section loads as its own chunk; both lists then load from the server.
    await page.getByRole('button', { name: 'Add to safe senders' }).waitFor();
    await page.locator('[data-testid=safe-senders][data-state=ready]').waitFor();
    await page.locator('[data-testid=blocked-senders][data-state=ready]').waitFor();
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
    userToken = await server.token(USER.emailAddress);
    ({ context, page } = await openPaneContext(browser, MESSAGE, USER));
  });

  afterEach(async () => {
    await context?.close();
    await server?.close();
  });

  test('adds the sender’s address after confirmation, lists it, then removes it', async () => {
    await openPane();
    const safeList = page.getByTestId('safe-senders');
    await expect(page.getByTestId('safe-senders-used').textContent()).resolves.toBe('0 of 1,024 used');
    await expect(safeList.textContent()).resolves.toContain('None yet.');

    // The address is the default choice; the domain is offered beside it.
    expect(await page.getByRole('radio', { name: `Only this address: ${SENDER}` }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Everyone at supplier.example' }).isChecked()).toBe(false);

    await page.getByRole('button', { name: 'Add to safe senders' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(dialog.getByRole('heading').textContent()).resolves.toBe('Add to your safe senders?');
    await expect(dialog.getByTestId('confirm-value').textContent()).resolves.toBe(SENDER);
    // Asked, not yet confirmed: nothing is saved.
    expect((await serverList('safe')).items).toEqual([]);

    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('[data-testid=lists-status][data-state=added]').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByTestId('lists-status').textContent()).resolves.toBe(`${SENDER} was added to your safe senders.`);
    await expect(page.getByTestId('safe-sender').allTextContents()).resolves.toEqual([`${SENDER}Remove`]);
    await expect(page.getByTestId('safe-senders-used').textContent()).resolves.toBe('1 of 1,024 used');
    expect(await page.getByTestId('blocked-sender').count()).toBe(0);

    const stored = await serverList('safe');
    expect(stored).toMatchObject({ used: 1, limit: 1024, items: [{ value: SENDER, displayValue: SENDER, valueType: 'address' }] });
    expect((await serverList('blocked')).items).toEqual([]);

    // Opened again, the pane shows what the server holds.
    await openPane();
    await expect(page.getByTestId('safe-sender').count()).resolves.toBe(1);

    await page.getByRole('button', { name: `Remove ${SENDER}` }).click();
    await page.locator('[data-testid=lists-status][data-state=removed]').waitFor();
    await page.getByTestId('safe-sender').waitFor({ state: 'detached' });
    await expect(page.getByTestId('lists-status').textContent()).resolves.toBe(`${SENDER} was removed from your safe senders.`);
    await expect(page.getByTestId('safe-senders-used').textContent()).resolves.toBe('0 of 1,024 used');
    expect(await serverList('safe')).toMatchObject({ used: 0, items: [] });
  });

  test('Cancel saves nothing; a domain goes to blocked senders only after "Add"', async () => {
    await openPane();
    await page.getByRole('radio', { name: 'Everyone at supplier.example' }).check();
    await page.getByRole('button', { name: 'Add to blocked senders' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('confirm-value').textContent()).resolves.toBe('supplier.example');
    await expect(dialog.getByRole('heading').textContent()).resolves.toBe('Add to your blocked senders?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await serverList('blocked')).items).toEqual([]);
    await expect(page.getByTestId('lists-status').getAttribute('data-state')).resolves.toBe('idle');

    await page.getByRole('button', { name: 'Add to blocked senders' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('[data-testid=lists-status][data-state=added]').waitFor();
    await expect(page.getByTestId('blocked-sender').allTextContents()).resolves.toEqual(['supplier.exampleRemove']);
    expect(await serverList('blocked')).toMatchObject({ used: 1, items: [{ value: 'supplier.example', valueType: 'domain' }] });
    expect((await serverList('safe')).items).toEqual([]);

    await page.getByRole('button', { name: 'Remove supplier.example' }).click();
    await page.getByTestId('blocked-sender').waitFor({ state: 'detached' });
    expect((await serverList('blocked')).items).toEqual([]);
  });

  test('the server’s refusal is worded from its code (a duplicate added elsewhere)', async () => {
    await openPane();
    // Added meanwhile from somewhere else (another device): this pane's copy is stale.
    const added = await fetch(`${server.origin}/api/me/safe-senders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${userToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: SENDER }),
    });
    expect(added.status).toBe(201);

    await page.getByRole('button', { name: 'Add to safe senders' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('[data-testid=lists-status][data-state=error]').waitFor();
    await expect(page.getByTestId('lists-status').textContent()).resolves.toBe(
      `${SENDER} was not added to your safe senders: This sender is already on the list.`,
    );
    // The refusal made the pane read the list again: the entry from elsewhere is shown once.
    await page.getByTestId('safe-sender').waitFor();
    await expect(page.getByTestId('safe-senders-used').textContent()).resolves.toBe('1 of 1,024 used');
    expect((await serverList('safe')).used).toBe(1);
  });
});
