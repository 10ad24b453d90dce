/** Submit for analysis and what-if through the API, on SQLite and PostgreSQL. */
import { databaseKinds } from '../helpers/databases';
import { INVOICE_EML, invoiceReport } from '../helpers/reports';
import { startTestServer, type TestServer } from '../helpers/server';

describe.each(databaseKinds())('analysis on %s', (kind) => {
  let server: TestServer;
  let admin: string;
  let reader: string;
  let anna: string;
  let reportId: string;
  beforeEach(async () => {
    server = await startTestServer(kind, { SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example' });
    admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    reader = await server.token('audit@contoso.example', ['SecurityReader']);
    anna = await server.token('anna@contoso.example');
    reportId = (await call('POST', '/api/submissions', anna, invoiceReport())).json().id;
  });
  afterEach(async () => server.close());

  function call(method: 'GET' | 'POST', url: string, token: string, payload?: object | Buffer, headers: Record<string, string> = {}) {
    return server.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(payload ? { payload } : {}) });
  }

  test('analysing a user submission creates a linked admin submission whose result is the verdict', async () => {
    const response = await call('POST', `/api/submissions/${reportId}/analyze`, admin);
    expect(response.statusCode).toBe(201);
    const analysed = response.json();
    expect(analysed).toMatchObject({ source: 'administrator', status: 'succeeded', originalSubmissionId: reportId, category: 'notJunk', sender: 'billing@supplier.example', createdBy: { email: 'secops@contoso.example' } });
    const verdict = analysed.result;
    expect(verdict.primaryCause.kind).toBe('senderAuthentication');
    const codes = (verdict.findings as Array<{ code: string; evidence: { header: string; value: string }; explanation: string }>).map((f) => f.code);
    expect(codes.length).toBeGreaterThan(0);
    for (const finding of verdict.findings as Array<{ evidence: { header: string; value: string }; explanation: string }>) {
      expect(finding.evidence.header.length).toBeGreaterThan(0);
      expect(finding.explanation.length).toBeGreaterThan(0);
    }
    expect(JSON.stringify(verdict.recommendations)).toContain('203.0.113.7');
    expect(verdict.now).toMatchObject({ action: 'junk' });
  });

  test('re-analysis after the lists change is a new result; the old one is kept', async () => {
    const first = (await call('POST', `/api/submissions/${reportId}/analyze`, admin)).json();
    await call('POST', '/api/allow-block-entries', admin, { value: 'supplier.example', action: 'block' });
    const second = (await call('POST', `/api/submissions/${reportId}/analyze`, admin)).json();
    expect(second.id).not.toBe(first.id);
    expect(first.result.now.action).toBe('junk');
    expect(second.result.now.action).toBe('quarantine');
    const history = (await call('GET', `/api/submissions?source=administrator`, admin)).json().items;
    expect(history.map((s: { id: string }) => s.id).sort()).toEqual([first.id, second.id].sort());
    const stored = (await call('GET', `/api/submissions/${first.id}`, admin)).json();
    expect(stored.result.now.action).toBe('junk');
  });

  test('the verdict speaks the language asked for', async () => {
    const danish = (await call('POST', `/api/submissions/${reportId}/analyze?lang=da-DK`, admin)).json();
    const english = (await call('POST', `/api/submissions/${reportId}/analyze`, admin)).json();
    expect(danish.result.findings[0].code).toBe(english.result.findings[0].code);
    expect(danish.result.findings[0].explanation).not.toBe(english.result.findings[0].explanation);
  });

  test('an uploaded .eml is analysed and kept with its exact bytes', async () => {
    const response = await call('POST', '/api/analyze', admin, INVOICE_EML, { 'content-type': 'message/rfc822' });
    expect(response.statusCode).toBe(201);
    const analysed = response.json();
    expect(analysed).toMatchObject({ source: 'administrator', status: 'succeeded', originalSubmissionId: null, sender: 'billing@supplier.example', internetMessageId: '<4f1c2a9e.118@supplier.example>', hasMessage: true });
    expect(analysed.subject).toBe('Faktura 2026-118 – forfalden');
    const eml = await call('GET', `/api/submissions/${analysed.id}/message`, admin);
    expect(Buffer.compare(eml.rawPayload, INVOICE_EML)).toBe(0);
  });

  test('what-if answers with today\'s lists and changes nothing', async () => {
    const before = await call('POST', `/api/submissions/${reportId}/what-if`, reader);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ message: { senderAddress: 'billing@supplier.example', verdict: 'spoof' }, decision: { action: 'junk' } });
    const allow = (await call('POST', '/api/allow-block-entries', admin, { value: 'billing@supplier.example', action: 'allow', expiration: { type: 'days', days: 7 }, submissionId: reportId })).json();
    const after = (await call('POST', `/api/submissions/${reportId}/what-if`, admin)).json();
    // SPF and DMARC failed: an allow entry does not act on unauthenticated mail, and says why.
    expect(after.decision.ignoredEntries).toEqual([expect.objectContaining({ entry: expect.objectContaining({ id: allow.id }), code: 'authenticationFailed' })]);
    expect(after.explanation.length).toBeGreaterThan(0);
    expect((await call('GET', `/api/allow-block-entries/${allow.id}`, admin)).json().lastUsedDateTime).toBeNull();
  });

  test('roles and bad input', async () => {
    expect((await call('POST', `/api/submissions/${reportId}/analyze`, reader)).statusCode).toBe(403);
    expect((await call('POST', `/api/submissions/${reportId}/analyze`, anna)).statusCode).toBe(403);
    expect((await call('POST', `/api/submissions/${reportId}/what-if`, anna)).statusCode).toBe(403);
    expect((await call('POST', '/api/analyze', reader, INVOICE_EML, { 'content-type': 'message/rfc822' })).statusCode).toBe(403);
    expect((await call('POST', '/api/submissions/nope/analyze', admin)).statusCode).toBe(404);
    expect((await call('POST', `/api/submissions/${reportId}/analyze?lang=de-DE`, admin)).statusCode).toBe(400);
    const notMail = await call('POST', '/api/analyze', admin, Buffer.from('\r\n\r\njust text'), { 'content-type': 'message/rfc822' });
    expect(notMail.statusCode).toBe(400);
    expect(notMail.json().message).toContain('no header fields');
    expect((await call('POST', '/api/analyze', admin, Buffer.alloc(0), { 'content-type': 'message/rfc822' })).statusCode).toBe(400);
    expect((await call('POST', '/api/analyze', admin, { a: 1 })).statusCode).toBe(415);
    const admins = (await call('GET', '/api/submissions?source=administrator', admin)).json().items;
    expect(admins).toEqual([]);
  });
});
