/**
 * Real Chromium from the system (Debian's /usr/bin/chromium), driven by playwright-core.
 * Never a downloaded browser. When it is missing the end-to-end suites say SKIPPED loudly,
 * and with REQUIRE_E2E=1 (CI) they fail instead.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumAvailable(suite: string): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env['REQUIRE_E2E'] === '1') {
    throw new Error(`REQUIRE_E2E=1 but ${CHROMIUM} does not exist: install it with apt-get install -y chromium`);
  }
  process.stdout.write(`\n*** SKIPPED: ${suite} — no Chromium at ${CHROMIUM} (apt-get install -y chromium) ***\n\n`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}
