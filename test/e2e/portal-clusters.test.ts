/**
 * End to end, in real Chromium against a real server and its database: twelve users report
 * three issues of one newsletter. The admin finds one cluster of twelve, marks it once, and
 * twelve notices leave, each in its reporter's language. A thirteenth report into the
 * auto-resolving cluster is answered without the admin.
 *
 * The reports come in over the real HTTP API, each with its user's own token, carrying the
 * original message (as Exchange Online delivered it: authenticated as northwind.example) and
 * Outlook's display language. Notices leave through the outgoing queue: the server's mail
 * sender runs as `npm start` runs it and writes them to the pickup folder.
 */
import type { Browser } from 'playwright-core';
import type { AuditPage, ClusterDetail } from '../../src/contracts/portal';
import type { CreateSubmission, Submission } from '../../src/contracts/submissions';
import type { VerdictLocale } from '../../src/contracts/verdict';
import { NOTICE_CATALOGS } from '../../src/i18n/notices';
import { clusterMail, fixtureText, personalised } from '../helpers/cluster-mail';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { waitForOutbox, type DeliveredMail } from './support/outbox';
import { ADMIN, openPortal, startPortalServer, type PortalServer, type PortalSession } from './support/portal';
import { ensureWebBuild } from './support/web-build';

const run = chromiumAvailable('admin portal clusters') ? describe : describe.skip;

const NEWSLETTER = 'news@northwind.example';
const LOCALES: readonly VerdictLocale[] = ['da-DK', 'en-US', 'fr-FR'];
/** Twelve reporters, each with Outlook in one of the three languages. */
const REPORTERS = ['anna', 'bo', 'carl', 'dina', 'emil', 'frida', 'gustav', 'helle', 'ida', 'jens', 'karen', 'lars'].map((user, i) => ({
  address: `${user}@contoso.example`,
  name: `${user[0]?.toUpperCase()}${user.slice(1)}`,
  locale: LOCALES[i % LOCALES.length] ?? 'en-US',
}));
const THIRTEENTH = { address: 'mette@contoso.example', name: 'Mette', locale: 'fr-FR' as VerdictLocale };
/** What people called it: mostly Not junk, some Junk, one or two Phishing. */
const CATEGORIES = ['notJunk', 'spam', 'notJunk', 'phishing'] as const;
const PERSONAL_MESSAGE = 'This is Northwind’s weekly newsletter: it is safe.';

/** A notice template with its placeholders filled. */
function filled(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * Asserts `mail` is the No threats found notice about `subject` in `locale` with the admin's
 * message: its subject exactly, and every line of the body's template (the dates aside, which
 * the server formats).
 */
function expectNotice(mail: DeliveredMail | undefined, locale: VerdictLocale, subject: string): void {
  const catalog = NOTICE_CATALOGS[locale];
  const template = catalog.templates.noThreatsFound;
  const values = {
    reporterName: catalog.colleague,
    subject,
    sender: NEWSLETTER,
    result: catalog.results.noThreatsFound,
    adminMessage: catalog.adminMessage.replace('{message}', PERSONAL_MESSAGE),
  };
  expect(mail?.subject).toBe(filled(template.subject, values));
  const lines = (mail?.text ?? '').split('\n');
  for (const line of template.body.split('\n')) {
    if (line.trim() === '' || /\{(received|reported)DateTime\}/.test(line)) continue;
    expect(lines).toContain(filled(line, values));
  }
}

run('admin portal: one cluster of twelve reports, marked once, then auto-resolved', () => {
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
    // The server's mail sender runs as `npm start` runs it, so notices leave on their own.
    server = await startPortalServer({ SECOND_LOOK_MAIL_POLL_SECONDS: '1' }, { sendMail: true });
  });

  afterEach(async () => {
    await session?.context.close();
    await server?.close();
  });

  async function api<T>(path: string, token?: string): Promise<T> {
    const response = await fetch(`${server.origin}${path}`, { headers: { authorization: `Bearer ${token ?? (await server.token(ADMIN, ['SecurityAdministrator']))}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  /** `reporter` reports issue `issue` of the newsletter from Outlook, as the add-in does. */
  function reportIssue(reporter: { address: string; name: string; locale: string }, issue: number, category: CreateSubmission['category']): Promise<Submission> {
    const messageId = `<weekly-${issue}.8f2a@news.northwind.example>`;
    const subject = `The Weekly Ledger #${issue}`;
    const eml = clusterMail({
      from: NEWSLETTER,
      to: reporter.address,
      subject,
      messageId,
      text: personalised(fixtureText(`newsletter-${issue}`), reporter.name, reporter.address),
    });
    return server.report(reporter.address, {
      category,
      internetMessageId: messageId,
      recipientEmailAddress: reporter.address,
      sender: NEWSLETTER,
      subject,
      receivedDateTime: '2026-11-20T07:02:11Z',
      locale: reporter.locale,
      message: eml.toString('base64'),
    });
  }

  test('twelve reports of three issues: one cluster, one mark, twelve notices; the thirteenth is answered by auto-resolve', async () => {
    // Twelve people report issues #41, #42 and #43, four each.
    const reports: Submission[] = [];
    for (const [i, reporter] of REPORTERS.entries()) reports.push(await reportIssue(reporter, 41 + Math.floor(i / 4), CATEGORIES[i % CATEGORIES.length] ?? 'notJunk'));
    // Other mail the same morning: two of a supplier's invoices, a cluster of two.
    for (const [user, month] of [['ola', '10'], ['pia', '11']] as const) {
      const address = `${user}@contoso.example`;
      const messageId = `<inv-${month}@fabrikam.example>`;
      const eml = clusterMail({ from: 'ar@fabrikam.example', to: address, subject: `Invoice 2026-${month}`, messageId, text: fixtureText(`fabrikam-invoice-2026-${month}`) });
      await server.report(address, { category: 'notJunk', internetMessageId: messageId, recipientEmailAddress: address, sender: 'ar@fabrikam.example', subject: `Invoice 2026-${month}`, receivedDateTime: '2026-11-20T08:00:00Z', message: eml.toString('base64') });
    }
    await server.settle();

    // User reported → Clusters view (one click) → the one cluster of twelve.
    session = await openPortal(browser, server);
    const { page } = session;
    await page.getByRole('link', { name: 'User reported' }).click();
    await page.getByTestId('submissions-table').waitFor();
    await page.getByTestId('clusters-view').click();
    await page.waitForURL(/\/admin\/clusters$/);
    await page.getByTestId('clusters-table').waitFor();
    expect(await page.getByTestId('cluster-row').count()).toBe(2);
    const twelve = page.locator('[data-testid=cluster-row][data-report-count="12"]');
    expect(await twelve.count()).toBe(1);
    expect(await twelve.textContent()).toContain('northwind.example');
    const clusterId = (await twelve.getAttribute('data-id')) ?? '';
    expect(clusterId).not.toBe('');

    // Open it: twelve reports, from twelve people, none reviewed yet.
    await twelve.getByRole('link', { name: 'The Weekly Ledger #41' }).click();
    await page.waitForURL(new RegExp(`/admin/clusters/${clusterId}$`));
    await page.getByTestId('submission-row').first().waitFor();
    expect(await page.getByTestId('submission-row').count()).toBe(12);
    expect(await page.locator('[data-testid=review-state][data-state=unreviewed]').count()).toBe(12);
    // Auto-resolve repeats a decision: there is none yet.
    expect(await page.getByTestId('auto-resolve').isDisabled()).toBe(true);

    // Mark all twelve once: No threats found, notify, with a personal message.
    await page.getByTestId('cluster-mark').click();
    const mark = page.getByTestId('mark-dialog');
    expect(await mark.getByRole('heading').textContent()).toBe('Mark 12 open reports');
    expect(await mark.getByLabel('No threats found').isChecked()).toBe(true);
    expect(await mark.getByLabel('Send the reporter a notice').isChecked()).toBe(true);
    await mark.getByLabel('Personal message (optional)').fill(PERSONAL_MESSAGE);
    await mark.getByTestId('mark-submit').click();
    await page.getByTestId('toast').filter({ hasText: '12 reports marked as No threats found; the reporters are told.' }).waitFor();
    await page.locator('[data-testid=review-state][data-state=unreviewed]').first().waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid=submission-row] [data-testid=review-state][data-state=noThreatsFound]').count()).toBe(12);

    // Turn on auto-resolve: new reports of this newsletter get the same answer at once.
    const autoResolve = page.getByTestId('auto-resolve');
    expect(await autoResolve.isDisabled()).toBe(false);
    expect(await autoResolve.isChecked()).toBe(false);
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/clusters/${clusterId}`));
    // The switch follows the server: it turns on once the change is saved (so not check(),
    // which expects the state to flip on the click itself).
    await autoResolve.click();
    expect((await patched).status()).toBe(200);
    await page.locator('[data-testid=auto-resolve]:checked').waitFor();

    // The server holds it: decided, nothing open, auto-resolve on, every report reviewed.
    const decided = await api<ClusterDetail>(`/api/clusters/${clusterId}`);
    expect(decided).toMatchObject({
      reportCount: 12,
      reporterCount: 12,
      openCount: 0,
      status: 'decided',
      autoResolve: true,
      decision: { result: 'noThreatsFound', message: PERSONAL_MESSAGE, decidedBy: ADMIN },
    });
    expect(decided.reports.map((r) => r.id).sort()).toEqual(reports.map((r) => r.id).sort());
    for (const r of decided.reports) expect(r.review).toMatchObject({ result: 'noThreatsFound', message: PERSONAL_MESSAGE, reviewedBy: ADMIN });

    // Twelve notices leave: one per reporter, each in that reporter's language, about their issue.
    const notices = await waitForOutbox(server.outbox, 12);
    expect(notices).toHaveLength(12);
    expect(notices.map((n) => n.to).sort()).toEqual(REPORTERS.map((r) => r.address).sort());
    for (const [i, reporter] of REPORTERS.entries()) {
      expectNotice(
        notices.find((n) => n.to === reporter.address),
        reporter.locale,
        `The Weekly Ledger #${41 + Math.floor(i / 4)}`,
      );
    }

    // A thirteenth person reports the fourth issue. No admin does anything.
    const thirteenth = await reportIssue(THIRTEENTH, 44, 'spam');
    await server.settle();
    const mine = await api<{ items: Submission[] }>('/api/me/submissions', await server.token(THIRTEENTH.address));
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id: thirteenth.id, clusterId, review: { result: 'noThreatsFound', message: PERSONAL_MESSAGE, reviewedBy: 'system:auto-resolve' } });

    // Her notice leaves too: the thirteenth, in French.
    const all = await waitForOutbox(server.outbox, 13);
    expect(all).toHaveLength(13);
    const hers = all.filter((n) => n.to === THIRTEENTH.address);
    expect(hers).toHaveLength(1);
    expectNotice(hers[0], THIRTEENTH.locale, 'The Weekly Ledger #44');

    // The audit log names the rule that answered her, and the cluster it answered from.
    const audit = await api<AuditPage>(`/api/audit?action=submission.autoResolved`);
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      actor: 'system:auto-resolve',
      targetType: 'submission',
      targetId: thirteenth.id,
      detail: { rule: 'cluster.autoResolve', clusterId, notified: true, after: { result: 'noThreatsFound' } },
    });

    // Back in the portal the admin finds it among the decided clusters: thirteen reports, all answered.
    await page.getByRole('link', { name: 'Back to Clusters' }).click();
    await page.waitForURL(/\/admin\/clusters$/);
    await page.getByRole('button', { name: 'Decided' }).click();
    const thirteen = page.locator(`[data-testid=cluster-row][data-id="${clusterId}"][data-report-count="13"]`);
    await thirteen.waitFor();
    await thirteen.getByRole('link', { name: 'The Weekly Ledger #41' }).click();
    await page.waitForURL(new RegExp(`/admin/clusters/${clusterId}$`));
    await page.locator('[data-testid=submission-row]').nth(12).waitFor();
    expect(await page.getByTestId('submission-row').count()).toBe(13);
    expect(await page.locator('[data-testid=submission-row] [data-testid=review-state][data-state=noThreatsFound]').count()).toBe(13);
    expect(await page.getByTestId('auto-resolve').isChecked()).toBe(true);
  });
});
