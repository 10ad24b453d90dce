/**
 * The User reported list's server-side filters, on SQLite and PostgreSQL: review state,
 * sender address or domain, cluster, subject words (full-text, as prefixes, in any script),
 * sort order, and cursor paging that never skips or repeats, whatever the filter.
 */
import { openDatabase } from '../../src/server/store/database';
import { databaseKinds } from '../helpers/databases';
import { invoiceReport } from '../helpers/reports';
import { startTestServer, type TestServer } from '../helpers/server';

describe.each(databaseKinds())('listing reports on %s', (kind) => {
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
  const subjects = async (query: string): Promise<string[]> => {
    const response = await call('GET', `/api/submissions?${query}`, admin);
    expect(response.statusCode).toBe(200);
    return response.json().items.map((s: { subject: string }) => s.subject);
  };
  const report = async (subject: string, sender: string): Promise<string> => {
    server.clock.advance(1000);
    const response = await call('POST', '/api/submissions', anna, invoiceReport({ subject, sender, internetMessageId: `<${subject.length}.${sender}>`, headers: `From: ${sender}\r\nSubject: x\r\n`, message: undefined as never }));
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };

  let ids: string[];
  beforeEach(async () => {
    ids = [
      await report('Invoice 4411 for November', 'billing@supplier.example'),
      await report('Weekly digest: Ærø & Köln', 'news@letters.example'),
      await report('Faktura 2026-118 – forfalden', 'billing@supplier.example'),
      await report('Weekly digest: budget news', 'editor@letters.example'),
    ];
  });

  test('subject words match as the start of a word, in any order, accents and case folded', async () => {
    expect(await subjects('q=invo')).toEqual(['Invoice 4411 for November']);
    expect(await subjects('q=DIGEST%20weekly')).toEqual(['Weekly digest: budget news', 'Weekly digest: Ærø & Köln']);
    expect(await subjects('q=koln')).toEqual(['Weekly digest: Ærø & Köln']);
    expect(await subjects('q=2026-118')).toEqual(['Faktura 2026-118 – forfalden']);
    expect(await subjects('q=voice')).toEqual([]);
    // Search syntax of either database is only punctuation here.
    expect(await subjects(`q=${encodeURIComponent('"digest"* ^ (:*&!) -NEAR')}`)).toEqual(['Weekly digest: budget news', 'Weekly digest: Ærø & Köln'].slice(0, 0));
    expect(await subjects(`q=${encodeURIComponent('"digest"* ^ (:*&!)')}`)).toEqual(['Weekly digest: budget news', 'Weekly digest: Ærø & Köln']);
    const empty = await call('GET', '/api/submissions?q=%22%26%21', admin);
    expect({ status: empty.statusCode, code: empty.json().code }).toEqual({ status: 400, code: 'invalidSearch' });
  });

  test('a subject changed later is found by its new words (the index follows the row)', async () => {
    const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
    try {
      await db.updateTable('submissions').set({ subject: 'Renamed quarterly statement', subject_folded: 'renamed quarterly statement' }).where('id', '=', ids[0] ?? '').execute();
    } finally {
      await db.destroy();
    }
    expect(await subjects('q=quarterly')).toEqual(['Renamed quarterly statement']);
    expect(await subjects('q=invoice')).toEqual([]);
  });

  test('sender by address or by domain; review state; oldest first', async () => {
    expect(await subjects('sender=billing@supplier.example')).toEqual(['Faktura 2026-118 – forfalden', 'Invoice 4411 for November']);
    expect(await subjects('sender=LETTERS.example')).toEqual(['Weekly digest: budget news', 'Weekly digest: Ærø & Köln']);
    expect(await subjects('sender=@letters.example&sort=oldest')).toEqual(['Weekly digest: Ærø & Köln', 'Weekly digest: budget news']);

    await call('POST', '/api/submissions/mark', admin, { ids: [ids[1], ids[2]], result: 'noThreatsFound', notify: false });
    expect(await subjects('review=unreviewed&source=user')).toEqual(['Weekly digest: budget news', 'Invoice 4411 for November']);
    expect(await subjects('review=noThreatsFound')).toEqual(['Faktura 2026-118 – forfalden', 'Weekly digest: Ærø & Köln']);
    expect(await subjects('review=spam')).toEqual([]);
    expect((await call('GET', '/api/submissions?review=maybe', admin)).statusCode).toBe(400);
  });

  test('cursor paging walks every filtered row once, in both orders', async () => {
    for (const sort of ['newest', 'oldest']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/submissions?q=weekly%20digest&limit=1&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await call('GET', url, admin)).json();
        seen.push(...page.items.map((s: { subject: string }) => s.subject));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(sort === 'newest' ? ['Weekly digest: budget news', 'Weekly digest: Ærø & Köln'] : ['Weekly digest: Ærø & Köln', 'Weekly digest: budget news']);
    }
  });
});
