/**
 * The audit trail through the API, on SQLite and PostgreSQL: every change by anyone, filtered
 * and searched, paged by cursor, and exported as CSV that a spreadsheet cannot run.
 */
import { parse } from 'csv-parse/sync';
import { safeCell } from '../../src/server/http/csv';
import { databaseKinds } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

describe.each(databaseKinds())('the audit trail on %s', (kind) => {
  let server: TestServer;
  let admin: string;
  let reader: string;
  let anna: string;
  beforeEach(async () => {
    server = await startTestServer(kind);
    admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    reader = await server.token('audit@contoso.example', ['SecurityReader']);
    anna = await server.token('anna@contoso.example');
    // Three changes by two people: a block entry with a note a spreadsheet would run, an allow, a safe sender.
    await call('POST', '/api/allow-block-entries', admin, { value: 'spam.example', action: 'block', expiration: { type: 'never' }, note: '=HYPERLINK("http://evil.example","open")' });
    server.clock.advance(1000);
    await call('POST', '/api/allow-block-entries', admin, { value: 'billing@supplier.example', action: 'allow', expiration: { type: 'days', days: 7 }, note: '+1 supplier' });
    server.clock.advance(1000);
    await call('POST', '/api/me/safe-senders', anna, { value: 'news@letters.example' });
  });
  afterEach(async () => server.close());

  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object, headers: Record<string, string> = {}) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(payload ? { payload } : {}) });
  const actions = async (query: string) => (await call('GET', `/api/audit?${query}`, reader)).json().items.map((r: { actor: string; targetId: string }) => `${r.actor} ${r.targetId.slice(0, 60)}`);

  test('filters by actor, action, target, period and text, newest first', async () => {
    expect(await actions('actor=ANNA@contoso.example')).toEqual(['anna@contoso.example anna@contoso.example:news@letters.example']);
    expect((await actions('action=create')).length).toBe(2);
    expect(await actions('q=LETTERS.example')).toEqual(['anna@contoso.example anna@contoso.example:news@letters.example']);
    expect(await actions('q=evil.example')).toHaveLength(1);
    expect(await actions('q=100%25_')).toEqual([]);
    expect(await actions('after=2026-11-22T12:00:01.000Z&before=2026-11-22T12:00:02.000Z')).toHaveLength(1);
    expect((await call('GET', '/api/audit?after=2026-13-01T00:00:00Z', reader)).statusCode).toBe(400);
  });

  test('pages by cursor without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: number }>; nextCursor: string | null } = (await call('GET', `/api/audit?limit=1${cursor ? `&cursor=${cursor}` : ''}`, reader)).json();
      seen.push(...page.items.map((r: { id: number }) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect((await call('GET', '/api/audit?cursor=abc', reader)).statusCode).toBe(400);
  });

  test('the CSV export has every matching row, and no cell a spreadsheet would run', async () => {
    const response = await call('GET', '/api/audit?targetType=allowBlockEntry', reader, undefined, { accept: 'text/csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="second-look-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parse(response.body) as string[][];
    expect(rows[0]).toEqual(['id', 'at', 'actor', 'action', 'targetType', 'targetId', 'detail']);
    expect(rows).toHaveLength(3);
    const details = rows.slice(1).map((r) => r[6] ?? '');
    expect(details.every((d) => !/^[=+\-@]/.test(d))).toBe(true);
    expect(details.join('\n')).toContain('=HYPERLINK');
    // JSON stays the default.
    expect((await call('GET', '/api/audit', reader, undefined, { accept: 'application/json, text/csv' })).json().items).toHaveLength(3);
  });

  test('a value that starts like a formula is written as text in its own cell', async () => {
    const response = await call('GET', `/api/audit?q=${encodeURIComponent('+1 supplier')}`, reader, undefined, { accept: 'text/csv' });
    const [, row] = parse(response.body) as string[][];
    expect(row?.[6]?.startsWith('{')).toBe(true);
    expect(['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx', 'ok', '', null].map(safeCell)).toEqual(["'=1+1", "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", 'ok', '', '']);
  });

  test('readers read it; reporters are refused it in both forms', async () => {
    expect((await call('GET', '/api/audit', anna)).statusCode).toBe(403);
    expect((await call('GET', '/api/audit', anna, undefined, { accept: 'text/csv' })).statusCode).toBe(403);
    expect((await call('GET', '/api/audit', admin)).statusCode).toBe(200);
  });
});
