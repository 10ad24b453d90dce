/** The portal's overview figures from real reports and reviews, on SQLite and PostgreSQL. */
import { databaseKinds } from '../helpers/databases';
import { invoiceReport } from '../helpers/reports';
import { startTestServer, type TestServer } from '../helpers/server';

const HOUR = 3_600_000;

describe.each(databaseKinds())('the overview on %s', (kind) => {
  let server: TestServer;
  let admin: string;
  let anna: string;
  beforeEach(async () => {
    server = await startTestServer(kind);
    admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    anna = await server.token('anna@contoso.example');
  });
  afterEach(async () => server.close());

  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  const report = async (category: 'notJunk' | 'spam' | 'phishing', sender: string) =>
    (await call('POST', '/api/submissions', anna, invoiceReport({ category, sender, internetMessageId: `<${Math.random()}@x>`, message: undefined as never, headers: 'Subject: x\r\n' }))).json().id as string;

  test('counts per day and category, the top not-junk domains, open versus reviewed, the median time to result', async () => {
    const first = await report('notJunk', 'billing@supplier.example');
    await report('notJunk', 'news@letters.example');
    await report('notJunk', 'editor@letters.example');
    server.clock.advance(24 * HOUR);
    const second = await report('phishing', 'ceo@evil.example');
    await report('spam', 'x@spam.example');
    server.clock.advance(2 * HOUR);
    await call('POST', '/api/submissions/mark', admin, { ids: [first], result: 'noThreatsFound', notify: false });
    server.clock.advance(1 * HOUR);
    await call('POST', '/api/submissions/mark', admin, { ids: [second], result: 'phishing', notify: false });

    const overview = (await call('GET', '/api/overview?days=3', admin)).json();
    expect(overview.reportsPerDay).toEqual([
      { date: '2026-11-21', notJunk: 0, spam: 0, phishing: 0, malware: 0 },
      { date: '2026-11-22', notJunk: 3, spam: 0, phishing: 0, malware: 0 },
      { date: '2026-11-23', notJunk: 0, spam: 1, phishing: 1, malware: 0 },
    ]);
    expect(overview.notJunkBySenderDomain).toEqual([{ domain: 'letters.example', count: 2 }, { domain: 'supplier.example', count: 1 }]);
    expect({ open: overview.open, reviewed: overview.reviewed }).toEqual({ open: 3, reviewed: 2 });
    // 26 h and 3 h: the median of two is their mean.
    expect(overview.medianMinutesToResult).toBe((26 * 60 + 3 * 60) / 2);
    expect(overview.biggestOpenClusters).toEqual(expect.any(Array));
  });

  test('an empty period has zero rows for every day and no median', async () => {
    const overview = (await call('GET', '/api/overview', admin)).json();
    expect(overview.reportsPerDay).toHaveLength(30);
    expect(overview.medianMinutesToResult).toBeNull();
    expect((await call('GET', '/api/overview?days=0', admin)).statusCode).toBe(400);
    expect((await call('GET', '/api/overview', anna)).statusCode).toBe(403);
  });
});
