/**
 * The safe preview, attacked: a reported message whose HTML carries scripts, event handlers,
 * javascript: URLs, SVG, CSS expressions and imports, remote images and backgrounds, a meta
 * refresh, forms, frames and objects. In real Chromium, showing it runs nothing (no dialog, no
 * console output) and loads nothing from anywhere but the triage server. Loading remote images
 * on request still runs nothing and reaches no host but the images'.
 */
import type { Browser } from 'playwright-core';
import { clusterMail } from '../helpers/cluster-mail';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { goTo, openPortal, startPortalServer, type PortalServer, type PortalSession } from './support/portal';
import { HOSTILE_HTML } from './support/portal-hostile';
import { ensureWebBuild } from './support/web-build';


const run = chromiumAvailable('admin portal safe preview') ? describe : describe.skip;

run('admin portal: the safe preview of hostile mail', () => {
  let browser: Browser;
  let server: PortalServer;
  let session: PortalSession | undefined;

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
    await session?.context.close();
    await server?.close();
  });

  test('scripts, handlers, javascript: URLs, SVG, CSS, forms, frames: nothing runs, nothing remote loads', async () => {
    const eml = clusterMail({
      from: 'accounts@invoices.example',
      to: 'anna@contoso.example',
      subject: 'Invoice overdue',
      messageId: '<hostile.1@invoices.example>',
      text: 'Dear customer, your invoice is attached.',
      html: HOSTILE_HTML,
      auth: 'none',
    });
    const report = await server.report('anna@contoso.example', {
      category: 'notJunk',
      internetMessageId: '<hostile.1@invoices.example>',
      recipientEmailAddress: 'anna@contoso.example',
      sender: 'accounts@invoices.example',
      subject: 'Invoice overdue',
      receivedDateTime: '2026-11-22T09:14:03Z',
      message: eml.toString('base64'),
    });
    session = await openPortal(browser, server);
    const { page } = session;

    const dialogs: string[] = [];
    const consoleLines: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));

    await goTo(page, `/admin/submissions/${report.id}`);
    const frame = page.getByTestId('preview-frame');
    await frame.waitFor();
    // Give anything that could fire (onload, onerror, refresh, autofocus) its chance.
    await page.waitForTimeout(1500);
    await frame.hover();
    await frame.click({ position: { x: 40, y: 40 } });
    await page.waitForTimeout(500);

    const remote = requests.filter((url) => !url.startsWith(server.origin) && !url.startsWith('data:'));
    expect(remote).toEqual([]);
    expect(dialogs).toEqual([]);
    // The only output allowed is Chromium saying the page's own policy blocked something while
    // the sanitiser parsed the mail (an inert parse still meets the CSP): blocked, never run.
    expect(consoleLines.filter((line) => !/violates the following Content Security Policy directive.*blocked/.test(line))).toEqual([]);
    expect(page.url()).toBe(`${server.origin}/admin/submissions/${report.id}`);

    // The document the frame shows: text kept, every active or remote part gone.
    expect(await frame.getAttribute('sandbox')).toBe('');
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
    expect(srcdoc).toContain('Dear customer, your invoice is attached.');
    expect(srcdoc).toContain("default-src 'none'");
    expect(srcdoc).not.toMatch(/<script|<iframe|<object|<embed|<form|<input|<svg|<math|<video|<audio|<link|<base|http-equiv="refresh"/i);
    expect(srcdoc).not.toMatch(/\son[a-z]+\s*=/i);
    expect(srcdoc).not.toMatch(/javascript:|expression\(|@import|behavior:/i);
    expect(srcdoc).not.toMatch(/\s(src|href|action|background|poster|srcset)="(https?:)?\/\//i);
    expect(srcdoc).not.toContain('url(https://');
    expect(await page.getByTestId('blocked-images').textContent()).toMatch(/remote images? blocked/);

    // The admin asks for the remote images: still nothing runs, and only image hosts are asked.
    await page.getByTestId('load-images').click();
    await page.waitForTimeout(1000);
    expect(dialogs).toEqual([]);
    expect(consoleLines.filter((line) => /PWNED/.test(line))).toEqual([]);
    const after = requests.filter((url) => !url.startsWith(server.origin) && !url.startsWith('data:'));
    expect(after.filter((url) => !url.startsWith('https://tracker.example/'))).toEqual([]);
    // …and they are asked: the page's policy lets the frame load HTTPS images once the admin wants them.
    expect(after.length).toBeGreaterThan(0);
    const shown = (await frame.getAttribute('srcdoc')) ?? '';
    expect(shown).not.toMatch(/<script|\son[a-z]+\s*=|javascript:/i);
  });
});
