/**
 * The task pane as a user meets it: the gzipped size of what taskpane.html loads up front (the
 * scripts in the page, not the chunks loaded later such as MSAL), and the time from navigation
 * to the first render of the report buttons in headless Chromium, on cold loads.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config/config';
import { packageRoot } from '../src/server/config/package-root';
import { chromiumAvailable, launchChromium } from '../test/e2e/support/chromium';
import { OFFICE_JS_URL, officeMockScript } from '../test/e2e/support/office-mock';
import type { Bench, BenchResult } from './types';

const LOADS = 10;
const WEB_ROOT = path.join(packageRoot(), 'build/web');

function initialScripts(): string[] {
  const html = fs.readFileSync(path.join(WEB_ROOT, 'addin/taskpane.html'), 'utf8');
  // The minifier drops attribute quotes, so accept src=… with or without them.
  return [...html.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/g)]
    .map((m) => m[1] ?? '')
    .filter((src) => src.startsWith('/'))
    .map((src) => path.join(WEB_ROOT, src));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const RECORD_FIRST_RENDER = `
  new MutationObserver((_, observer) => {
    if ([...document.querySelectorAll('button')].some((b) => b.textContent.includes('Not junk'))) {
      window.__firstRender = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });`;

export const run: Bench = async () => {
  const scripts = initialScripts();
  const gzipped = scripts.reduce((sum, file) => sum + gzipSync(fs.readFileSync(file), { level: 9 }).length, 0);
  const results: BenchResult[] = [
    {
      name: 'task pane initial load, gzipped',
      value: Math.round(gzipped / 1024),
      unit: 'KB',
      target: { op: '<=', value: 200 },
      pass: gzipped <= 200 * 1024,
      note: scripts.map((s) => path.basename(s)).join(', '),
    },
  ];
  if (!chromiumAvailable('task pane first render bench')) return results;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'second-look-bench-'));
  const app = await buildApp(loadConfig({ SECOND_LOOK_DATA: dataDir, SECOND_LOOK_LOG_LEVEL: 'silent', SECOND_LOOK_WEB_ROOT: WEB_ROOT }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const browser = await launchChromium();
  const mock = officeMockScript(
    {
      itemId: 'AAMk=',
      internetMessageId: '<bench@supplier.example>',
      from: { emailAddress: 'billing@supplier.example', displayName: 'Billing' },
      to: [{ emailAddress: 'anna@contoso.example', displayName: 'Anna' }],
      subject: 'Invoice',
      dateTimeCreated: '2026-11-22T09:14:03Z',
      headers: 'From: billing@supplier.example\r\nSubject: Invoice\r\n',
      emlBase64: Buffer.from('From: billing@supplier.example\r\nSubject: Invoice\r\n\r\nHi').toString('base64'),
    },
    { emailAddress: 'anna@contoso.example', displayName: 'Anna' },
  );
  const times: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext(); // a new context each time: a cold cache
      await context.route(OFFICE_JS_URL, (route) => route.fulfill({ contentType: 'application/javascript', body: mock }));
      await context.addInitScript(RECORD_FIRST_RENDER);
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/addin/taskpane.html`);
      await page.waitForFunction(() => typeof (globalThis as { __firstRender?: number }).__firstRender === 'number');
      times.push(await page.evaluate(() => (globalThis as unknown as { __firstRender: number }).__firstRender));
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  results.push({
    name: 'task pane time to first render, headless Chromium, cold',
    value: Math.round(median(times)),
    unit: 'ms (median)',
    note: `${LOADS} cold loads from navigation start; min ${Math.round(Math.min(...times))} ms, max ${Math.round(Math.max(...times))} ms`,
  });
  return results;
};
