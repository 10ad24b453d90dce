/**
 * Limits on abuse: rate limits per principal and per client address, the daily report quota,
 * and load shedding. Each refusal is a 429 or 503 with Retry-After and a sentence saying when
 * to come back, and writes nothing.
 */
import { invoiceReport } from '../helpers/reports';
import { countRows, startTestServer, type TestServer } from '../helpers/server';

describe('rate limits', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer('sqlite', { SECOND_LOOK_RATE_LIMIT_PER_USER: '3', SECOND_LOOK_RATE_LIMIT_PER_IP: '2' });
  });
  afterEach(async () => server.close());

  test('a signed-in user past the limit gets 429 with Retry-After; another user does not', async () => {
    const anna = await server.token('anna@contoso.example');
    const bob = await server.token('bob@contoso.example');
    const get = (token: string) => server.app.inject({ method: 'GET', url: '/api/me/submissions', headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 3; i++) expect((await get(anna)).statusCode).toBe(200);
    const refused = await get(anna);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/at most 3 a minute from each signed-in user; try again in \d+ s/) });
    expect((await get(bob)).statusCode).toBe(200);
  });

  test('one user is one budget, on any number of devices and addresses', async () => {
    const anna = await server.token('anna@contoso.example');
    const statuses = [];
    for (const remoteAddress of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) {
      statuses.push((await server.app.inject({ method: 'GET', url: '/api/me/submissions', remoteAddress, headers: { authorization: `Bearer ${anna}` } })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  test('requests without a verified token are limited per client address', async () => {
    const from = (remoteAddress: string, headers: Record<string, string> = {}) => server.app.inject({ method: 'GET', url: '/healthz', remoteAddress, headers });
    expect((await from('198.51.100.7')).statusCode).toBe(200);
    expect((await from('198.51.100.7', { authorization: 'Bearer forged' })).statusCode).toBe(200);
    const refused = await from('198.51.100.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toMatch(/each client address without a token/);
    expect((await from('198.51.100.8')).statusCode).toBe(200);
  });

  test('a refused report writes nothing', async () => {
    const anna = await server.token('anna@contoso.example');
    for (let i = 0; i < 3; i++) await server.app.inject({ method: 'GET', url: '/api/me/submissions', headers: { authorization: `Bearer ${anna}` } });
    const refused = await server.app.inject({ method: 'POST', url: '/api/submissions', headers: { authorization: `Bearer ${anna}` }, payload: invoiceReport() });
    expect(refused.statusCode).toBe(429);
    expect(await countRows(server, 'submissions')).toBe(0);
  });
});

describe('the daily report quota', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer('sqlite', { SECOND_LOOK_SUBMISSIONS_PER_DAY: '2' });
  });
  afterEach(async () => server.close());

  const report = (token: string, n: number, key?: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/submissions',
      headers: { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
      payload: invoiceReport({ internetMessageId: `<quota-${n}@supplier.example>` }),
    });

  test('past the quota: 429 saying when it resets, with Retry-After, nothing written', async () => {
    const anna = await server.token('anna@contoso.example');
    expect((await report(anna, 1, 'quota-key-0001')).statusCode).toBe(201);
    expect((await report(anna, 2)).statusCode).toBe(201);
    const refused = await report(anna, 3);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'quota_exceeded', message: expect.stringContaining('resets at 2026-11-23T00:00:00.000Z (in 12 h 0 min)') });
    expect(refused.headers['retry-after']).toBe(String(12 * 3600));
    expect(await countRows(server, 'submissions')).toBe(2);
  });

  test('a retry of a report already made is answered, quota or not', async () => {
    const anna = await server.token('anna@contoso.example');
    await report(anna, 1, 'quota-key-0001');
    await report(anna, 2);
    const retried = await report(anna, 1, 'quota-key-0001');
    expect(retried.statusCode).toBe(200);
  });

  test('each user has their own quota, and it resets at midnight UTC', async () => {
    const anna = await server.token('anna@contoso.example');
    const bob = await server.token('bob@contoso.example');
    await report(anna, 1);
    await report(anna, 2);
    expect((await report(bob, 3)).statusCode).toBe(201);
    expect((await report(anna, 4)).statusCode).toBe(429);
    server.clock.advance(12 * 3600 * 1000);
    expect((await report(anna, 5)).statusCode).toBe(201);
  });
});

describe('load shedding', () => {
  test('past the memory ceiling, requests get 503 with Retry-After instead of a stalled server', async () => {
    const server = await startTestServer('sqlite', { SECOND_LOOK_MAX_HEAP_BYTES: '1' });
    try {
      // under-pressure samples memory once a second; wait for its first sample.
      const usage = server.app as unknown as { memoryUsage(): { heapUsed: number } };
      for (let i = 0; i < 300 && usage.memoryUsage().heapUsed === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      const response = await server.app.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('10');
      expect(response.json()).toMatchObject({ statusCode: 503, code: 'overloaded' });
    } finally {
      await server.close();
    }
  });
});
