/**
 * "Mark as and notify" through the API, on SQLite and PostgreSQL: the review lands on the
 * report, a notice in the reporter's language is queued in the same transaction, the audit
 * trail has before and after, and a selection is marked whole or not at all.
 */
import { openDatabase } from '../../src/server/store/database';
import type { MailRow } from '../../src/server/store/mail-outbox-repo';
import { databaseKinds } from '../helpers/databases';
import { invoiceReport } from '../helpers/reports';
import { startTestServer, type TestServer } from '../helpers/server';

describe.each(databaseKinds())('reviewing user reports on %s', (kind) => {
  let server: TestServer;
  let admin: string;
  let reader: string;
  let anna: string;
  let bo: string;
  beforeEach(async () => {
    server = await startTestServer(kind, { SECOND_LOOK_NOTICE_SENDER: 'security@contoso.example' });
    admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    reader = await server.token('audit@contoso.example', ['SecurityReader']);
    anna = await server.token('anna@contoso.example');
    bo = await server.token('bo@contoso.example');
  });
  afterEach(async () => server.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: object) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  const report = async (token: string, overrides: Parameters<typeof invoiceReport>[0] = {}) => {
    const response = await call('POST', '/api/submissions', token, invoiceReport(overrides));
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  /** The queued mail, read over a second connection as the sender loop would. */
  const outbox = async (): Promise<MailRow[]> => {
    const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
    try {
      return await db.selectFrom('mail_outbox').selectAll().orderBy('created_date_time').orderBy('to_address').execute();
    } finally {
      await db.destroy();
    }
  };

  test('marking a report records the review and queues a notice in the reporter\'s language', async () => {
    const id = await report(anna, { locale: 'da-DK' });
    const marked = await call('POST', `/api/submissions/${id}/mark`, admin, { result: 'noThreatsFound', message: 'Det er vores leverandør.' });
    expect(marked.statusCode).toBe(200);
    const [outcome] = marked.json().items;
    expect(outcome).toMatchObject({ id, review: { result: 'noThreatsFound', message: 'Det er vores leverandør.', reviewedBy: 'secops@contoso.example', reviewedDateTime: '2026-11-22T12:00:00.000Z' } });
    expect(typeof outcome.noticeId).toBe('string');

    // The reporter sees the result on their own report (the add-in shows it).
    const mine = await call('GET', `/api/me/submissions`, anna);
    expect(mine.json().items[0]).toMatchObject({ id, status: 'succeeded', review: { result: 'noThreatsFound', message: 'Det er vores leverandør.' } });

    const [mail] = await outbox();
    expect(mail).toMatchObject({
      id: outcome.noticeId,
      kind: 'reviewNotice',
      from_address: 'security@contoso.example',
      to_address: 'anna@contoso.example',
      state: 'queued',
      related_id: id,
      subject: 'Din indberetning: "Faktura 2026-118 – forfalden" er sikker',
    });
    expect(mail?.text_body).toContain('fra billing@supplier.example, modtaget 22. november 2026');
    expect(mail?.text_body).toContain('En besked fra jeres sikkerhedsteam: Det er vores leverandør.');
    expect(mail?.text_body).toContain('Resultat: Ingen trusler fundet');
    expect(mail?.message_id).toMatch(/^<[0-9a-f-]{36}@contoso\.example>$/);

    const trail = (await call('GET', `/api/audit?targetType=submission`, reader)).json().items;
    expect(trail).toEqual([expect.objectContaining({ action: 'submission.marked', actor: 'secops@contoso.example', targetId: id, detail: { before: null, after: { result: 'noThreatsFound', message: 'Det er vores leverandør.' }, notified: true } })]);
  });

  test('without notify nothing is queued; a second mark records what it replaced', async () => {
    const id = await report(anna);
    expect((await call('POST', `/api/submissions/${id}/mark`, admin, { result: 'spam', notify: false })).statusCode).toBe(200);
    expect(await outbox()).toEqual([]);
    server.clock.advance(60_000);
    expect((await call('POST', `/api/submissions/${id}/mark`, admin, { result: 'phishing' })).statusCode).toBe(200);
    const [mail] = await outbox();
    expect(mail?.subject).toBe('Your report: "Faktura 2026-118 – forfalden" is phishing');
    expect(mail?.text_body).not.toContain('A note from your security team');
    const trail = (await call('GET', `/api/audit?targetType=submission`, admin)).json().items;
    expect(trail[0].detail).toMatchObject({ before: { result: 'spam', message: null }, after: { result: 'phishing' }, notified: true });
  });

  test('a selection is marked whole, each reporter told in their own language', async () => {
    const ids = [await report(anna, { locale: 'fr-CA' }), await report(bo, { locale: 'da-DK', internetMessageId: '<b@x>' }), await report(anna, { internetMessageId: '<c@x>' })];
    const marked = await call('POST', '/api/submissions/mark', admin, { ids, result: 'spam' });
    expect(marked.statusCode).toBe(200);
    expect(marked.json().items.map((i: { id: string }) => i.id)).toEqual(ids);
    const subjects = (await outbox()).map((m) => `${m.to_address}: ${m.subject}`).sort();
    expect(subjects).toEqual([
      'anna@contoso.example: Votre signalement : « Faktura 2026-118 – forfalden » est indésirable',
      'anna@contoso.example: Your report: "Faktura 2026-118 – forfalden" is spam',
      'bo@contoso.example: Din indberetning: "Faktura 2026-118 – forfalden" er spam',
    ]);
  });

  test('one id that is not a user report refuses the whole selection, and nothing is written', async () => {
    const id = await report(anna);
    const analysed = await call('POST', `/api/submissions/${id}/analyze`, admin);
    expect(analysed.statusCode).toBe(201);
    for (const other of ['no-such-report', analysed.json().id as string]) {
      const refused = await call('POST', '/api/submissions/mark', admin, { ids: [id, other], result: 'spam' });
      expect(refused.statusCode).toBe(404);
      expect(refused.json().message).toContain(other);
    }
    expect((await call('GET', `/api/submissions/${id}`, admin)).json().review).toBeNull();
    expect(await outbox()).toEqual([]);
    expect((await call('GET', `/api/audit?targetType=submission`, admin)).json().items).toEqual([]);
  });

  test('only a SecurityAdministrator marks; readers and reporters are refused', async () => {
    const id = await report(anna);
    for (const token of [reader, anna]) {
      expect((await call('POST', `/api/submissions/${id}/mark`, token, { result: 'spam' })).statusCode).toBe(403);
      expect((await call('POST', '/api/submissions/mark', token, { ids: [id], result: 'spam' })).statusCode).toBe(403);
    }
    expect((await call('POST', `/api/submissions/${id}/mark`, admin, { result: 'maybe' })).statusCode).toBe(400);
    expect((await call('POST', '/api/submissions/mark', admin, { ids: [], result: 'spam' })).statusCode).toBe(400);
    expect(await outbox()).toEqual([]);
  });

  test('a subject with line breaks cannot add a header to the notice', async () => {
    const id = await report(anna, { subject: 'Hello\r\nBcc: everyone@contoso.example\r\n\r\nforged body' });
    expect((await call('POST', `/api/submissions/${id}/mark`, admin, { result: 'spam' })).statusCode).toBe(200);
    const [mail] = await outbox();
    expect(mail?.subject).toBe('Your report: "Hello Bcc: everyone@contoso.example forged body" is spam');
    expect(mail?.subject).not.toMatch(/[\r\n]/);
    expect(mail?.text_body).toContain('"Hello Bcc: everyone@contoso.example forged body" from billing@supplier.example');
  });
});
