/**
 * Clusters of similar reports through the API, against a real SQLite file and (when
 * DATABASE_URL is set) PostgreSQL: reports clustered in the background as they arrive, the
 * list's filters and paging, who may do what, marking a whole cluster, and auto-resolve.
 */
import type { Cluster, ClusterDetail, ClusterPage } from '../../src/contracts/portal/clusters';
import type { MarkResponse } from '../../src/contracts/portal/review';
import type { Submission } from '../../src/contracts/submissions';
import { buildApp } from '../../src/server/app';
import { openDatabase } from '../../src/server/store/database';
import { clusterMail, fixtureText, personalised, type Authentication } from '../helpers/cluster-mail';
import { databaseKinds } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

const NEWSLETTER = 'news@northwind.example';
const USERS = ['anna', 'bo', 'carl', 'dina', 'emil', 'frida', 'gustav', 'helle', 'ida', 'jens', 'karen', 'lars', 'mette', 'niels'];
const CATEGORIES = ['notJunk', 'spam', 'notJunk', 'phishing'] as const;

interface Report {
  user: string;
  fixture: string;
  from: string;
  messageId: string;
  subject: string;
  auth?: Authentication;
  category?: (typeof CATEGORIES)[number];
  headersOnly?: boolean;
}

describe.each(databaseKinds())('clusters on %s', (kind) => {
  let server: TestServer;
  let admin: string;
  let reader: string;
  const tokens = new Map<string, string>();
  beforeEach(async () => {
    server = await startTestServer(kind);
    admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    reader = await server.token('auditor@contoso.example', ['SecurityReader']);
    tokens.clear();
  });
  afterEach(async () => server.close());

  const userToken = async (user: string) => {
    const known = tokens.get(user);
    if (known) return known;
    const token = await server.token(`${user}@contoso.example`);
    tokens.set(user, token);
    return token;
  };
  const call = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

  /** Reports a message as `user` got it, a minute after the previous report. */
  const report = async (r: Report): Promise<Submission> => {
    server.clock.advance(60_000);
    const address = `${r.user}@contoso.example`;
    const name = r.user[0]?.toUpperCase() + r.user.slice(1);
    const text = personalised(fixtureText(r.fixture), name, address);
    const eml = clusterMail({ from: r.from, to: address, subject: r.subject, messageId: r.messageId, text, auth: r.auth ?? 'dmarcPass' });
    const body = {
      category: r.category ?? 'notJunk',
      internetMessageId: r.messageId,
      recipientEmailAddress: address,
      sender: r.from,
      subject: r.subject,
      receivedDateTime: '2026-11-20T07:02:11Z',
      ...(r.headersOnly ? { headers: eml.toString('utf8').split('\r\n\r\n')[0] } : { message: eml.toString('base64') }),
    };
    const response = await call(await userToken(r.user), 'POST', '/api/submissions', body);
    expect(response.statusCode).toBe(201);
    return response.json() as Submission;
  };

  /** Twelve people report three weekly issues of one newsletter, four each. */
  const newsletterReports = async (): Promise<Submission[]> => {
    const out: Submission[] = [];
    for (let i = 0; i < 12; i++) {
      const issue = 41 + Math.floor(i / 4);
      out.push(
        await report({
          user: USERS[i] ?? 'x',
          fixture: `newsletter-${issue}`,
          from: NEWSLETTER,
          messageId: `<weekly-${issue}.8f2a@news.northwind.example>`,
          subject: `The Weekly Ledger #${issue}`,
          category: CATEGORIES[i % CATEGORIES.length] ?? 'notJunk',
        }),
      );
    }
    return out;
  };

  const invoiceReports = async (): Promise<void> => {
    await report({ user: 'anna', fixture: 'fabrikam-invoice-2026-10', from: 'ar@fabrikam.example', messageId: '<inv-4471@fabrikam.example>', subject: 'Invoice 2026-10-4471' });
    await report({ user: 'bo', fixture: 'fabrikam-invoice-2026-11', from: 'ar@fabrikam.example', messageId: '<inv-4532@fabrikam.example>', subject: 'Invoice 2026-11-4532' });
    await report({ user: 'carl', fixture: 'litware-invoice-2026-11', from: 'billing@litware.example', messageId: '<LW-118204@litware.example>', subject: 'Your Litware invoice' });
  };

  const clustered = () => server.app.clustering.idle();
  const list = async (query = ''): Promise<ClusterPage> => {
    const response = await call(admin, 'GET', `/api/clusters${query}`);
    expect(response.statusCode).toBe(200);
    return response.json() as ClusterPage;
  };
  const detail = async (id: string): Promise<ClusterDetail> => {
    const response = await call(admin, 'GET', `/api/clusters/${id}`);
    expect(response.statusCode).toBe(200);
    return response.json() as ClusterDetail;
  };
  const rowsOf = async <T>(read: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> => {
    const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
    try {
      return await read(db);
    } finally {
      await db.destroy();
    }
  };

  test('twelve people report three issues of one newsletter: one cluster of twelve', async () => {
    const reports = await newsletterReports();
    await invoiceReports();
    await clustered();

    const page = await list();
    const weekly = page.items.find((c) => c.senderDomain === 'northwind.example');
    expect(page.items.map((c) => [c.senderDomain, c.reportCount])).toEqual([
      ['fabrikam.example', 2],
      ['northwind.example', 12],
    ]);
    expect(weekly).toMatchObject({
      representativeId: reports[0]?.id,
      subject: 'The Weekly Ledger #41',
      reportCount: 12,
      reporterCount: 12,
      recipientCount: 12,
      openCount: 12,
      categories: { notJunk: 6, spam: 3, phishing: 3, malware: 0 },
      status: 'open',
      decision: null,
      autoResolve: false,
      latestVerdict: null,
      firstSeenDateTime: reports[0]?.createdDateTime,
      lastSeenDateTime: reports[11]?.createdDateTime,
    });

    const weeklyDetail = await detail(weekly?.id ?? '');
    expect(weeklyDetail.reports.map((r) => r.id)).toEqual(reports.map((r) => r.id).reverse());
    expect(weeklyDetail.reports.every((r) => r.clusterId === weekly?.id)).toBe(true);
    expect(weeklyDetail.reporters).toEqual(USERS.slice(0, 12).map((u) => `${u}@contoso.example`).sort());
    expect(weeklyDetail.recipients).toEqual(weeklyDetail.reporters);

    // The two suppliers' invoices never share a cluster; a single report is no cluster by default.
    const all = await list('?minReports=1');
    expect(all.items.map((c) => [c.senderDomain, c.reportCount]).sort()).toEqual([
      ['fabrikam.example', 2],
      ['litware.example', 1],
      ['northwind.example', 12],
    ]);
    const mine = await call(await userToken('anna'), 'GET', `/api/submissions/${reports[0]?.id}`);
    expect(mine.json().clusterId).toBe(weekly?.id);
  });

  test('the same message joins its cluster whatever its text; a look-alike that failed authentication does not', async () => {
    const first = await report({ user: 'anna', fixture: 'newsletter-42', from: NEWSLETTER, messageId: '<weekly-42@news.northwind.example>', subject: 'The Weekly Ledger #42' });
    // Only headers (no text to compare): the Message-ID alone places it.
    const headersOnly = await report({ user: 'bo', fixture: 'newsletter-42', from: NEWSLETTER, messageId: '<weekly-42@news.northwind.example>', subject: 'The Weekly Ledger #42', headersOnly: true });
    // The same text and Message-ID from someone who could not authenticate as northwind.example.
    const spoof = await report({ user: 'carl', fixture: 'newsletter-42', from: NEWSLETTER, messageId: '<weekly-42@news.northwind.example>', subject: 'The Weekly Ledger #42', auth: 'none' });
    // The same sender's other mail is a cluster of its own.
    const order = await report({ user: 'dina', fixture: 'northwind-order-confirmation', from: 'orders@northwind.example', messageId: '<NW-5521873@shop.northwind.example>', subject: 'Your order NW-5521873' });
    await clustered();

    const clusterOf = async (s: Submission) => (await call(admin, 'GET', `/api/submissions/${s.id}`)).json().clusterId as string;
    const [a, b, c, d] = await Promise.all([first, headersOnly, spoof, order].map(clusterOf));
    expect(a).toBeTruthy();
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(d).not.toBe(a);
    expect(new Set([a, c, d]).size).toBe(3);
    const lookAlike = await detail(c ?? '');
    expect(lookAlike.senderDomain).toBe('northwind.example');
  });

  test('filters and paging: status, sender domain, minimum size, order by size, cursors', async () => {
    await newsletterReports();
    await invoiceReports();
    await report({ user: 'dina', fixture: 'litware-invoice-2026-11', from: 'billing@litware.example', messageId: '<LW-118205@litware.example>', subject: 'Your Litware invoice' });
    await clustered();

    expect((await list()).items.map((c) => c.senderDomain)).toEqual(['litware.example', 'fabrikam.example', 'northwind.example']);
    expect((await list('?sort=size')).items.map((c) => c.reportCount)).toEqual([12, 2, 2]);
    expect((await list('?minReports=3')).items.map((c) => c.senderDomain)).toEqual(['northwind.example']);
    expect((await list('?senderDomain=Fabrikam.Example')).items.map((c) => c.reportCount)).toEqual([2]);
    expect((await list('?status=decided')).items).toEqual([]);
    expect((await list('?status=open')).items).toHaveLength(3);

    for (const sort of ['lastSeen', 'size']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: ClusterPage = await list(`?sort=${sort}&limit=1&minReports=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(1);
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      const whole = await list(`?sort=${sort}&minReports=1`);
      expect(seen).toEqual(whole.items.map((c) => c.id));
      expect(seen).toHaveLength(3);
    }

    expect((await call(admin, 'GET', '/api/clusters?cursor=bm90LW91cnM')).statusCode).toBe(400);
    expect((await call(admin, 'GET', '/api/clusters?status=closed')).statusCode).toBe(400);
    expect((await call(admin, 'GET', '/api/clusters?limit=0')).statusCode).toBe(400);
  });

  test('readers read and change nothing; end users may not even read; an unknown cluster is 404', async () => {
    await newsletterReports();
    await clustered();
    const id = (await list()).items[0]?.id ?? '';
    const anna = await userToken('anna');

    expect((await call(reader, 'GET', '/api/clusters')).statusCode).toBe(200);
    expect((await call(reader, 'GET', `/api/clusters/${id}`)).statusCode).toBe(200);
    expect((await call(reader, 'PATCH', `/api/clusters/${id}`, { autoResolve: true })).statusCode).toBe(403);
    expect((await call(reader, 'POST', `/api/clusters/${id}/mark`, { result: 'spam' })).statusCode).toBe(403);

    for (const [method, url, payload] of [
      ['GET', '/api/clusters', undefined],
      ['GET', `/api/clusters/${id}`, undefined],
      ['PATCH', `/api/clusters/${id}`, { autoResolve: true }],
      ['POST', `/api/clusters/${id}/mark`, { result: 'spam' }],
    ] as const) {
      expect((await call(anna, method, url, payload)).statusCode).toBe(403);
    }
    expect((await server.app.inject({ method: 'GET', url: '/api/clusters' })).statusCode).toBe(401);

    expect((await call(admin, 'GET', '/api/clusters/no-such-cluster')).statusCode).toBe(404);
    expect((await call(admin, 'PATCH', '/api/clusters/no-such-cluster', { autoResolve: true })).statusCode).toBe(404);
    expect((await call(admin, 'POST', '/api/clusters/no-such-cluster/mark', { result: 'spam' })).statusCode).toBe(404);
    expect((await call(admin, 'PATCH', `/api/clusters/${id}`, { autoResolve: 'yes' })).statusCode).toBe(400);
    expect((await call(admin, 'POST', `/api/clusters/${id}/mark`, { result: 'ham' })).statusCode).toBe(400);
    expect((await detail(id)).autoResolve).toBe(false);
  });

  test('an admin marks the cluster once; with auto-resolve on, a thirteenth report gets the same answer at once', async () => {
    const reports = await newsletterReports();
    await clustered();
    const id = (await list()).items[0]?.id ?? '';
    // One report was already marked on its own: the cluster mark leaves it as it is.
    const single = await call(admin, 'POST', `/api/submissions/${reports[3]?.id}/mark`, { result: 'phishing', notify: false });
    expect(single.statusCode).toBe(200);
    expect((await detail(id)).openCount).toBe(11);

    const marked = await call(admin, 'POST', `/api/clusters/${id}/mark`, { result: 'noThreatsFound', message: 'This is our supplier’s newsletter.' });
    expect(marked.statusCode).toBe(200);
    const items = (marked.json() as MarkResponse).items;
    expect(items).toHaveLength(11);
    expect(items.every((i) => i.review.result === 'noThreatsFound' && i.noticeId !== null)).toBe(true);
    const decided = await detail(id);
    expect(decided).toMatchObject({
      status: 'decided',
      openCount: 0,
      reportCount: 12,
      decision: { result: 'noThreatsFound', message: 'This is our supplier’s newsletter.', decidedBy: 'secops@contoso.example' },
      autoResolve: false,
    });
    expect(decided.reports.find((r) => r.id === reports[3]?.id)?.review?.result).toBe('phishing');

    const patched = await call(admin, 'PATCH', `/api/clusters/${id}`, { autoResolve: true });
    expect(patched.statusCode).toBe(200);
    expect((patched.json() as Cluster).autoResolve).toBe(true);

    const thirteenth = await report({ user: 'mette', fixture: 'newsletter-43', from: NEWSLETTER, messageId: '<weekly-43.8f2a@news.northwind.example>', subject: 'The Weekly Ledger #43', category: 'spam' });
    await clustered();
    const after = await detail(id);
    expect(after).toMatchObject({ reportCount: 13, reporterCount: 13, openCount: 0, status: 'decided' });
    const answered = after.reports.find((r) => r.id === thirteenth.id);
    expect(answered?.review).toMatchObject({ result: 'noThreatsFound', message: 'This is our supplier’s newsletter.', reviewedBy: 'system:auto-resolve' });
    const mine = await call(await userToken('mette'), 'GET', '/api/me/submissions');
    expect((mine.json().items as Submission[])[0]?.review?.result).toBe('noThreatsFound');

    const audit = await rowsOf((db) => db.selectFrom('audit_log').selectAll().orderBy('id').execute());
    const autoResolved = audit.filter((a) => a.action === 'submission.autoResolved');
    expect(autoResolved).toHaveLength(1);
    expect(autoResolved[0]).toMatchObject({ actor: 'system:auto-resolve', target_type: 'submission', target_id: thirteenth.id });
    expect(JSON.parse(autoResolved[0]?.detail ?? '{}')).toMatchObject({ clusterId: id, rule: 'cluster.autoResolve', notified: true, after: { result: 'noThreatsFound' } });
    const clusterRows = audit.filter((a) => a.target_type === 'cluster');
    expect(clusterRows.map((a) => a.action)).toEqual(['cluster.marked', 'cluster.updated']);
    expect(JSON.parse(clusterRows[0]?.detail ?? '{}')).toMatchObject({ after: { result: 'noThreatsFound' }, reports: 11, notified: true });
    expect(JSON.parse(clusterRows[1]?.detail ?? '{}')).toEqual({ before: { autoResolve: false }, after: { autoResolve: true } });
    expect(clusterRows[1]).toMatchObject({ actor: 'secops@contoso.example', target_id: id });

    const notices = await rowsOf((db) => db.selectFrom('mail_outbox').select(['to_address', 'related_id']).execute());
    expect(notices.filter((n) => n.related_id === thirteenth.id).map((n) => n.to_address)).toEqual(['mette@contoso.example']);
    expect(notices).toHaveLength(12);
  });

  test('without auto-resolve a report joining a decided cluster waits for an admin', async () => {
    await newsletterReports();
    await clustered();
    const id = (await list()).items[0]?.id ?? '';
    expect((await call(admin, 'POST', `/api/clusters/${id}/mark`, { result: 'spam', notify: false })).statusCode).toBe(200);
    const late = await report({ user: 'mette', fixture: 'newsletter-42', from: NEWSLETTER, messageId: '<weekly-42.8f2a@news.northwind.example>', subject: 'The Weekly Ledger #42' });
    await clustered();
    const after = await detail(id);
    expect(after).toMatchObject({ reportCount: 13, openCount: 1, status: 'decided', decision: { result: 'spam' } });
    expect(after.reports.find((r) => r.id === late.id)?.review).toBeNull();
  });

  test('retention: clusters lose the reports that were purged, and go when none is left', async () => {
    await newsletterReports();
    await invoiceReports();
    server.clock.advance(60 * 86_400_000);
    const late = await report({ user: 'mette', fixture: 'newsletter-43', from: NEWSLETTER, messageId: '<weekly-43.8f2a@news.northwind.example>', subject: 'The Weekly Ledger #43' });
    await clustered();
    const before = await list('?minReports=1');
    const weekly = before.items.find((c) => c.senderDomain === 'northwind.example');
    const fabrikam = before.items.find((c) => c.senderDomain === 'fabrikam.example');
    expect(weekly?.reportCount).toBe(13);

    server.clock.advance(31 * 86_400_000);
    admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    const purged = await server.app.services.retention.purge();
    expect(purged.submissions).toBe(15);
    const after = await detail(weekly?.id ?? '');
    expect(after).toMatchObject({ reportCount: 1, reporterCount: 1, recipientCount: 1, openCount: 1, representativeId: late.id, firstSeenDateTime: late.createdDateTime, lastSeenDateTime: late.createdDateTime });
    expect(after.categories).toEqual({ notJunk: 1, spam: 0, phishing: 0, malware: 0 });
    expect((await call(admin, 'GET', `/api/clusters/${fabrikam?.id}`)).statusCode).toBe(404);
    expect((await list('?minReports=1')).items.map((c) => c.id)).toEqual([weekly?.id]);
  });

  test('reports still in no cluster at a restart are clustered when the server starts again', async () => {
    await newsletterReports();
    await clustered();
    // As if the server had stopped after committing the reports and before clustering them.
    await rowsOf(async (db) => {
      await db.updateTable('submissions').set({ cluster_id: null }).execute();
      await db.deleteFrom('cluster_bands').execute();
      await db.deleteFrom('clusters').execute();
    });
    await server.app.close();
    const restarted = await buildApp(server.config, { clock: server.clock });
    try {
      await restarted.clustering.idle();
      const page = await restarted.inject({ method: 'GET', url: '/api/clusters', headers: { authorization: `Bearer ${admin}` } });
      expect((page.json() as ClusterPage).items.map((c) => c.reportCount)).toEqual([12]);
    } finally {
      await restarted.close();
    }
  });
});
