/**
 * The admin portal end to end: a real triage server (own data folder, built pages) with the
 * reports users make from Outlook, and a browser context signed in as an admin the way an admin
 * signs in: the server's one-time link, opened once. Each test starts its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Role } from '../../../src/contracts/roles';
import type { CreateSubmission, Submission } from '../../../src/contracts/submissions';
import { startMailSender } from '../../../src/server/mail-sender-loop';
import { buildApp } from '../../../src/server/app';
import { loadEmbeddedIssuer, mintToken } from '../../../src/server/auth/embedded-issuer';
import { loadConfig, type Config } from '../../../src/server/config/config';
import { clusterMail, fixtureHtml, fixtureText, personalised } from '../../helpers/cluster-mail';
import { tempDir } from '../../helpers/server';
import { REPO_ROOT, WEB_ROOT } from './web-build';

export const ADMIN = 'secops@contoso.example';
export const READER = 'auditor@contoso.example';

export interface PortalServer {
  readonly origin: string;
  readonly app: FastifyInstance;
  /** The pickup folder outgoing mail is delivered to (`<SECOND_LOOK_DATA>/outbox`, the embedded default). */
  readonly outbox: string;
  token(email: string, roles?: Role[]): Promise<string>;
  /** The one-time sign-in link's code, as the server prints it (null when links are off). */
  linkCode(email: string, roles: Role[]): Promise<string | null>;
  /** A user reports a message, as the add-in does. */
  report(user: string, body: CreateSubmission): Promise<Submission>;
  /** Every background job (clustering) has caught up. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface PortalServerOptions {
  /**
   * Run the outgoing mail sender as `npm start` does (main.ts): now, then every
   * SECOND_LOOK_MAIL_POLL_SECONDS after each run ends, so notices leave on their own.
   * Off by default: tests that want mail sent then call `app.mailSender.runOnce()`.
   */
  sendMail?: boolean;
  /**
   * Listen on this port (default: any free one). A test that must name the portal's address
   * to an OpenID provider before the server starts (its redirect URI) chooses it first.
   */
  port?: number;
  /**
   * Use this data folder and leave it in place at close: the caller made it, and may start
   * another server on it (reports made under one identity setup, read under another).
   */
  dataDir?: string;
}

export async function startPortalServer(env: Record<string, string> = {}, options: PortalServerOptions = {}): Promise<PortalServer> {
  const config: Config = loadConfig({
    SECOND_LOOK_DATA: options.dataDir ?? tempDir('second-look-portal-'),
    SECOND_LOOK_LOG_LEVEL: 'silent',
    SECOND_LOOK_WEB_ROOT: WEB_ROOT,
    SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS: '0',
    SECOND_LOOK_MAX_HEAP_BYTES: '0',
    ...env,
  });
  const app = await buildApp(config);
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const stopMail = options.sendMail ? startMailSender(app, config.mail.pollSeconds) : async () => undefined;

  const token = async (email: string, roles: Role[] = []) => {
    if (config.auth.kind !== 'embedded') throw new Error('embedded issuer expected');
    const issuer = await loadEmbeddedIssuer(config.dataDir, config.auth.issuer, config.auth.audience);
    return (await mintToken(issuer, { email, roles, lifetime: 3600, now: new Date() })).token;
  };

  return {
    origin,
    app,
    outbox: path.join(config.dataDir, 'outbox'),
    token,
    async linkCode(email, roles) {
      const signIn = (app as unknown as { services: { signIn?: { linksEnabled: boolean; createLink(e: string, r: Role[]): Promise<{ url: string }> } } }).services.signIn;
      if (!signIn?.linksEnabled) return null;
      const { url } = await signIn.createLink(email, roles);
      return new URL(url).hash.replace(/^#code=/, '');
    },
    async report(user, body) {
      const response = await fetch(`${origin}/api/submissions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await token(user)}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`report failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as Submission;
    },
    async settle() {
      const clustering = (app as unknown as { clustering?: { idle(): Promise<void> } }).clustering;
      await clustering?.idle();
    },
    async close() {
      await stopMail();
      await app.close();
      if (options.dataDir === undefined) fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

const USERS: ReadonlyArray<[string, string]> = [
  ['anna@contoso.example', 'Anna'],
  ['bo@contoso.example', 'Bo'],
  ['carla@contoso.example', 'Carla'],
];

export const INVOICE_EML = fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/messages/blocked-invoice.eml'));

export interface Seeded {
  newsletters: Submission[];
  invoice: Submission;
  phishing: Submission;
  junk: Submission;
}

export interface SeedOptions {
  /** Outlook's display language per reporter (address → locale), sent with each of their reports as the add-in does. */
  locales?: Readonly<Record<string, string>>;
}

/** A morning's reports: a newsletter three people called Not junk, an invoice, a phish, junk. */
export async function seedReports(server: PortalServer, options: SeedOptions = {}): Promise<Seeded> {
  const report = (user: string, body: CreateSubmission) => {
    const locale = options.locales?.[user];
    return server.report(user, locale === undefined ? body : { ...body, locale });
  };
  const newsletters: Submission[] = [];
  let n = 0;
  for (const [address, name] of USERS) {
    const messageId = `<weekly-43.${++n}@northwind.example>`;
    const eml = clusterMail({
      from: 'news@northwind.example',
      to: address,
      subject: 'The Weekly Ledger #43',
      messageId,
      text: personalised(fixtureText('newsletter-43'), name, address),
      html: personalised(fixtureHtml('newsletter-43'), name, address),
    });
    newsletters.push(
      await report(address, {
        category: 'notJunk',
        internetMessageId: messageId,
        recipientEmailAddress: address,
        sender: 'news@northwind.example',
        subject: 'The Weekly Ledger #43',
        receivedDateTime: '2026-11-20T07:02:11Z',
        message: eml.toString('base64'),
      }),
    );
  }
  const phishEml = clusterMail({ from: 'it-support@fabrikam.example', to: 'bo@contoso.example', subject: 'Your mailbox is full', messageId: '<full.1@fabrikam.example>', text: fixtureText('northwind-order-confirmation'), auth: 'none' });
  const phishing = await report('bo@contoso.example', {
    category: 'phishing',
    internetMessageId: '<full.1@fabrikam.example>',
    recipientEmailAddress: 'bo@contoso.example',
    sender: 'it-support@fabrikam.example',
    subject: 'Your mailbox is full',
    receivedDateTime: '2026-11-21T07:02:11Z',
    message: phishEml.toString('base64'),
  });
  const junkEml = clusterMail({ from: 'deals@litware.example', to: 'carla@contoso.example', subject: 'Final offer: 70% off', messageId: '<offer.9@litware.example>', text: fixtureText('litware-invoice-2026-11'), auth: 'dkimAligned' });
  const junk = await report('carla@contoso.example', {
    category: 'spam',
    internetMessageId: '<offer.9@litware.example>',
    recipientEmailAddress: 'carla@contoso.example',
    sender: 'deals@litware.example',
    subject: 'Final offer: 70% off',
    receivedDateTime: '2026-11-21T09:12:00Z',
    message: junkEml.toString('base64'),
  });
  const invoice = await report('anna@contoso.example', {
    category: 'notJunk',
    internetMessageId: '<4f1c2a9e.118@supplier.example>',
    recipientEmailAddress: 'anna@contoso.example',
    sender: 'billing@supplier.example',
    subject: 'Faktura 2026-118 – forfalden',
    receivedDateTime: '2026-11-22T09:14:03Z',
    comment: 'Our supplier, we pay these every month',
    message: INVOICE_EML.toString('base64'),
  });
  await server.settle();
  return { newsletters, invoice, phishing, junk };
}

export interface PortalSession {
  context: BrowserContext;
  page: Page;
  /** How the browser signed in: the one-time link, or (servers without links) a minted session. */
  via: 'link' | 'token';
}

/**
 * A browser context signed in to the portal. With the server's one-time link when it has them
 * (the way an admin signs in); otherwise a session minted by the embedded issuer, stored the
 * way the portal stores a redeemed link.
 */
export async function openPortal(
  browser: Browser,
  server: PortalServer,
  options: { email?: string; roles?: Role[]; locale?: string } = {},
): Promise<PortalSession> {
  const email = options.email ?? ADMIN;
  const roles = options.roles ?? ['SecurityAdministrator'];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: options.locale ?? 'en-US', timezoneId: 'Europe/Copenhagen' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const code = await server.linkCode(email, roles);
  if (code) {
    // The printed link; a server that does not serve deep links yet serves the portal at /admin/.
    const at = (await servesDeepLinks(server)) ? '/admin/sign-in' : '/admin/';
    await page.goto(`${server.origin}${at}#code=${code}`);
    await page.getByTestId('signed-in-user').waitFor();
    return { context, page, via: 'link' };
  }
  await page.goto(`${server.origin}/admin/signed-out`);
  const token = await server.token(email, roles);
  const expires = new Date(Date.now() + 3_600_000).toISOString();
  // A string, not a function: this file is also compiled without the DOM's types (bench build).
  const stored = JSON.stringify({ token, expiresDateTime: expires, user: { email, roles } });
  await page.evaluate(`sessionStorage.setItem('second-look.portal.session', ${JSON.stringify(stored)})`);
  await page.goto(`${server.origin}/admin/`);
  await page.getByTestId('signed-in-user').waitFor();
  return { context, page, via: 'token' };
}

/** Opens a portal page the way a link in the portal does (History API), from any portal page. */
export async function goTo(page: Page, pathname: string): Promise<void> {
  await page.evaluate(`history.pushState(null, '', ${JSON.stringify(pathname)}); dispatchEvent(new PopStateEvent('popstate'))`);
}

/** True when the server answers a deep link below /admin with the portal's page. */
export async function servesDeepLinks(server: PortalServer): Promise<boolean> {
  const response = await fetch(`${server.origin}/admin/submissions`);
  return response.status === 200 && (response.headers.get('content-type') ?? '').includes('text/html');
}

async function call(server: PortalServer, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${server.origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${await server.token(ADMIN, ['SecurityAdministrator'])}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

export interface Showcase extends Seeded {
  clusterId: string | null;
}

/**
 * Everything every page can show: the morning's reports, the invoice analysed (in `lang`),
 * allow and block entries, one newsletter marked with its notice sent, clusters formed.
 */
export async function seedShowcase(server: PortalServer, lang = 'en-US'): Promise<Showcase> {
  const seeded = await seedReports(server);
  await call(server, 'POST', `/api/submissions/${seeded.invoice.id}/analyze?lang=${lang}`);
  await call(server, 'POST', '/api/allow-block-entries', { value: 'billing@supplier.example', action: 'allow', expiration: { type: 'afterLastUsed' }, submissionId: seeded.invoice.id, note: 'Supplier invoices' });
  await call(server, 'POST', '/api/allow-block-entries', { value: 'northwind.example', action: 'allow', expiration: { type: 'days', days: 7 }, note: 'Weekly newsletter' });
  await call(server, 'POST', '/api/allow-block-entries', { value: '*.phish-kit.example', action: 'block', expiration: { type: 'never' } });
  await call(server, 'POST', '/api/allow-block-entries', { value: 'it-support@fabrikam.example', action: 'block', expiration: { type: 'days', days: 30 }, note: 'Mailbox-full phish' });
  const [first] = seeded.newsletters;
  if (first) await call(server, 'POST', `/api/submissions/${first.id}/mark`, { result: 'noThreatsFound', notify: true, message: 'Thanks: this newsletter is fine.' });
  await call(server, 'POST', `/api/submissions/${seeded.phishing.id}/mark`, { result: 'phishing', notify: true });
  const sender = (server.app as unknown as { mailSender?: { runOnce(): Promise<unknown> } }).mailSender;
  await sender?.runOnce();
  await server.settle();
  const clusters = (await call(server, 'GET', '/api/clusters?status=open').catch(() => ({ items: [] }))) as { items: Array<{ id: string }> };
  return { ...seeded, clusterId: clusters.items[0]?.id ?? null };
}

/**
 * What a server needs to take quarantined mail over HTTP in a test: an accepted domain, no SMTP
 * listener (no fixed port shared between tests), and malware under a policy that lets its
 * recipient request release (the hard rule makes release a request).
 */
export const QUARANTINE_ENV: Readonly<Record<string, string>> = {
  SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example',
  SECOND_LOOK_SMTP_PORT: 'off',
  SECOND_LOOK_QUARANTINE_POLICIES: 'malware:DefaultFullAccessPolicy',
};

export interface QuarantineShowcase {
  /** The newsletter's row for anna (it went to anna, bo and carla). */
  newsletter: string;
  invoice: string;
  /** Malware for bo, whose release bo requested. */
  requested: string;
}

function quarantineMessage(options: { from: string; subject: string; messageId: string; html: string }): Buffer {
  return Buffer.from(
    [
      `From: ${options.from}`,
      'To: staff@contoso.example',
      `Subject: ${options.subject}`,
      'Date: Mon, 23 Nov 2026 07:30:00 +0000',
      `Message-ID: ${options.messageId}`,
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      options.html,
      '',
    ].join('\r\n'),
  );
}

/**
 * Quarantined mail through the real intake (POST /api/quarantine, the QuarantineIntake role):
 * two issues of a newsletter (one to three people), the invoice as phishing, and a "scan" as
 * malware whose recipient asked for its release.
 */
export async function seedQuarantine(server: PortalServer): Promise<QuarantineShowcase> {
  const intake = await server.token('mta@contoso.example', ['QuarantineIntake']);
  const take = async (recipients: string[], message: Buffer): Promise<Array<{ id: string; recipient: string }>> => {
    const query = recipients.map((r) => `recipient=${encodeURIComponent(r)}`).join('&');
    const response = await fetch(`${server.origin}/api/quarantine?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${intake}`, 'content-type': 'message/rfc822' },
      body: new Uint8Array(message),
    });
    if (response.status !== 201 && response.status !== 200) throw new Error(`quarantine intake failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { items: Array<{ id: string; recipient: string }> }).items;
  };
  const newsletterHtml = (issue: number) =>
    `<html><body><h1>Northwind weekly · issue ${issue}</h1><p>Ten new recipes, the autumn sale, and a word from our kitchen.</p><p><img src="https://tracker.northwind.example/open.gif?u=1" alt=""></p></body></html>`;
  const [newsletter] = await take(
    ['anna+quarantine-bulk@contoso.example', 'bo+quarantine-bulk@contoso.example', 'carla+quarantine-bulk@contoso.example'],
    quarantineMessage({ from: '"Northwind" <news@northwind.example>', subject: '=?utf-8?Q?Northwind_weekly_=E2=80=94_issue_48?=', messageId: '<w48@northwind.example>', html: newsletterHtml(48) }),
  );
  await take(['anna+quarantine-bulk@contoso.example'], quarantineMessage({ from: '"Northwind" <news@northwind.example>', subject: 'Northwind weekly — issue 47', messageId: '<w47@northwind.example>', html: newsletterHtml(47) }));
  const [invoice] = await take(['anna+quarantine-phish@contoso.example'], INVOICE_EML);
  const [scan] = await take(
    ['bo+quarantine-malware@contoso.example'],
    quarantineMessage({ from: 'scanner@fabrikam-print.example', subject: 'Scanned document 0042', messageId: '<scan-0042@fabrikam-print.example>', html: '<p>Your scanned document is attached.</p>' }),
  );
  if (!newsletter || !invoice || !scan) throw new Error('quarantine intake stored nothing');
  const request = await fetch(`${server.origin}/api/me/quarantine/${scan.id}/request-release`, { method: 'POST', headers: { authorization: `Bearer ${await server.token('bo@contoso.example')}` } });
  if (request.status !== 200) throw new Error(`request release failed: ${request.status} ${await request.text()}`);
  return { newsletter: newsletter.id, invoice: invoice.id, requested: scan.id };
}
