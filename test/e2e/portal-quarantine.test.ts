/**
 * The portal's quarantine in real Chromium against a real server, rows taken in through the
 * real intake (POST /api/quarantine): quick filters in the address, a request approved from
 * the row's menu, a release to chosen recipients, a row deleted, release similar as a
 * background job; and a Security Reader who sees every row and no action.
 */
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { ADMIN, QUARANTINE_ENV, READER, goTo, openPortal, seedQuarantine, startPortalServer, type PortalServer, type PortalSession, type QuarantineShowcase } from './support/portal';
import { ensureWebBuild } from './support/web-build';

const run = chromiumAvailable('admin portal quarantine') ? describe : describe.skip;

interface Row {
  id: string;
  recipient: string;
  subject: string;
  releaseStatus: string;
}

run('admin portal: quarantine', () => {
  let browser: Browser;
  let server: PortalServer;
  let session: PortalSession | undefined;
  let seeded: QuarantineShowcase;

  beforeAll(async () => {
    ensureWebBuild();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    server = await startPortalServer({ ...QUARANTINE_ENV });
    seeded = await seedQuarantine(server);
  });

  afterEach(async () => {
    await session?.context.close();
    session = undefined;
    await server?.close();
  });

  const rows = async (query = ''): Promise<Row[]> => {
    const response = await fetch(`${server.origin}/api/quarantine${query}`, { headers: { authorization: `Bearer ${await server.token(ADMIN, ['SecurityAdministrator'])}` } });
    return ((await response.json()) as { items: Row[] }).items;
  };
  const shownIds = async (page: Page) => page.getByTestId('quarantine-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));

  test('quick filters are server filters in the address; a request is approved from the row menu, a row deleted', async () => {
    session = await openPortal(browser, server, { email: ADMIN, roles: ['QuarantineAdministrator', 'SecurityReader'] });
    const { page } = session;
    await goTo(page, '/admin/quarantine');
    await page.getByTestId('quarantine-row').nth(5).waitFor();
    expect(await page.getByTestId('quarantine-row').count()).toBe(6);

    await page.getByTestId('quick-requested').click();
    await page.waitForFunction(() => location.search === '?status=requested');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=quarantine-row]').length === 1);
    expect(await shownIds(page)).toEqual([seeded.requested]);

    await page.getByTestId('row-actions').click();
    await page.getByTestId('action-approve').click();
    await page.getByTestId('confirm-dialog').locator('textarea').fill('Checked with the printer vendor.');
    await page.getByTestId('confirm-action').click();
    await page.locator(`[data-testid=quarantine-row][data-id="${seeded.requested}"][data-status=released]`).waitFor();
    expect((await rows('?releaseStatus=released')).map((r) => r.id)).toEqual([seeded.requested]);

    // Phishing instead: one reason at a time, status kept.
    await page.getByTestId('quick-requested').click();
    await page.getByTestId('quick-phishing').click();
    await page.waitForFunction(() => location.search === '?reason=phishing');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=quarantine-row]').length === 1);
    expect(await shownIds(page)).toEqual([seeded.invoice]);
    await page.getByTestId('row-actions').click();
    await page.getByTestId('action-delete').click();
    await page.getByTestId('confirm-action').click();
    await page.getByTestId('empty-state').waitFor();
    expect((await rows()).map((r) => r.id)).not.toContain(seeded.invoice);
  }, 90_000);

  test('the detail page: decoded headers, safe preview, release to chosen recipients, release similar as a job', async () => {
    session = await openPortal(browser, server, { email: ADMIN, roles: ['SecurityAdministrator'] });
    const { page } = session;
    await goTo(page, `/admin/quarantine/${seeded.newsletter}`);
    // Wait for the detail page itself: until its chunk and row have loaded, the overview's h1 is still there.
    await page.locator('main h1', { hasText: 'Northwind weekly — issue 48' }).waitFor();
    await expect(page.locator('main h1').textContent()).resolves.toBe('Northwind weekly — issue 48');
    await page.getByTestId('preview-frame').waitFor();
    expect(await page.getByTestId('preview-frame').getAttribute('sandbox')).toBe('');
    await page.getByTestId('headers-tab').click();
    await expect(page.getByTestId('headers').textContent()).resolves.toContain('Northwind weekly — issue 48');
    expect(await page.getByTestId('recipient').count()).toBe(3);

    await page.getByTestId('release').click();
    const dialog = page.getByTestId('release-dialog');
    await dialog.getByText('bo@contoso.example').click();
    await expect(page.getByTestId('release-confirm').textContent()).resolves.toContain('2');
    await page.getByTestId('release-confirm').click();
    await page.locator('[data-testid=recipient][data-status=released]').nth(1).waitFor();
    // Each released copy shows its delivery in the mail queue: queued until the sender runs.
    await page.locator('[data-testid=release-delivery][data-state=queued]').nth(1).waitFor();
    expect(await page.getByTestId('release-delivery').count()).toBe(2);
    const newsletter = (await rows()).filter((r) => r.subject === 'Northwind weekly — issue 48');
    expect(Object.fromEntries(newsletter.map((r) => [r.recipient, r.releaseStatus]))).toEqual({
      'anna@contoso.example': 'released',
      'bo@contoso.example': 'notReleased',
      'carla@contoso.example': 'released',
    });

    // Release similar (same sender): the exact set, then a background job to the end.
    await page.getByTestId('release-similar').click();
    await page.getByTestId('bulk-summary').waitFor();
    // Every one of the sender's messages not yet released is in the set, ticked (none is risky).
    const waiting = (await rows('?sender=news%40northwind.example&releaseStatus=notReleased')).map((r) => r.id).sort();
    expect(waiting).toHaveLength(2);
    const ticked = await page.locator('[data-testid=bulk-member][data-selected=true]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(ticked.sort()).toEqual(waiting);
    await page.getByTestId('bulk-confirm').click();
    await page.getByTestId('bulk-progress').waitFor();
    // The job loop is main.ts's; here the test runs the job to its end while the dialog polls.
    const bulk = (server.app as unknown as { quarantineBulk: { runOnce(): Promise<{ outcome: string } | undefined> } }).quarantineBulk;
    expect((await bulk.runOnce())?.outcome).toBe('done');
    await page.locator('[data-testid=bulk-progress][data-state=done]').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('bulk-progress').textContent()).resolves.toContain('2 of 2 released');
    expect((await rows('?sender=news%40northwind.example')).every((r) => r.releaseStatus === 'released')).toBe(true);
  }, 90_000);

  test('release, submit and allow: the dry run lists what the entry would also let through, then one confirmed step', async () => {
    session = await openPortal(browser, server, { email: ADMIN, roles: ['SecurityAdministrator'] });
    const { page } = session;
    await goTo(page, `/admin/quarantine/${seeded.newsletter}`);
    await page.getByTestId('release-submit-allow').click();
    const also = page.getByTestId('also-let-through');
    // Issue 47: the same sender, another message, still quarantined (issue 48's own copies are this release's).
    await also.locator('li').first().waitFor();
    expect(await also.locator('li').allTextContents()).toEqual(['Northwind weekly — issue 47 · news@northwind.example → anna@contoso.example']);
    await page.getByTestId('rsa-expiry').selectOption('30');
    await page.getByTestId('rsa-confirm').click();
    await page.getByTestId('rsa-dialog').waitFor({ state: 'detached', timeout: 30_000 });
    expect((await rows()).find((r) => r.id === seeded.newsletter)?.releaseStatus).toBe('released');
    const entries = await fetch(`${server.origin}/api/allow-block-entries`, { headers: { authorization: `Bearer ${await server.token(ADMIN, ['SecurityAdministrator'])}` } });
    expect(((await entries.json()) as { items: Array<{ value: string; action: string }> }).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 'news@northwind.example', action: 'allow' })]),
    );
  }, 90_000);

  test('a Quarantine Administrator alone: the portal opens on the quarantine, shows nothing else, and releases', async () => {
    session = await openPortal(browser, server, { email: 'qa@contoso.example', roles: ['QuarantineAdministrator'] });
    const { page } = session;
    // Signed in at /admin/ (the overview, the security team's): the quarantine opens instead.
    await page.waitForFunction(() => location.pathname === '/admin/quarantine');
    await page.getByTestId('quarantine-row').nth(5).waitFor();
    expect(await page.locator('nav a').allTextContents()).toEqual(['Quarantine']);
    await expect(page.getByTestId('quarantine-only').textContent()).resolves.toContain('Quarantine access');
    expect(await page.getByTestId('read-only').count()).toBe(0);
    expect(await page.title()).toBe('Quarantine · Second Look');
    // Another page's address brings the quarantine back, not a page of refusals.
    await goTo(page, '/admin/settings');
    await page.waitForFunction(() => location.pathname === '/admin/quarantine');
    await page.getByTestId('quarantine-row').first().waitFor();

    await goTo(page, `/admin/quarantine/${seeded.newsletter}`);
    await page.getByTestId('preview-frame').waitFor();
    // Release + submit + allow also makes an allow entry: the Security Administrator's.
    expect(await page.getByTestId('release-submit-allow').count()).toBe(0);
    await page.getByTestId('release').click();
    await page.getByTestId('release-confirm').click();
    await page.locator('[data-testid=recipient][data-status=released]').nth(2).waitFor();
    const newsletter = (await rows()).filter((r) => r.subject === 'Northwind weekly — issue 48');
    expect(newsletter.map((r) => r.releaseStatus)).toEqual(['released', 'released', 'released']);
  }, 90_000);

  test('an admin adds a quarantine policy in Settings and maps bulk mail to it', async () => {
    session = await openPortal(browser, server, { email: ADMIN, roles: ['SecurityAdministrator'] });
    const { page } = session;
    await goTo(page, '/admin/settings?tab=quarantinePolicies');
    await page.getByTestId('built-in-policy').nth(3).waitFor();
    await page.getByTestId('add-policy').click();
    const own = page.getByTestId('own-policy');
    await own.getByTestId('policy-name').fill('Newsletters');
    // Limited access to start with; no preview, and release instead of request release (one clears the other).
    await own.getByRole('checkbox', { name: 'Newsletters: Preview' }).uncheck();
    await own.getByRole('checkbox', { name: 'Newsletters: Release', exact: true }).check();
    expect(await own.getByRole('checkbox', { name: 'Newsletters: Request release' }).isChecked()).toBe(false);
    await page.getByTestId('reason-policy-bulk').selectOption({ label: 'Newsletters' });
    // A second policy for high-confidence spam, renamed through the first one's name on the way:
    // each reason stays with its own policy.
    await page.getByTestId('add-policy').click();
    const second = page.getByTestId('own-policy').nth(1).getByTestId('policy-name');
    await page.getByTestId('reason-policy-highConfidenceSpam').selectOption({ label: await second.inputValue() });
    await second.fill('Newsletters');
    await second.fill('Newsletters B');
    await page.getByTestId('quarantine-policies-save').click();
    await page.getByTestId('toast').waitFor();

    const response = await fetch(`${server.origin}/api/settings/quarantine-policies`, { headers: { authorization: `Bearer ${await server.token(ADMIN, ['SecurityAdministrator'])}` } });
    const saved = (await response.json()) as { policies: unknown[]; reasonPolicies: Record<string, string> };
    // Delete 1 + release 4 + allow sender 32 + view headers 128.
    expect(saved.policies).toEqual([
      { name: 'Newsletters', permissions: 165, notificationEnabled: true },
      { name: 'Newsletters B', permissions: 171, notificationEnabled: true },
    ]);
    expect(saved.reasonPolicies).toMatchObject({ bulk: 'Newsletters', highConfidenceSpam: 'Newsletters B' });
  }, 60_000);

  test('a Security Reader sees every row and the .eml, and no action', async () => {
    session = await openPortal(browser, server, { email: READER, roles: ['SecurityReader'] });
    const { page } = session;
    await goTo(page, '/admin/quarantine?status=requested');
    await page.getByTestId('quarantine-row').first().waitFor();
    await page.getByTestId('row-actions').click();
    await page.getByRole('menuitem').first().waitFor();
    expect(await page.getByRole('menuitem').allTextContents()).toEqual(['Preview', 'Download .eml']);
    await page.keyboard.press('Escape');
    await goTo(page, `/admin/quarantine/${seeded.requested}`);
    await page.getByTestId('download-eml').waitFor();
    for (const action of ['release', 'release-submit-allow', 'release-similar', 'approve', 'deny', 'delete']) expect(await page.getByTestId(action).count()).toBe(0);
    const download = page.waitForEvent('download');
    await page.getByTestId('download-eml').click();
    expect((await download).suggestedFilename()).toBe(`quarantine-${seeded.requested}.eml`);
  }, 60_000);
});
