/**
 * Settings an admin saves in the portal, on SQLite and PostgreSQL: the policy (notice sender,
 * accepted domains, bulk threshold, actions) applies at once to the lists and decisions, the
 * notice templates to the next notice, each change is audited, and readers only read.
 */
import { openDatabase } from '../../src/server/store/database';
import { databaseKinds } from '../helpers/databases';
import { invoiceReport } from '../helpers/reports';
import { startTestServer, type TestServer } from '../helpers/server';

const POLICY = {
  noticeSender: 'Security@Contoso.example',
  acceptedDomains: ['contoso.example', 'CONTOSO.example', 'bücher.example'],
  releaseRequestRecipients: ['QA@Contoso.example', 'qa@contoso.example', 'secops@contoso.example'],
  noticeLanguage: 'da-DK',
  bulkThreshold: 5,
  actions: { spam: 'junk', highConfidenceSpam: 'quarantine', phishing: 'quarantine', bulk: 'quarantine', spoof: 'junk' },
};

describe.each(databaseKinds())('settings on %s', (kind) => {
  let server: TestServer;
  let admin: string;
  let reader: string;
  let anna: string;
  beforeEach(async () => {
    server = await startTestServer(kind);
    admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    reader = await server.token('audit@contoso.example', ['SecurityReader']);
    anna = await server.token('anna@contoso.example');
  });
  afterEach(async () => server.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: object) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

  test('the policy: the environment until saved, then the saved one, normalised and audited', async () => {
    const before = (await call('GET', '/api/settings/policy', reader)).json();
    expect(before).toMatchObject({ noticeSender: 'second-look@localhost.localdomain', acceptedDomains: [], releaseRequestRecipients: [], noticeLanguage: 'en-US', bulkThreshold: 7, modifiedDateTime: null, actions: { spam: 'junk', bulk: 'junk' } });

    const saved = await call('PUT', '/api/settings/policy', admin, POLICY);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ noticeSender: 'security@contoso.example', acceptedDomains: ['contoso.example', 'xn--bcher-kva.example'], releaseRequestRecipients: ['qa@contoso.example', 'secops@contoso.example'], noticeLanguage: 'da-DK', bulkThreshold: 5, modifiedBy: 'secops@contoso.example' });
    expect((await call('GET', '/api/settings/policy', reader)).json()).toEqual(saved.json());

    const [row] = (await call('GET', '/api/audit?targetType=settings', admin)).json().items;
    expect(row).toMatchObject({ action: 'settings.policyChanged', actor: 'secops@contoso.example', detail: { before: { bulkThreshold: 7 }, after: { bulkThreshold: 5 } } });
  });

  test('the saved policy applies at once: accepted domains in the lists, the threshold and actions in decisions', async () => {
    expect((await call('POST', '/api/me/safe-senders', anna, { value: 'contoso.example' })).statusCode).toBe(201);
    await call('PUT', '/api/settings/policy', admin, POLICY);
    const refused = await call('POST', '/api/me/blocked-senders', anna, { value: 'contoso.example' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('ownAcceptedDomain');

    const message = { senderAddress: 'news@shop.example', verdict: 'none', bcl: 6, authentication: { dmarc: 'pass' } };
    const decision = (await call('POST', '/api/decisions', admin, { message, recipient: 'anna@contoso.example' })).json();
    expect(decision).toMatchObject({ action: 'quarantine', reason: { code: 'verdictBulk', threshold: { value: 5, observed: 6 } } });
  });

  test('bad policies are refused with the field named, and nothing changes', async () => {
    for (const [body, code] of [
      [{ ...POLICY, noticeSender: 'not an address' }, 'validation_failed'],
      [{ ...POLICY, noticeSender: 'security@localhost' }, 'invalidNoticeSender'],
      [{ ...POLICY, acceptedDomains: ['192.0.2.1'] }, 'invalidAcceptedDomain'],
      [{ ...POLICY, releaseRequestRecipients: ['qa@contoso.example', 'not an address'] }, 'validation_failed'],
      [{ ...POLICY, releaseRequestRecipients: ['qa@localhost'] }, 'invalidReleaseRequestRecipient'],
      [{ ...POLICY, releaseRequestRecipients: undefined }, 'validation_failed'],
      [{ ...POLICY, noticeLanguage: 'de-DE' }, 'validation_failed'],
      [{ ...POLICY, noticeLanguage: undefined }, 'validation_failed'],
      [{ ...POLICY, bulkThreshold: 10 }, 'validation_failed'],
      [{ ...POLICY, actions: { ...POLICY.actions, spam: 'delete' } }, 'validation_failed'],
      [{ ...POLICY, extra: 1 }, 'validation_failed'],
    ] as const) {
      const response = await call('PUT', '/api/settings/policy', admin, body);
      expect({ status: response.statusCode, code: response.json().code }).toEqual({ status: 400, code });
    }
    expect((await call('GET', '/api/settings/policy', admin)).json().modifiedDateTime).toBeNull();
  });

  test('a report that recorded no language is answered in the organisation\'s notice language, the admin\'s words kept as written', async () => {
    expect((await call('PUT', '/api/settings/policy', admin, POLICY)).statusCode).toBe(200); // noticeLanguage da-DK
    const id = (await call('POST', '/api/submissions', anna, invoiceReport())).json().id as string;
    expect((await call('POST', `/api/submissions/${id}/mark`, admin, { result: 'spam', message: 'Price: $& and $1, as $\'' })).statusCode).toBe(200);
    const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
    try {
      const mail = await db.selectFrom('mail_outbox').select(['subject', 'text_body']).executeTakeFirstOrThrow();
      expect(mail.subject).toBe('Din indberetning: "Faktura 2026-118 – forfalden" er spam');
      expect(mail.text_body).toContain('Price: $& and $1, as $\'');
    } finally {
      await db.destroy();
    }
  });

  test('templates: built-in until saved, a saved one writes the next notice, reset goes back', async () => {
    const builtIn = (await call('GET', '/api/settings/templates', reader)).json();
    expect(builtIn.spam['da-DK']).toMatchObject({ custom: false, subject: 'Din indberetning: "{subject}" er spam' });

    const unknown = await call('PUT', '/api/settings/templates/spam/en-US', admin, { subject: 'Re: {subjet}', body: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'unknownPlaceholder', message: expect.stringContaining('{subjet}') });

    const template = { subject: 'Spam: {subject}', body: 'Hi {reporterName}, it was {result}.\n\n{adminMessage}\n\nThe security desk' };
    expect((await call('PUT', '/api/settings/templates/spam/en-US', admin, template)).json()).toEqual({ ...template, custom: true });
    expect((await call('PUT', '/api/settings/templates/spam/en-US', reader, template)).statusCode).toBe(403);

    const preview = await call('POST', '/api/settings/templates/preview', reader, { result: 'spam', locale: 'en-US' });
    expect(preview.json()).toEqual({ from: 'second-look@localhost.localdomain', to: 'anna.berg@contoso.example', subject: 'Spam: Invoice 4411 for November', body: 'Hi Anna Berg, it was Spam.\n\nThe security desk\n' });

    const id = (await call('POST', '/api/submissions', anna, invoiceReport())).json().id as string;
    const edited = await call('POST', '/api/settings/templates/preview', admin, { result: 'spam', locale: 'fr-FR', submissionId: id, message: 'Merci !', template: { subject: '{result}', body: '{adminMessage}' } });
    expect(edited.json()).toMatchObject({ to: 'anna@contoso.example', subject: 'Courrier indésirable', body: 'Un mot de votre équipe de sécurité : Merci !\n' });
    expect((await call('POST', '/api/settings/templates/preview', admin, { result: 'spam', locale: 'fr-FR', submissionId: 'missing' })).statusCode).toBe(404);

    await call('POST', `/api/submissions/${id}/mark`, admin, { result: 'spam' });
    const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
    try {
      const mail = await db.selectFrom('mail_outbox').select(['subject', 'text_body']).executeTakeFirstOrThrow();
      expect(mail).toEqual({ subject: 'Spam: Faktura 2026-118 – forfalden', text_body: 'Hi colleague, it was Spam.\n\nThe security desk\n' });
    } finally {
      await db.destroy();
    }

    expect((await call('DELETE', '/api/settings/templates/spam/en-US', admin)).json()).toMatchObject({ custom: false, subject: 'Your report: "{subject}" is spam' });
    const trail = (await call('GET', '/api/audit?targetType=settings', admin)).json().items.map((r: { action: string }) => r.action);
    expect(trail).toEqual(['settings.templateReset', 'settings.templateChanged']);
  });

  test('readers read, reporters are refused everything', async () => {
    for (const [method, url, body] of [
      ['GET', '/api/settings/policy', undefined],
      ['GET', '/api/settings/templates', undefined],
      ['POST', '/api/settings/templates/preview', { result: 'spam', locale: 'en-US' }],
      ['PUT', '/api/settings/policy', POLICY],
      ['DELETE', '/api/settings/templates/spam/en-US', undefined],
    ] as const) {
      expect((await call(method, url, anna, body)).statusCode).toBe(403);
    }
    expect((await call('PUT', '/api/settings/policy', reader, POLICY)).statusCode).toBe(403);
    expect((await call('DELETE', '/api/settings/templates/spam/en-US', reader)).statusCode).toBe(403);
  });
});
