/** The Tenant Allow/Block List through the API, on SQLite and PostgreSQL. */
import { main } from '../../src/cli';
import { databaseKinds } from '../helpers/databases';
import { invoiceReport } from '../helpers/reports';
import { startTestServer, type TestServer } from '../helpers/server';

const DAY = 86_400_000;

describe.each(databaseKinds())('tenant allow/block list on %s', (kind) => {
  let server: TestServer;
  let admin: string;
  let reader: string;
  let user: string;
  beforeEach(async () => {
    server = await startTestServer(kind, { SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example', SECOND_LOOK_TENANT_ALLOW_LIMIT: '9' });
    admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    reader = await server.token('audit@contoso.example', ['SecurityReader']);
    user = await server.token('anna@contoso.example');
  });
  afterEach(async () => server.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token: string, payload?: object) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  const count = async () => (await call('GET', '/api/allow-block-entries?limit=200', admin)).json().items.length as number;

  test('create, read, update and delete, each recorded in the audit trail', async () => {
    const created = await call('POST', '/api/allow-block-entries', admin, { value: 'billing@supplier.example', action: 'allow', expiration: { type: 'days', days: 7 }, note: 'INC-4411 supplier invoices' });
    expect(created.statusCode).toBe(201);
    const entry = created.json();
    expect(entry).toMatchObject({
      value: 'billing@supplier.example',
      action: 'allow',
      source: 'direct',
      expiration: { type: 'days', days: 7 },
      expirationDateTime: '2026-11-29T12:00:00.000Z',
      createdBy: 'secops@contoso.example',
      lastUsedDateTime: null,
    });

    expect((await call('GET', `/api/allow-block-entries/${entry.id}`, reader)).statusCode).toBe(200);
    server.clock.advance(DAY);
    const patched = await call('PATCH', `/api/allow-block-entries/${entry.id}`, admin, { expiration: { type: 'days', days: 30 } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ expirationDateTime: '2026-12-23T12:00:00.000Z', modifiedDateTime: '2026-11-23T12:00:00.000Z', note: 'INC-4411 supplier invoices' });

    expect((await call('DELETE', `/api/allow-block-entries/${entry.id}`, admin)).statusCode).toBe(204);
    expect((await call('GET', `/api/allow-block-entries/${entry.id}`, admin)).statusCode).toBe(404);

    const trail = await call('GET', '/api/audit?targetType=allowBlockEntry', reader);
    expect(trail.json().items.map((r: { action: string; actor: string }) => `${r.action} by ${r.actor}`)).toEqual([
      'delete by secops@contoso.example',
      'update by secops@contoso.example',
      'create by secops@contoso.example',
    ]);
  });

  test('the rules: allow must expire within 30 days, last-used needs a submission, block may be never', async () => {
    const forever = await call('POST', '/api/allow-block-entries', admin, { value: 'supplier.example', action: 'allow', expiration: { type: 'never' } });
    expect(forever.statusCode).toBe(400);
    expect(forever.json().code).toBe('neverExpiryBlockOnly');
    const lastUsed = await call('POST', '/api/allow-block-entries', admin, { value: 'supplier.example', action: 'allow', expiration: { type: 'afterLastUsed' } });
    expect(lastUsed.json().code).toBe('lastUsedRuleNeedsSubmission');

    const submission = await call('POST', '/api/submissions', user, invoiceReport());
    const fromSubmission = await call('POST', '/api/allow-block-entries', admin, { value: 'supplier.example', action: 'allow', expiration: { type: 'afterLastUsed' }, submissionId: submission.json().id });
    expect(fromSubmission.statusCode).toBe(201);
    expect(fromSubmission.json()).toMatchObject({ source: 'submission', expiration: { type: 'afterLastUsed', days: 45 }, expirationDateTime: '2027-01-06T12:00:00.000Z' });

    const block = await call('POST', '/api/allow-block-entries', admin, { value: '*.spam.example', action: 'block', expiration: { type: 'never' } });
    expect(block.statusCode).toBe(201);
    expect(block.json().expirationDateTime).toBeNull();
  });

  test.each([
    ['an invalid address', { value: 'bad@@example', action: 'allow', expiration: { type: 'days', days: 1 } }, 400, 'invalidSyntax'],
    ['an own accepted domain', { value: 'contoso.example', action: 'allow', expiration: { type: 'days', days: 1 } }, 400, 'ownAcceptedDomain'],
    ['a note over 500 characters', { value: 'a@supplier.example', action: 'block', note: 'x'.repeat(501) }, 400, 'validation_failed'],
    ['an expiry date in the past', { value: 'a@supplier.example', action: 'block', expiration: { type: 'date', date: '2026-11-01T00:00:00Z' } }, 400, 'expiryInPast'],
    ['an allow 31 days out', { value: 'a@supplier.example', action: 'allow', expiration: { type: 'date', date: '2026-12-24T00:00:00Z' } }, 400, 'expiryTooFar'],
    ['an unknown submission', { value: 'a@supplier.example', action: 'allow', submissionId: 'nope' }, 404, 'not_found'],
  ])('%s is refused with a clear 4xx, nothing written', async (_name, payload, status, code) => {
    const response = await call('POST', '/api/allow-block-entries', admin, payload);
    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(code);
    expect(await count()).toBe(0);
  });

  test('duplicates are refused; block beats allow is visible in the health report', async () => {
    await call('POST', '/api/allow-block-entries', admin, { value: 'billing@supplier.example', action: 'allow', expiration: { type: 'days', days: 30 } });
    const dup = await call('POST', '/api/allow-block-entries', admin, { value: 'BILLING@supplier.example', action: 'allow', expiration: { type: 'days', days: 1 } });
    expect(dup.statusCode).toBe(409);
    await call('POST', '/api/allow-block-entries', admin, { value: 'supplier.example', action: 'block' });
    const health = await call('GET', '/api/allow-block-entries/health', reader);
    expect(health.statusCode).toBe(200);
    expect(health.json().shadowedAllows).toEqual([
      { allow: expect.objectContaining({ value: 'billing@supplier.example' }), block: expect.objectContaining({ value: 'supplier.example' }) },
    ]);
  });

  test('bulk create reports each line and honours the limit', async () => {
    const text = ['# suppliers', 'a@supplier.example', 'b@supplier.example', 'not valid', 'a@supplier.example', '', 'contoso.example', ...Array.from({ length: 8 }, (_, i) => `x${i}@other.example`)].join('\n');
    const response = await call('POST', '/api/allow-block-entries/bulk', admin, { text, action: 'allow', expiration: { type: 'days', days: 30 } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const outcome = (line: number) => body.results.find((r: { line: number }) => r.line === line);
    expect(outcome(2).outcome).toBe('created');
    expect(outcome(4).errors[0].code).toBe('invalidSyntax');
    expect(outcome(5).errors[0].code).toBe('duplicate');
    expect(outcome(7).errors[0].code).toBe('ownAcceptedDomain');
    expect(body.results.filter((r: { errors?: Array<{ code: string }> }) => r.errors?.[0]?.code === 'limitReached')).toHaveLength(1);
    expect(body.created).toBe(9);
    expect(await count()).toBe(9);
    const health = await call('GET', '/api/allow-block-entries/health', admin);
    expect(health.json().domainSuggestions).toEqual([expect.objectContaining({ domain: 'other.example', addressCount: 7 })]);
  });

  test('list filters: type, action, expiring within, never used, search; and cursor paging', async () => {
    await call('POST', '/api/allow-block-entries', admin, { value: 'billing@supplier.example', action: 'allow', expiration: { type: 'days', days: 1 }, note: 'invoices' });
    server.clock.advance(1000);
    await call('POST', '/api/allow-block-entries', admin, { value: 'supplier.example', action: 'allow', expiration: { type: 'days', days: 30 } });
    server.clock.advance(1000);
    await call('POST', '/api/allow-block-entries', admin, { value: 'bücher.example', action: 'block' });
    const values = async (query: string) => (await call('GET', `/api/allow-block-entries?${query}`, reader)).json().items.map((e: { value: string }) => e.value);
    expect(await values('type=address')).toEqual(['billing@supplier.example']);
    expect(await values('action=block')).toEqual(['xn--bcher-kva.example']);
    expect(await values('expiringWithinDays=2')).toEqual(['billing@supplier.example']);
    expect(await values('neverUsed=true')).toHaveLength(3);
    expect(await values('search=INVOICES')).toEqual(['billing@supplier.example']);
    expect(await values('search=bücher')).toEqual(['xn--bcher-kva.example']);
    const first = (await call('GET', '/api/allow-block-entries?limit=2', reader)).json();
    expect(first.items).toHaveLength(2);
    const second = (await call('GET', `/api/allow-block-entries?limit=2&cursor=${first.nextCursor}`, reader)).json();
    expect([...first.items, ...second.items].map((e: { value: string }) => e.value)).toEqual(['xn--bcher-kva.example', 'supplier.example', 'billing@supplier.example']);
    expect(second.nextCursor).toBeNull();
    const garbage = await call('GET', '/api/allow-block-entries?cursor=garbage', reader);
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().code).toBe('invalid_cursor');
  });

  test('roles: readers and users cannot change; users cannot read', async () => {
    const body = { value: 'a@supplier.example', action: 'block' };
    expect((await call('POST', '/api/allow-block-entries', reader, body)).statusCode).toBe(403);
    expect((await call('POST', '/api/allow-block-entries', user, body)).statusCode).toBe(403);
    expect((await call('GET', '/api/allow-block-entries', user)).statusCode).toBe(403);
    expect((await call('GET', '/api/allow-block-entries/health', user)).statusCode).toBe(403);
    expect((await call('POST', '/api/allow-block-entries/bulk', reader, { text: 'a@b.example', action: 'block' })).statusCode).toBe(403);
    expect((await call('GET', '/api/audit', user)).statusCode).toBe(403);
    expect(await count()).toBe(0);
  });

  test('expired entries are swept with an audit row each', async () => {
    const entry = (await call('POST', '/api/allow-block-entries', admin, { value: 'billing@supplier.example', action: 'allow', expiration: { type: 'days', days: 1 } })).json();
    expect(await server.app.services.entries.expire()).toEqual([]);
    server.clock.advance(2 * DAY);
    const removed = await server.app.services.entries.expire();
    expect(removed.map((e) => e.id)).toEqual([entry.id]);
    const trail = (await call('GET', '/api/audit?targetType=allowBlockEntry', admin)).json().items;
    expect(trail[0]).toMatchObject({ action: 'expire', actor: 'system:expiry', targetId: entry.id });
  });

  test('a live decision names the entry and records its use; a what-if style read does not', async () => {
    const allow = (await call('POST', '/api/allow-block-entries', admin, { value: 'supplier.example', action: 'allow', expiration: { type: 'days', days: 30 } })).json();
    const message = { senderAddress: 'billing@supplier.example', authentication: { spf: 'pass', dkim: 'pass', dmarc: 'pass', compauth: 'pass' }, verdict: 'spam' };
    const decision = await call('POST', '/api/decisions', admin, { message, recipient: 'anna@contoso.example' });
    expect(decision.statusCode).toBe(200);
    expect(decision.json()).toMatchObject({ action: 'inbox', reason: { code: 'tenantAllow', entry: { id: allow.id, list: 'tenantAllow' } }, usedTenantEntryIds: [allow.id] });
    expect((await call('GET', `/api/allow-block-entries/${allow.id}`, admin)).json().lastUsedDateTime).toBe('2026-11-22T12:00:00.000Z');
    expect((await call('POST', '/api/decisions', reader, { message })).statusCode).toBe(403);

    // Decisions reuse a built index until the list changes; a change in the same instant counts.
    await call('DELETE', `/api/allow-block-entries/${allow.id}`, admin);
    const block = (await call('POST', '/api/allow-block-entries', admin, { value: 'supplier.example', action: 'block' })).json();
    const after = (await call('POST', '/api/decisions', admin, { message })).json();
    expect(after).toMatchObject({ action: 'quarantine', reason: { code: 'tenantBlock', entry: { id: block.id } } });
    expect((await call('POST', '/api/decisions', admin, { message: { ...message, verdict: 'ham' } })).statusCode).toBe(400);
  });
});

describe('second-look lists expire --now', () => {
  test('removes what has expired and says so', async () => {
    const server = await startTestServer('sqlite', {}, { realClock: true });
    const admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    await server.app.inject({ method: 'POST', url: '/api/allow-block-entries', headers: { authorization: `Bearer ${admin}` }, payload: { value: 'a@supplier.example', action: 'block', expiration: { type: 'never' } } });
    const dataDir = server.config.dataDir;
    await server.app.close();
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(`ERR ${t}`) };
    expect(await main(['lists', 'expire', '--now'], io, { SECOND_LOOK_DATA: dataDir, SECOND_LOOK_DEV_CERTS: 'off' })).toBe(0);
    expect(out).toEqual(['no allow/block entries have expired']);
    expect(await main(['lists', 'expire'], io, { SECOND_LOOK_DATA: dataDir, SECOND_LOOK_DEV_CERTS: 'off' })).toBe(2);
    expect(out[1]).toContain('--now');
    await server.close().catch(() => undefined);
  });
});
