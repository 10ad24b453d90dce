/**
 * POST /api/quarantine: the raw message in, recipients from X-Envelope-To or `recipient`, for
 * the QuarantineIntake role only; 201 after commit, 200 for a duplicate; bad input refused with
 * a clear 4xx (or stored safely), on SQLite and PostgreSQL.
 */
import { databaseKinds } from '../../helpers/databases';
import { eightBitGarbage, mimeBomb, plainMessage, storedQuarantine } from '../../helpers/quarantine';
import { startTestServer, type TestServer } from '../../helpers/server';

const LIMIT = 2_000_000;

describe.each(databaseKinds())('HTTP intake on %s', (kind) => {
  let server: TestServer;
  let intake: string;
  beforeEach(async () => {
    server = await startTestServer(kind, { SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example, fabrikam.example', SECOND_LOOK_SMTP_PORT: 'off', SECOND_LOOK_MAX_MESSAGE_BYTES: String(LIMIT) });
    intake = await server.token('mta@contoso.example', ['QuarantineIntake']);
  });
  afterEach(async () => server.close());

  const post = (body: Buffer | string, options: { token?: string; envelopeTo?: string; query?: string; contentType?: string } = {}) =>
    server.app.inject({
      method: 'POST',
      url: `/api/quarantine${options.query ?? ''}`,
      headers: {
        ...(options.token === '' ? {} : { authorization: `Bearer ${options.token ?? intake}` }),
        'content-type': options.contentType ?? 'message/rfc822',
        ...(options.envelopeTo === undefined ? {} : { 'x-envelope-to': options.envelopeTo }),
      },
      payload: body,
    });

  test('stores the message once for each recipient of X-Envelope-To and ?recipient=, 201; the same again is 200, a duplicate', async () => {
    const message = plainMessage({ extraHeaders: ['X-Spam-Status: Yes, score=8.1 required=5.0 tests=BAYES_99'] });
    const first = await post(message, { envelopeTo: '<anna@contoso.example>, bo@fabrikam.example', query: '?recipient=carol%2Bquarantine-malware%40contoso.example' });
    expect(first.statusCode).toBe(201);
    const body = first.json();
    expect(body).toMatchObject({ internetMessageId: '<inv-118@supplier.example>', stored: 3, duplicates: 0 });
    expect(body.messageSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(body.items).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{32}$/), recipient: 'anna@contoso.example', reason: 'spam', reasonBasis: 'headers', policy: 'DefaultFullAccessPolicy', expiresDateTime: '2026-12-22T12:00:00.000Z', duplicate: false },
      { id: expect.any(String), recipient: 'bo@fabrikam.example', reason: 'spam', reasonBasis: 'headers', policy: 'DefaultFullAccessPolicy', expiresDateTime: '2026-12-22T12:00:00.000Z', duplicate: false },
      { id: expect.any(String), recipient: 'carol@contoso.example', reason: 'malware', reasonBasis: 'envelopeTag', policy: 'AdminOnlyAccessPolicy', expiresDateTime: '2026-12-22T12:00:00.000Z', duplicate: false },
    ]);
    const stored = await storedQuarantine(server);
    expect(stored.rows).toHaveLength(3);
    expect(stored.blobs).toBe(1);
    expect(stored.rows.every((r) => r.source === 'http' && r.envelope_sender === '')).toBe(true);

    const again = await post(message, { envelopeTo: 'anna@contoso.example' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ stored: 0, duplicates: 1, items: [{ recipient: 'anna@contoso.example', duplicate: true, id: body.items[0].id }] });
  });

  test('only the QuarantineIntake role may hand messages over', async () => {
    const message = plainMessage();
    expect((await post(message, { token: '', envelopeTo: 'anna@contoso.example' })).statusCode).toBe(401);
    for (const roles of [[], ['SecurityAdministrator'], ['SecurityReader'], ['QuarantineAdministrator']] as const) {
      const token = await server.token('someone@contoso.example', [...roles]);
      const response = await post(message, { token, envelopeTo: 'anna@contoso.example' });
      expect({ roles, status: response.statusCode, code: response.json().code }).toEqual({ roles, status: 403, code: 'forbidden' });
    }
    expect((await storedQuarantine(server)).rows).toHaveLength(0);
  });

  test('recipients: none, a foreign domain or an unknown tag is a 400 naming each, and nothing is stored', async () => {
    const message = plainMessage();
    const none = await post(message);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'noRecipients', message: expect.stringContaining('name at least one envelope recipient') });
    const refused = await post(message, { envelopeTo: 'anna@contoso.example, eve@evil.example, bo+quarantine-x@contoso.example' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'recipientRefused',
      errors: [
        { code: 'notAcceptedDomain', recipient: 'eve@evil.example', message: expect.stringContaining('evil.example is not one of the organisation\'s accepted domains') },
        { code: 'unknownTag', recipient: 'bo+quarantine-x@contoso.example' },
      ],
    });
    const bad = await post(message, { query: '?recipient=not-an-address' });
    expect(bad.statusCode).toBe(400);
    expect((await storedQuarantine(server)).rows).toHaveLength(0);
  });

  test('bad input: 0 bytes and no headers are 400, too large 413, JSON 415; garbage and a MIME bomb are stored safely', async () => {
    const to = { envelopeTo: 'anna@contoso.example' };
    const empty = await post(Buffer.alloc(0), to);
    expect([empty.statusCode, empty.json().code]).toEqual([400, 'emptyMessage']);
    const noHeaders = await post('no header here, only words\r\n', to);
    expect([noHeaders.statusCode, noHeaders.json().code]).toEqual([400, 'noHeaders']);
    const garbageOnly = await post(eightBitGarbage(false), to);
    expect([garbageOnly.statusCode, garbageOnly.json().code]).toEqual([400, 'noHeaders']);
    const tooLarge = await post(Buffer.concat([plainMessage(), Buffer.alloc(LIMIT, 'a')]), to);
    expect([tooLarge.statusCode, tooLarge.json().code]).toEqual([413, 'too_large']);
    const json = await post(JSON.stringify({ message: 'x' }), { ...to, contentType: 'application/json' });
    expect(json.statusCode).toBe(415);

    const garbage = await post(eightBitGarbage(true), to);
    expect(garbage.statusCode).toBe(201);
    const started = Date.now();
    const bomb = await post(mimeBomb(), to);
    expect(bomb.statusCode).toBe(201);
    expect(Date.now() - started).toBeLessThan(10_000);
    const { rows } = await storedQuarantine(server);
    expect(rows.map((r) => r.internet_message_id).sort()).toEqual(['<bomb@attacker.example>', '<grbage@x>']);
  });

  test('the route is in the OpenAPI document', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/quarantine'].post).toMatchObject({ tags: ['quarantine'] });
  });
});
