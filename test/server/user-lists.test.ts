/** Safe Senders and Blocked Senders through the API, on SQLite and PostgreSQL. */
import { databaseKinds } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

describe.each(databaseKinds())('user lists on %s', (kind) => {
  let server: TestServer;
  let anna: string;
  beforeEach(async () => {
    server = await startTestServer(kind, { SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example', SECOND_LOOK_USER_LIST_LIMIT: '3' });
    anna = await server.token('anna@contoso.example');
  });
  afterEach(async () => server.close());

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, token: string, payload?: object) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

  test('add, list and remove a safe sender; IDN and case forms are one entry', async () => {
    const added = await call('POST', '/api/me/safe-senders', anna, { value: 'Billing@Bücher.example' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ value: 'billing@xn--bcher-kva.example', displayValue: 'billing@bücher.example', valueType: 'address' });

    const again = await call('POST', '/api/me/safe-senders', anna, { value: 'billing@xn--BCHER-kva.example' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('duplicate');

    server.clock.advance(1000); // listed in the order added
    const domain = await call('POST', '/api/me/safe-senders', anna, { value: 'supplier.example' });
    expect(domain.json().valueType).toBe('domain');

    const list = await call('GET', '/api/me/safe-senders', anna);
    expect(list.json()).toMatchObject({ used: 2, limit: 3 });
    expect(list.json().items.map((i: { value: string }) => i.value)).toEqual(['billing@xn--bcher-kva.example', 'supplier.example']);

    const removed = await call('DELETE', `/api/me/safe-senders/${encodeURIComponent('billing@bücher.example')}`, anna);
    expect(removed.statusCode).toBe(204);
    expect((await call('GET', '/api/me/safe-senders', anna)).json().used).toBe(1);
    expect((await call('DELETE', '/api/me/safe-senders/nobody%40example.com', anna)).statusCode).toBe(404);
  });

  test('the lists are separate per user and per list', async () => {
    await call('POST', '/api/me/blocked-senders', anna, { value: 'spam@bad.example' });
    const bob = await server.token('bob@contoso.example');
    expect((await call('GET', '/api/me/blocked-senders', bob)).json().items).toEqual([]);
    expect((await call('GET', '/api/me/safe-senders', anna)).json().items).toEqual([]);
    expect((await call('GET', '/api/me/blocked-senders', anna)).json().items).toHaveLength(1);
  });

  test('refusals are clear and write nothing: bad syntax, own domain, the limit', async () => {
    const bad = await call('POST', '/api/me/safe-senders', anna, { value: 'not an address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalidSyntax');

    const own = await call('POST', '/api/me/safe-senders', anna, { value: 'CONTOSO.example' });
    expect(own.statusCode).toBe(400);
    expect(own.json().code).toBe('ownAcceptedDomain');

    for (const value of ['a@one.example', 'b@two.example', 'c@three.example']) {
      expect((await call('POST', '/api/me/safe-senders', anna, { value })).statusCode).toBe(201);
    }
    const full = await call('POST', '/api/me/safe-senders', anna, { value: 'd@four.example' });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'limitReached', errors: [{ code: 'limitReached', used: 3, limit: 3 }] });
    expect(full.json().message).toContain('3 of 3');
    expect((await call('GET', '/api/me/safe-senders', anna)).json().used).toBe(3);
  });

  test('no token: 401', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/api/me/safe-senders' })).statusCode).toBe(401);
    expect((await server.app.inject({ method: 'POST', url: '/api/me/blocked-senders', payload: { value: 'a@b.example' } })).statusCode).toBe(401);
  });
});
