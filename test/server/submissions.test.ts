/**
 * The submissions API through app.inject(), against a real SQLite file and (when DATABASE_URL
 * is set) a real PostgreSQL schema.
 */
import { databaseKinds } from '../helpers/databases';
import { INVOICE_EML, invoiceReport } from '../helpers/reports';
import { countRows, startTestServer, type TestServer } from '../helpers/server';

describe.each(databaseKinds())('submissions on %s', (kind) => {
  let server: TestServer;
  let anna: string;
  let admin: string;
  beforeEach(async () => {
    server = await startTestServer(kind);
    anna = await server.token('anna@contoso.example');
    admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
  });
  afterEach(async () => server.close());

  const post = (token: string, payload: unknown, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'POST', url: '/api/submissions', headers: { authorization: `Bearer ${token}`, ...headers }, payload: payload as object });
  const get = (token: string, url: string) => server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  test('a user report is stored with its facts, headers and exact original bytes', async () => {
    const created = await post(anna, invoiceReport(), { 'idempotency-key': 'report-0001-abcdef' });
    expect(created.statusCode).toBe(201);
    const submission = created.json();
    expect(submission).toMatchObject({
      category: 'notJunk',
      source: 'user',
      status: 'pending',
      internetMessageId: '<4f1c2a9e.118@supplier.example>',
      recipientEmailAddress: 'anna@contoso.example',
      sender: 'billing@supplier.example',
      subject: 'Faktura 2026-118 – forfalden',
      receivedDateTime: '2026-11-22T09:14:03.000Z',
      createdDateTime: '2026-11-22T12:00:00.000Z',
      createdBy: { email: 'anna@contoso.example' },
      comment: 'Our supplier, we pay these every month',
      hasMessage: true,
      result: null,
    });

    const detail = await get(admin, `/api/submissions/${submission.id}`);
    expect(detail.statusCode).toBe(200);
    const headers = detail.json().headers as Array<{ name: string; value: string }>;
    expect(headers.find((h) => h.name === 'X-Forefront-Antispam-Report')?.value).toContain('SFV:SPM');
    expect(headers.filter((h) => h.name === 'Received')).toHaveLength(2);
    expect(headers.find((h) => h.name === 'Authentication-Results')?.value).toBe(
      'spf=fail (sender IP is 203.0.113.7) smtp.mailfrom=supplier.example; dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=supplier.example;compauth=fail reason=000',
    );

    const eml = await get(anna, `/api/submissions/${submission.id}/message`);
    expect(eml.statusCode).toBe(200);
    expect(eml.headers['content-type']).toBe('message/rfc822');
    expect(eml.headers['content-disposition']).toContain('.eml');
    expect(Buffer.compare(eml.rawPayload, INVOICE_EML)).toBe(0);
  });

  test('a retry with the same Idempotency-Key returns the original, never a second submission', async () => {
    const first = await post(anna, invoiceReport(), { 'idempotency-key': 'retry-key-123456' });
    const [second, third] = await Promise.all([
      post(anna, invoiceReport(), { 'idempotency-key': 'retry-key-123456' }),
      post(anna, invoiceReport(), { 'idempotency-key': 'retry-key-123456' }),
    ]);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(third.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(third.json().id).toBe(first.json().id);
    const mine = await get(anna, '/api/me/submissions');
    expect(mine.json().items).toHaveLength(1);
  });

  test('a report with only headers is accepted; its .eml download says there is none', async () => {
    const { message: _omit, ...withoutMessage } = invoiceReport();
    const created = await post(anna, { ...withoutMessage, headers: INVOICE_EML.toString('utf8').split('\r\n\r\n')[0] });
    expect(created.statusCode).toBe(201);
    expect(created.json().hasMessage).toBe(false);
    const eml = await get(anna, `/api/submissions/${created.json().id}/message`);
    expect(eml.statusCode).toBe(404);
    expect(eml.json().message).toContain('only its headers');
  });

  test('the same message reported twice is stored once (content-addressed)', async () => {
    const a = await post(anna, invoiceReport());
    const bob = await server.token('bob@contoso.example');
    const b = await post(bob, invoiceReport({ recipientEmailAddress: 'bob@contoso.example' }));
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(await countRows(server, 'submissions')).toBe(2);
    expect(await countRows(server, 'message_blobs')).toBe(1);
  });

  test('me/submissions shows only my reports, filterable by internetMessageId', async () => {
    await post(anna, invoiceReport());
    await post(anna, invoiceReport({ internetMessageId: '<other@supplier.example>', category: 'spam' }));
    const bob = await server.token('bob@contoso.example');
    await post(bob, invoiceReport({ recipientEmailAddress: 'bob@contoso.example' }));

    const mine = await get(anna, '/api/me/submissions?internetMessageId=' + encodeURIComponent('<4f1c2a9e.118@supplier.example>'));
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((s: { createdBy: { email: string } }) => s.createdBy.email)).toEqual(['anna@contoso.example']);
    const all = await get(anna, '/api/me/submissions');
    expect(all.json().items).toHaveLength(2);
  });

  test('admins list with filters and page by cursor without gaps or repeats', async () => {
    const reporters = ['anna', 'bob', 'carl'];
    for (let i = 0; i < 7; i++) {
      const who = reporters[i % 3] ?? 'anna';
      const token = await server.token(`${who}@contoso.example`);
      await post(token, invoiceReport({ category: i % 2 === 0 ? 'notJunk' : 'phishing', recipientEmailAddress: `${who}@contoso.example`, subject: `report ${i}` }));
      server.clock.advance(i % 3 === 0 ? 0 : 1000); // some share a timestamp: the id breaks ties
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/submissions?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await get(admin, url);
      expect(page.statusCode).toBe(200);
      const body = page.json() as { items: Array<{ subject: string }>; nextCursor: string | null };
      seen.push(...body.items.map((s) => s.subject));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);

    const phishing = await get(admin, '/api/submissions?category=phishing');
    expect(phishing.json().items).toHaveLength(3);
    const byBob = await get(admin, '/api/submissions?reporter=BOB@contoso.example');
    expect(byBob.json().items).toHaveLength(2);
    const toCarl = await get(admin, '/api/submissions?recipient=carl@contoso.example&status=pending');
    expect(toCarl.json().items).toHaveLength(2);
    const bySender = await get(admin, '/api/submissions?sender=billing@supplier.example');
    expect(bySender.json().items).toHaveLength(7);
    const window = await get(admin, `/api/submissions?createdAfter=${encodeURIComponent('2026-11-22T12:00:01Z')}&createdBefore=${encodeURIComponent('2026-11-22T12:00:03Z')}`);
    expect(window.json().items.length).toBeGreaterThan(0);
    for (const item of window.json().items as Array<{ createdDateTime: string }>) {
      expect(item.createdDateTime >= '2026-11-22T12:00:01.000Z' && item.createdDateTime < '2026-11-22T12:00:03.000Z').toBe(true);
    }
  });
});
