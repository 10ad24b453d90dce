/**
 * Signing in and out of the admin portal, and who sees what, in real Chromium: the one-time
 * link works once and leaves no code in the address bar; the session survives a reload and is
 * forgotten on sign-out; a session the server refuses ends cleanly; a Security Reader sees no
 * button for a change it may not make; a refused request reads in the page's language.
 */
import type { Browser } from 'playwright-core';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { ADMIN, READER, goTo, openPortal, seedReports, servesDeepLinks, startPortalServer, type PortalServer } from './support/portal';
import { ensureWebBuild } from './support/web-build';

const run = chromiumAvailable('admin portal sign-in') ? describe : describe.skip;
const SESSION_KEY = 'second-look.portal.session';

run('admin portal: sign-in, sign-out and roles', () => {
  let browser: Browser;
  let server: PortalServer;

  beforeAll(async () => {
    ensureWebBuild();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    server = await startPortalServer();
  });

  afterEach(async () => {
    await server?.close();
  });

  test('the one-time link signs in once; the session survives a reload and sign-out forgets it', async () => {
    const code = await server.linkCode(ADMIN, ['SecurityAdministrator']);
    if (code === null) {
      process.stdout.write('\n*** SKIPPED: one-time sign-in links are off on this server ***\n');
      return;
    }
    const deepLinks = await servesDeepLinks(server);
    const at = deepLinks ? '/admin/sign-in' : '/admin/';
    const context = await browser.newContext({ locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto(`${server.origin}${at}#code=${code}`);
    await page.getByTestId('signed-in-user').waitFor();
    expect(await page.getByTestId('signed-in-user').textContent()).toBe(ADMIN);
    expect(page.url()).toBe(`${server.origin}/admin/`);
    expect(await page.evaluate(`document.documentElement.lang`)).toBe('da-DK');

    await page.reload();
    await page.getByTestId('signed-in-user').waitFor();
    if (deepLinks) {
      await page.goto(`${server.origin}/admin/audit`);
      await page.getByRole('heading', { name: 'Revisionslog' }).waitFor();
    }

    // The same link again, in another browser: refused, in Danish, and the code is not kept.
    const other = await browser.newContext({ locale: 'da-DK' });
    const second = await other.newPage();
    await second.goto(`${server.origin}${at}#code=${code}`);
    await second.locator('[data-testid=signed-out][data-reason=failure]').waitFor();
    expect(await second.getByTestId('signed-out').textContent()).toContain('Dette login-link er allerede brugt eller udløbet');
    expect(second.url()).toBe(`${server.origin}/admin/`);
    expect(await second.evaluate(`sessionStorage.getItem('${SESSION_KEY}')`)).toBeNull();
    await other.close();

    // Sign out: back to a signed-out page, nothing kept, and a reload stays signed out.
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.locator('[data-testid=signed-out][data-reason=signedOut]').waitFor();
    expect(await page.evaluate(`sessionStorage.getItem('${SESSION_KEY}')`)).toBeNull();
    await page.goto(`${server.origin}/admin/`);
    await page.getByTestId('signed-out').waitFor();
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);
    await context.close();
  });

  test('a session the server refuses ends: the page says so and keeps nothing', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.origin}/admin/signed-out`);
    const forged = JSON.stringify({ token: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', expiresDateTime: new Date(Date.now() + 3_600_000).toISOString(), user: { email: ADMIN, roles: ['SecurityAdministrator'] } });
    await page.evaluate(`sessionStorage.setItem('${SESSION_KEY}', ${JSON.stringify(forged)})`);
    await page.goto(`${server.origin}/admin/`);
    await page.locator('[data-testid=signed-out][data-reason=ended]').waitFor();
    expect(await page.getByTestId('signed-out').textContent()).toContain('Your session has ended');
    expect(await page.evaluate(`sessionStorage.getItem('${SESSION_KEY}')`)).toBeNull();
    await context.close();
  });

  test('a Security Reader reads everything and sees no button for a change', async () => {
    const seeded = await seedReports(server);
    const { context, page } = await openPortal(browser, server, { email: READER, roles: ['SecurityReader'] });
    await page.getByTestId('read-only').waitFor();
    await goTo(page, '/admin/submissions');
    await page.getByTestId('submission-row').first().waitFor();
    expect(await page.getByTestId('quick-no-threats').count()).toBe(0);
    expect(await page.locator('[data-testid=submissions-table] input[type=checkbox]').count()).toBe(0);

    await goTo(page, `/admin/submissions/${seeded.invoice.id}`);
    await page.getByTestId('download-eml').waitFor();
    for (const action of ['analyze', 'create-allow', 'mark']) expect(await page.getByTestId(action).count()).toBe(0);

    await goTo(page, '/admin/allow-block');
    await page.getByRole('heading', { name: 'Allow/Block list' }).waitFor();
    expect(await page.getByTestId('add-entry').count()).toBe(0);
    await context.close();
  });

  test('a refused change reads in the page language, not in the server\'s English', async () => {
    const admin = await server.token(ADMIN, ['SecurityAdministrator']);
    const created = await fetch(`${server.origin}/api/allow-block-entries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: 'spam@junk-mail.example', action: 'block' }),
    });
    expect(created.status).toBe(201);
    const { context, page } = await openPortal(browser, server, { locale: 'fr-FR' });
    await goTo(page, '/admin/allow-block');
    await page.getByTestId('add-entry').click();
    const dialog = page.getByTestId('entry-dialog');
    await dialog.getByLabel('Adresse ou domaine').fill('spam@junk-mail.example');
    await dialog.getByTestId('entry-save').click();
    const error = dialog.locator('.fui-MessageBar');
    await error.waitFor();
    expect(await error.textContent()).toBe('Une entrée existe déjà pour cette valeur.');
    await context.close();
  });
});
