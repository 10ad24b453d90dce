/**
 * Bad input gets a clear 4xx and writes nothing: no row, no blob. Checked against the real
 * files behind the server after each refusal.
 */
import { invoiceReport } from '../helpers/reports';
import { countRows, startTestServer, type TestServer } from '../helpers/server';

describe('bad input', () => {
  let server: TestServer;
  let anna: string;
  let admin: string;
  beforeEach(async () => {
    server = await startTestServer('sqlite', { SECOND_LOOK_MAX_MESSAGE_BYTES: String(64 * 1024) });
    anna = await server.token('anna@contoso.example');
    admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
  });
  afterEach(async () => server.close());

  async function expectNothingWritten(): Promise<void> {
    const all = await server.app.inject({ method: 'GET', url: '/api/submissions', headers: { authorization: `Bearer ${admin}` } });
    expect(all.json().items).toEqual([]);
    expect(await countRows(server, 'message_blobs')).toBe(0);
  }

  const submit = (payload: string | object, headers: Record<string, string> = {}) =>
    server.app.inject({
      method: 'POST',
      url: '/api/submissions',
      headers: { authorization: `Bearer ${anna}`, 'content-type': 'application/json', ...headers },
      payload,
    });

  test.each([
    ['bad JSON', '{"category": "notJunk",', 400, /not valid JSON/],
    ['an empty body', '', 400, /JSON/],
    ['a missing field', (() => { const { sender: _s, ...rest } = invoiceReport(); return rest; })(), 400, /sender/],
    ['an unknown category', invoiceReport({ category: 'ham' as never }), 400, /category/],
    ['a bad sender address', invoiceReport({ sender: 'not an address' }), 400, /sender/],
    ['a bad recipient address', invoiceReport({ recipientEmailAddress: 'anna@' }), 400, /recipientEmailAddress/],
    ['a bad received time', invoiceReport({ receivedDateTime: 'yesterday' }), 400, /receivedDateTime/],
    ['an unknown property', { ...invoiceReport(), admin: true }, 400, /additional properties/],
    ['an EML that is not base64', invoiceReport({ message: 'this is not base64!!' }), 400, /not valid base64/],
    ['base64 that is not a message', invoiceReport({ message: Buffer.from('\r\n\r\njust a body').toString('base64') }), 400, /no header fields/],
    ['neither message nor headers', (() => { const { message: _m, ...rest } = invoiceReport(); return rest; })(), 400, /message.*headers/],
    ['headers that are not headers', (() => { const { message: _m, ...rest } = invoiceReport(); return { ...rest, headers: 'no colon here' }; })(), 400, /header field/],
    ['a message over the limit', invoiceReport({ message: Buffer.alloc(70 * 1024, 'a').toString('base64') }), 413, /limit/],
  ])('%s is refused with a clear 4xx, nothing written', async (_name, payload, status, message) => {
    const response = await submit(payload as string | object);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ statusCode: status, message: expect.stringMatching(message) });
    await expectNothingWritten();
  });

  test('a body over the transport limit is refused with 413 before it is read', async () => {
    const huge = JSON.stringify(invoiceReport({ message: 'A'.repeat(3 * 1024 * 1024) }));
    const response = await submit(huge);
    expect(response.statusCode).toBe(413);
    await expectNothingWritten();
  });

  test.each([
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['February 30th', '2026-02-30T09:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['an offset of 25 hours', '2026-01-01T10:00:00+25:00'],
  ])('receivedDateTime with %s: 400 naming the field, nothing written', async (_name, value) => {
    const response = await submit(invoiceReport({ receivedDateTime: value }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/receivedDateTime must be an RFC 3339 date-time/) });
    await expectNothingWritten();
  });

  test('a leap second in a list filter: 400, not 500', async () => {
    for (const field of ['createdAfter', 'createdBefore']) {
      const response = await server.app.inject({ method: 'GET', url: `/api/submissions?${field}=2026-12-31T23:59:60Z`, headers: { authorization: `Bearer ${admin}` } });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(new RegExp(`${field} must be an RFC 3339 date-time`));
    }
  });

  test('a non-JSON content type: 415', async () => {
    const response = await submit('category=notJunk', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.statusCode).toBe(415);
    await expectNothingWritten();
  });

  test('a bad Idempotency-Key: 400', async () => {
    const response = await submit(invoiceReport(), { 'idempotency-key': 'short' });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('idempotency-key');
    await expectNothingWritten();
  });

  test('bad query parameters and cursors: 400', async () => {
    const auth = { authorization: `Bearer ${admin}` };
    for (const url of ['/api/submissions?limit=0', '/api/submissions?limit=5000', '/api/submissions?category=ham', '/api/submissions?createdAfter=soon', '/api/submissions?cursor=garbage', '/api/submissions?what=1', '/api/submissions?limit=1e309', '/api/allow-block-entries?expiringWithinDays=1e400']) {
      const response = await server.app.inject({ method: 'GET', url, headers: auth });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
    }
  });

  test('an unknown submission: 404; an unknown route: 404 JSON', async () => {
    const auth = { authorization: `Bearer ${admin}` };
    expect((await server.app.inject({ method: 'GET', url: '/api/submissions/nope', headers: auth })).statusCode).toBe(404);
    const route = await server.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(route.statusCode).toBe(404);
    expect(route.json().code).toBe('no_route');
  });
});
