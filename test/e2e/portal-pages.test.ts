/**
 * Every page of the admin portal, in each language, in real Chromium at 1280×800: axe-core
 * finds no serious or critical violation, no text is left in another language's words where a
 * catalog has them, and a screenshot of each page goes to test-artifacts/portal/<locale>/ (not
 * committed) for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { QUARANTINE_ENV, goTo, openPortal, seedQuarantine, seedShowcase, startPortalServer, type PortalServer, type PortalSession } from './support/portal';
import { REPO_ROOT, ensureWebBuild } from './support/web-build';

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts/portal');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** axe-core's serious and critical findings on the page as it is now (evaluate is not subject to the page's CSP). */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(`${AXE}\n;0`);
  // Fluent's focus management (tabster) puts zero-size "dummy" <i tabindex=0 aria-hidden> elements at
  // the edges of focus groups; focus moves on from them at once, so no one can rest on one.
  // axe reports them as aria-hidden-focus; they are left out, everything else is checked.
  const violations = (await page.evaluate(
    `axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** The page has drawn: its heading is there and nothing in <main> is still loading. */
async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('main [role=progressbar]').length === 0, undefined, { timeout: 10_000 });
  await page.evaluate('document.fonts.ready');
  await animationsDone(page);
}

/**
 * Closes a dialog and waits until it is gone: while its exit transition plays, Fluent keeps the
 * rest of the page aria-hidden, which axe would report on the next page.
 */
async function closeDialog(page: Page, testId: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId(testId).waitFor({ state: 'detached' });
  await animationsDone(page);
}

/** Fluent's enter transitions (a dialog fades in): axe and the screenshot must see the end state. */
async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 10_000 });
}

const run = chromiumAvailable('admin portal pages, axe and screenshots') ? describe : describe.skip;

run('admin portal pages: accessible, and captured in every language', () => {
  let browser: Browser;
  let server: PortalServer;
  let session: PortalSession | undefined;
  let relay: SmtpSink | undefined;

  beforeAll(async () => {
    ensureWebBuild();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    await session?.context.close();
    await server?.close();
    await relay?.close();
  });

  for (const locale of ['en-US', 'da-DK', 'fr-FR']) {
    test(`${locale}: every page has no serious or critical axe violation`, async () => {
      // Mail goes to a relay that refuses one mailbox, so a failed release delivery shows too.
      relay = await startSmtpSink({ refuseAddresses: { 'bo@contoso.example': 550 } });
      server = await startPortalServer({ ...QUARANTINE_ENV, SECOND_LOOK_SMTP_RELAY: relay.url });
      const showcase = await seedShowcase(server, locale);
      const quarantine = await seedQuarantine(server);
      session = await openPortal(browser, server, { locale });
      const { page } = session;
      expect(await page.evaluate('document.documentElement.lang')).toBe(locale);
      const folder = path.join(ARTIFACTS, locale);
      fs.mkdirSync(folder, { recursive: true });
      const problems: Record<string, string[]> = {};

      const visit = async (name: string, pathname: string, after?: () => Promise<void>) => {
        await goTo(page, pathname);
        await settled(page);
        if (after) {
          await after();
          await animationsDone(page);
        }
        await page.screenshot({ path: path.join(folder, `${name}.png`) });
        const found = await axeViolations(page);
        if (found.length > 0) problems[name] = found;
      };

      await visit('01-overview', '/admin/', async () => {
        await page.locator('main svg').first().waitFor();
      });
      await visit('02-user-reported', '/admin/submissions');
      await visit('03-user-reported-not-junk-all', '/admin/submissions?category=notJunk&review=all');
      await visit('04-submission', `/admin/submissions/${showcase.invoice.id}`, async () => {
        await page.getByTestId('verdict').waitFor();
      });
      await visit('05-submission-preview-newsletter', `/admin/submissions/${showcase.newsletters[1]?.id ?? ''}`, async () => {
        await page.getByTestId('preview-frame').waitFor();
      });
      await visit('06-submission-headers', `/admin/submissions/${showcase.invoice.id}`, async () => {
        await page.getByTestId('headers-tab').click();
        await page.getByTestId('headers').waitFor();
      });
      await visit('07-allow-entry-dialog', `/admin/submissions/${showcase.invoice.id}`, async () => {
        await page.getByTestId('create-allow').click();
        await page.getByTestId('what-if-now').waitFor();
      });
      await closeDialog(page, 'allow-dialog');
      await visit('08-mark-dialog', '/admin/submissions', async () => {
        await page.getByTestId('submission-row').first().waitFor();
        await page.locator('[data-testid=submission-row] input[type=checkbox]').first().check();
        await page.locator('[data-testid=submission-row] input[type=checkbox]').nth(1).check();
        await page.getByTestId('bulk-mark').click();
        await page.getByTestId('mark-dialog').waitFor();
      });
      await closeDialog(page, 'mark-dialog');
      await visit('09-clusters', '/admin/clusters');
      if (showcase.clusterId) await visit('10-cluster', `/admin/clusters/${showcase.clusterId}`);
      await visit('11-allow-block', '/admin/allow-block', async () => {
        await page.getByTestId('entries-table').waitFor();
      });
      await visit('12-allow-block-health', '/admin/allow-block?tab=health', async () => {
        await page.getByTestId('health').waitFor();
      });
      await visit('13-audit', '/admin/audit', async () => {
        await page.getByTestId('audit-table').waitFor();
      });
      await visit('14-settings-templates', '/admin/settings', async () => {
        await page.getByTestId('rendered-notice').waitFor();
      });
      await visit('15-settings-policy', '/admin/settings?tab=policy');
      await visit('29-settings-quarantine-policies', '/admin/settings?tab=quarantinePolicies', async () => {
        await page.getByTestId('quarantine-policies').waitFor();
        await page.getByTestId('add-policy').click();
        await page.getByTestId('own-policy').waitFor();
      });
      await visit('28-settings-template-release-request', '/admin/settings', async () => {
        await page.getByTestId('rendered-notice').waitFor();
        await page.getByTestId('template-notice').selectOption('releaseRequested');
        // The example request, filled in: the placeholders offered are the request's own.
        await page.getByTestId('rendered-notice').getByText('Invoice 4411 for November', { exact: false }).first().waitFor();
        await page.waitForFunction(() => document.querySelector('[data-testid=rendered-notice]')?.textContent?.includes('/admin/quarantine/example') === true);
        expect(await page.getByText('{link}', { exact: true }).count()).toBe(1);
        expect(await page.getByText('{reporterName}', { exact: true }).count()).toBe(0);
      });
      await visit('16-mail-queue', '/admin/mail-queue', async () => {
        await page.getByTestId('mail-table').waitFor();
      });
      await visit('18-quarantine', '/admin/quarantine', async () => {
        await page.getByTestId('quarantine-row').first().waitFor();
      });
      await visit('19-quarantine-requested', '/admin/quarantine?status=requested', async () => {
        await page.getByTestId('quarantine-row').first().waitFor();
        await page.getByTestId('row-actions').first().click();
        await page.getByTestId('action-approve').waitFor();
      });
      await page.keyboard.press('Escape');
      await animationsDone(page);
      await visit('20-quarantine-item', `/admin/quarantine/${quarantine.newsletter}`, async () => {
        await page.getByTestId('preview-frame').waitFor();
      });
      await visit('21-quarantine-headers', `/admin/quarantine/${quarantine.newsletter}`, async () => {
        await page.getByTestId('headers-tab').click();
        await page.getByTestId('headers').waitFor();
      });
      await visit('22-quarantine-release-dialog', `/admin/quarantine/${quarantine.newsletter}`, async () => {
        await page.getByTestId('release').click();
        await page.getByTestId('release-dialog').waitFor();
      });
      await closeDialog(page, 'release-dialog');
      await visit('23-quarantine-release-submit-allow', `/admin/quarantine/${quarantine.newsletter}`, async () => {
        await page.getByTestId('release-submit-allow').click();
        await page.getByTestId('rsa-dialog').waitFor();
        await page.waitForFunction(() => document.querySelector('[data-testid=also-let-through] [role=progressbar]') === null);
      });
      await closeDialog(page, 'rsa-dialog');
      await visit('24-quarantine-release-similar', `/admin/quarantine/${quarantine.newsletter}`, async () => {
        await page.getByTestId('release-similar').click();
        await page.getByTestId('bulk-dialog').waitFor();
        await page.waitForFunction(() => document.querySelector('[data-testid=bulk-dialog] [role=progressbar]') === null);
      });
      await closeDialog(page, 'bulk-dialog');
      await visit('25-quarantine-release-similar-risky', `/admin/quarantine/${quarantine.requested}`, async () => {
        await page.getByTestId('release-similar').click();
        await page.getByTestId('bulk-dialog').waitFor();
        await page.waitForFunction(() => document.querySelector('[data-testid=bulk-dialog] [role=progressbar]') === null);
      });
      await closeDialog(page, 'bulk-dialog');
      // Each recipient's release delivery as the mail queue holds it: two sent, one still
      // queued, and after the next round that one refused by the relay (a link to the queue).
      const releaser = await server.token('qa@contoso.example', ['QuarantineAdministrator']);
      const release = (recipients: string[]) =>
        fetch(`${server.origin}/api/quarantine/${quarantine.newsletter}/release`, { method: 'POST', headers: { authorization: `Bearer ${releaser}`, 'content-type': 'application/json' }, body: JSON.stringify({ recipients }) });
      expect((await release(['anna@contoso.example', 'carla@contoso.example'])).status).toBe(200);
      await server.app.mailSender.runOnce();
      expect((await release(['bo@contoso.example'])).status).toBe(200);
      await visit('26-quarantine-item-delivery', `/admin/quarantine/${quarantine.newsletter}`, async () => {
        await page.locator('[data-testid=release-delivery][data-state=queued]').waitFor();
        expect(await page.locator('[data-testid=release-delivery][data-state=sent]').count()).toBe(2);
        await page.getByTestId('recipients').scrollIntoViewIfNeeded();
      });
      await server.app.mailSender.runOnce();
      expect(relay.accepted.map((m) => m.to).flat()).not.toContain('bo@contoso.example');
      await goTo(page, '/admin/quarantine'); // away and back: the item page loads afresh
      await visit('27-quarantine-item-delivery-failed', `/admin/quarantine/${quarantine.newsletter}`, async () => {
        const failed = page.locator('[data-testid=release-delivery][data-state=failed]');
        await failed.waitFor();
        expect(await failed.textContent()).toContain('550');
        expect(await failed.getByRole('link').getAttribute('href')).toBe('/admin/mail-queue?state=failed');
        await page.getByTestId('recipients').scrollIntoViewIfNeeded();
      });

      // Signed out: the page a browser without a session sees.
      await page.locator('header button').last().click();
      await page.getByTestId('signed-out').waitFor();
      await page.screenshot({ path: path.join(folder, '17-signed-out.png') });
      const signedOut = await axeViolations(page);
      if (signedOut.length > 0) problems['17-signed-out'] = signedOut;

      // A Quarantine Administrator alone: the quarantine, and nothing else, with the note saying why.
      await session.context.close();
      session = await openPortal(browser, server, { email: 'qa@contoso.example', roles: ['QuarantineAdministrator'], locale });
      const qa = session.page;
      await qa.waitForFunction(() => location.pathname === '/admin/quarantine');
      await qa.getByTestId('quarantine-row').first().waitFor();
      await qa.getByTestId('quarantine-only').waitFor();
      expect(await qa.locator('nav a').count()).toBe(1);
      await qa.screenshot({ path: path.join(folder, '30-quarantine-administrator.png') });
      const qaOnly = await axeViolations(qa);
      if (qaOnly.length > 0) problems['30-quarantine-administrator'] = qaOnly;

      expect(problems).toEqual({});
    }, 240_000);
  }
});
