/**
 * End to end, in real Chromium against a real server and its database: an admin signs in with
 * the one-time link, opens User reported, finds a Not junk report, submits it for analysis and
 * reads the cause, creates an allow entry with an expiry (seeing the spoofing warning first),
 * marks the report No threats found and notifies the reporter; the audit log shows each step.
 * The reporter (Outlook in Danish) gets the notice in Danish, in the pickup folder the server's
 * mail sender delivers to, and sees the answer in the task pane, in Danish.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import type { AllowBlockEntry } from '../../src/contracts/lists';
import type { AuditPage } from '../../src/contracts/portal';
import { NOTICE_CATALOGS } from '../../src/i18n/notices';
import { chromiumAvailable, launchChromium } from './support/chromium';
import type { MockMessage } from './support/office-mock';
import { waitForOutbox } from './support/outbox';
import { openPaneContext } from './support/pane-page';
import { ADMIN, INVOICE_EML, openPortal, seedReports, startPortalServer, type PortalServer, type PortalSession } from './support/portal';
import { ensureWebBuild } from './support/web-build';

/** The invoice's reporter; her Outlook shows Danish, so her reports carry da-DK. */
const REPORTER = { emailAddress: 'anna@contoso.example', displayName: 'Anna Berg' };
const REPORTER_LOCALE = 'da-DK';
/** The invoice as Anna's Outlook holds it (the message seedReports reports for her). */
const INVOICE: MockMessage = {
  itemId: 'AAMkAGI2TG93AAA=',
  internetMessageId: '<4f1c2a9e.118@supplier.example>',
  from: { emailAddress: 'billing@supplier.example', displayName: 'Bjørn Hansen' },
  to: [REPORTER],
  subject: 'Faktura 2026-118 – forfalden',
  dateTimeCreated: '2026-11-22T09:14:03Z',
  headers: INVOICE_EML.toString('utf8').split('\r\n\r\n')[0] ?? '',
  emlBase64: INVOICE_EML.toString('base64'),
};
const PERSONAL_MESSAGE = 'We allowed this supplier for 30 days while they fix SPF.';

/** A notice template with its placeholders filled. */
function filled(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

const run = chromiumAvailable('admin portal journey') ? describe : describe.skip;

run('admin portal: from a Not junk report to an allow entry and a notified reporter', () => {
  let browser: Browser;
  let server: PortalServer;
  let session: PortalSession | undefined;
  let pane: BrowserContext | undefined;

  beforeAll(async () => {
    ensureWebBuild();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    // The server's mail sender runs as `npm start` runs it, so the notice leaves on its own.
    server = await startPortalServer({ SECOND_LOOK_MAIL_POLL_SECONDS: '1' }, { sendMail: true });
  });

  afterEach(async () => {
    await pane?.close();
    await session?.context.close();
    await server?.close();
  });

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${server.origin}${path}`, { headers: { authorization: `Bearer ${await server.token(ADMIN, ['SecurityAdministrator'])}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  test('analyse, allow with an expiry, mark No threats found and notify; every step audited', async () => {
    const seeded = await seedReports(server, { locales: { [REPORTER.emailAddress]: REPORTER_LOCALE } });
    session = await openPortal(browser, server);
    const { page } = session;

    // User reported, Not junk only.
    await page.getByRole('link', { name: 'User reported' }).click();
    await page.getByTestId('submissions-table').waitFor();
    await page.getByTestId('quick-notJunk').click();
    await page.waitForURL(/category=notJunk/);
    const invoiceRow = page.locator(`[data-testid=submission-row][data-id="${seeded.invoice.id}"]`);
    await invoiceRow.waitFor();
    expect(await page.locator('[data-testid=submission-row][data-category=phishing]').count()).toBe(0);

    // Open it and submit it for analysis: the cause is sender authentication (SPF/DMARC fail).
    await invoiceRow.getByRole('link', { name: 'Faktura 2026-118 – forfalden' }).click();
    await page.waitForURL(new RegExp(`/admin/submissions/${seeded.invoice.id}$`));
    await page.getByTestId('analyze').click();
    const cause = page.getByTestId('verdict-cause').first();
    await cause.waitFor();
    expect(await cause.textContent()).toContain('Sender authentication');
    expect(await cause.textContent()).toContain('supplier.example');
    expect(await page.getByTestId('now-then').textContent()).toContain('Then');

    // An allow entry for the address, removed 30 days from now. The message failed DMARC, so
    // the portal warns that the entry would be spoofable and waits for the admin to accept.
    await page.getByTestId('create-allow').click();
    const dialog = page.getByTestId('allow-dialog');
    // Now, with today's lists (before the entry): the filter still sends it to Junk or quarantine.
    expect(['Junk Email', 'Quarantine']).toContain(await dialog.getByTestId('what-if-now').textContent());
    await dialog.getByTestId('spoof-warning').waitFor();
    expect(await dialog.getByTestId('allow-create').isDisabled()).toBe(true);
    await dialog.getByTestId('allow-expiry').selectOption('30');
    await dialog.getByLabel('Note').fill('Supplier invoices; SPF being fixed');
    await dialog.getByLabel('I understand; create the entry anyway').check();
    await dialog.getByTestId('allow-create').click();
    await page.getByTestId('toast').filter({ hasText: 'Allow entry for billing@supplier.example created.' }).waitFor();

    const entries = await api<{ items: AllowBlockEntry[] }>('/api/allow-block-entries');
    expect(entries.items).toHaveLength(1);
    expect(entries.items[0]).toMatchObject({
      value: 'billing@supplier.example',
      action: 'allow',
      source: 'submission',
      submissionId: seeded.invoice.id,
      expiration: { type: 'days', days: 30 },
      note: 'Supplier invoices; SPF being fixed',
    });

    // Mark as No threats found, and notify the reporter.
    await page.getByTestId('mark').click();
    const mark = page.getByTestId('mark-dialog');
    expect(await mark.getByLabel('No threats found').isChecked()).toBe(true);
    expect(await mark.getByLabel('Send the reporter a notice').isChecked()).toBe(true);
    await mark.getByLabel('Personal message (optional)').fill(PERSONAL_MESSAGE);
    await mark.getByTestId('mark-submit').click();
    await page.getByTestId('toast').filter({ hasText: 'Marked as No threats found; the reporter is told.' }).waitFor();
    await page.locator('[data-testid=review-state][data-state=noThreatsFound]').first().waitFor();

    const detail = await api<{ review: { result: string; message: string | null } | null }>(`/api/submissions/${seeded.invoice.id}`);
    expect(detail.review).toMatchObject({ result: 'noThreatsFound', message: PERSONAL_MESSAGE });

    // The notice leaves through the outgoing queue: the sender writes it to the pickup folder,
    // addressed to Anna, in her language (the da-DK template) with the admin's message.
    const [notice, ...others] = await waitForOutbox(server.outbox, 1);
    expect(others).toEqual([]);
    const danish = NOTICE_CATALOGS['da-DK'];
    const values = {
      reporterName: danish.colleague,
      subject: 'Faktura 2026-118 – forfalden',
      sender: 'billing@supplier.example',
      receivedDateTime: '22. november 2026 kl. 09.14 UTC',
      result: danish.results.noThreatsFound,
      adminMessage: danish.adminMessage.replace('{message}', PERSONAL_MESSAGE),
    };
    expect(notice?.to).toBe(REPORTER.emailAddress);
    expect(notice?.subject).toBe(filled(danish.templates.noThreatsFound.subject, values));
    expect(notice?.subject).toBe('Din indberetning: "Faktura 2026-118 – forfalden" er sikker');
    expect(notice?.text).toBe(filled(danish.templates.noThreatsFound.body, values));
    expect(notice?.text).toContain(`En besked fra jeres sikkerhedsteam: ${PERSONAL_MESSAGE}`);
    expect(notice?.text).toContain('Resultat: Ingen trusler fundet');
    expect(notice?.headers.get('auto-submitted')).toBe('auto-generated');

    // Anna opens the invoice in Outlook (in Danish): the task pane shows the security team's
    // answer to her report, and the admin's message, in Danish.
    const opened = await openPaneContext(browser, INVOICE, REPORTER, REPORTER_LOCALE);
    pane = opened.context;
    await opened.page.goto(`${server.origin}/addin/taskpane.html`);
    const answer = opened.page.getByRole('region', { name: 'Dit sikkerhedsteams svar' });
    await answer.waitFor();
    expect(await answer.getAttribute('data-result')).toBe('noThreatsFound');
    expect(await answer.getByTestId('review-result').textContent()).toBe('Ingen trusler fundet');
    expect(await answer.getByTestId('review-message').textContent()).toBe(PERSONAL_MESSAGE);
    expect(await answer.getByTestId('review-date').textContent()).toMatch(/^Besvaret /);
    expect(await opened.page.getByTestId('earlier-report').count()).toBe(1);

    // The audit log page shows each step.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-table').waitFor();
    const actions = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['submission.marked', 'create']));
    const texts = await page.getByTestId('audit-table').textContent();
    expect(texts).toContain('Marked and notified');
    expect(texts).toContain('Allow/block entry created');
    const audit = await api<AuditPage>('/api/audit');
    const recorded = audit.items.map((r) => `${r.targetType}.${r.action}`);
    if (session.via === 'link') {
      expect(recorded).toContain('portal.portal.signedIn');
      expect(texts).toContain('Signed in to the portal');
    }
    // An analysis is audited when the server records it; the page shows whatever it records.
    if (recorded.some((r) => r.includes('analy'))) expect(texts).toContain('Submitted for analysis');

    // The report's own history lists the same steps.
    await page.goBack();
    await page.getByTestId('history-tab').click();
    await page.getByTestId('audit-row').first().waitFor();
    expect(await page.getByTestId('audit-table').textContent()).toContain('Marked and notified');
  });
});
