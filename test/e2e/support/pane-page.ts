/**
 * A fresh browser context per test (its own localStorage, so its own outbox) with office.js
 * answered by the Office stand-in for one message and one user, in Outlook's display language
 * (en-US unless given).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OFFICE_JS_URL, officeMockScript, type MockMessage, type MockUser } from './office-mock';

export async function openPaneContext(
  browser: Browser,
  message: MockMessage,
  user: MockUser,
  displayLanguage = 'en-US',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await context.route(OFFICE_JS_URL, (route) =>
    route.fulfill({ contentType: 'application/javascript', body: officeMockScript(message, user, displayLanguage) }),
  );
  const page = await context.newPage();
  // Fail on the step that went wrong (with its locator), well before Jest's test timeout.
  page.setDefaultTimeout(10_000);
  return { context, page };
}
