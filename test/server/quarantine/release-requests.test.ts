/**
 * Release requests and their answers, on SQLite and PostgreSQL: a request tells each admin the
 * Settings name once (in the transaction that records it, with a link to the message), asking
 * again tells no one, and with no one named nothing is mailed; the approve and deny notices are
 * written from the translated templates in the requester's language with the admin's comment,
 * or from the texts an admin saved in Settings (each notice checked for its own placeholders);
 * the admin detail shows each recipient's release delivery as the mail queue holds it.
 */
import { openDatabase } from '../../../src/server/store/database';
import { databaseKinds } from '../../helpers/databases';
import { plainMessage } from '../../helpers/quarantine';
import { invoiceReport } from '../../helpers/reports';
import { startTestServer, type TestServer } from '../../helpers/server';
import { startSmtpSink, type SinkOptions, type SmtpSink } from '../../helpers/smtp-sink';

const ANNA = 'anna@contoso.example';
const BO = 'bo@contoso.example';
const ADMINS = ['qa@contoso.example', 'secops@contoso.example'];

interface OutboxRow {
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  related_id: string | null;
  state: string;
}

describe.each(databaseKinds())('quarantine release requests and notices on %s', (kind) => {
  let server: TestServer | undefined;
  let sink: SmtpSink | undefined;
  let anna: string;
  let bo: string;
  let admin: string;
  let sa: string;

  async function start(sinkOptions: SinkOptions = {}): Promise<TestServer> {
    sink = await startSmtpSink(sinkOptions);
    server = await startTestServer(kind, { SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example', SECOND_LOOK_SMTP_PORT: 'off', SECOND_LOOK_SMTP_RELAY: sink.url });
    anna = await server.token(ANNA);
    bo = await server.token(BO);
    admin = await server.token('qa@contoso.example', ['QuarantineAdministrator']);
    sa = await server.token('sa@contoso.example', ['SecurityAdministrator']);
    return server;
  }
  afterEach(async () => {
    await server?.close();
    await sink?.close();
    server = undefined;
    sink = undefined;
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: object) =>
    server!.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) });

  /** Quarantines a malware message for `recipients` under a full-access policy (so they may request release); ids by recipient. */
  async function quarantine(recipients: string[], messageId = '<q@supplier.example>'): Promise<Record<string, string>> {
    const tagged = recipients.map((r) => r.replace('@', '+quarantine-malware@'));
    const outcome = await server!.app.quarantine.intake.intake({ bytes: plainMessage({ messageId }), recipients: tagged, source: 'http' });
    const ids = Object.fromEntries(outcome.items.map((i) => [i.recipient, i.id]));
    await withDb((db) => db.updateTable('quarantined_messages').set({ policy: 'DefaultFullAccessPolicy' }).where('id', 'in', Object.values(ids)).execute());
    return ids;
  }

  async function withDb<T>(work: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
    const db = openDatabase({ dataDir: server!.config.dataDir, databaseUrl: server!.config.databaseUrl });
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  }

  const outbox = (kindOf: string): Promise<OutboxRow[]> =>
    withDb((db) => db.selectFrom('mail_outbox').select(['kind', 'to_address', 'subject', 'text_body', 'related_id', 'state']).where('kind', '=', kindOf).orderBy('to_address').execute());

  async function setRequestRecipients(addresses: string[], noticeLanguage?: string): Promise<void> {
    const { modifiedDateTime: _m, modifiedBy: _b, ...policy } = (await call('GET', '/api/settings/policy', sa)).json();
    const saved = await call('PUT', '/api/settings/policy', sa, { ...policy, releaseRequestRecipients: addresses, ...(noticeLanguage ? { noticeLanguage } : {}) });
    expect(saved.statusCode).toBe(200);
  }

  test('a request tells each configured admin once, with who asked, what and a link; asking again tells no one', async () => {
    await start();
    await setRequestRecipients(ADMINS);
    const ids = await quarantine([ANNA]);
    const id = ids[ANNA]!;
    const first = await call('POST', `/api/me/quarantine/${id}/request-release`, anna);
    const second = await call('POST', `/api/me/quarantine/${id}/request-release`, anna);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);

    const notices = await outbox('quarantineRequestNotice');
    expect(notices.map((n) => n.to_address)).toEqual(ADMINS);
    for (const notice of notices) {
      expect(notice).toMatchObject({ related_id: id, state: 'queued', subject: 'Release requested: Invoice 2026-118' });
      expect(notice.text_body).toContain(`${ANNA} asked for the release of a quarantined message.`);
      expect(notice.text_body).toContain('Sender: billing@supplier.example');
      expect(notice.text_body).toContain('Quarantined as: Malware');
      expect(notice.text_body).toMatch(/Received: .+ UTC/);
      expect(notice.text_body).toContain(`${server!.config.publicUrl}/admin/quarantine/${id}`);
    }

    const audit = (await call('GET', `/api/audit?targetType=quarantinedMessage&targetId=${id}`, sa)).json().items as Array<{ action: string; detail: { notified?: string[] } }>;
    expect(audit.filter((a) => a.action === 'quarantine.releaseRequested').map((a) => a.detail.notified)).toEqual([ADMINS]);

    await server!.app.mailSender.runOnce();
    expect((await sink!.waitFor(2)).map((m) => m.to[0]).sort()).toEqual(ADMINS);
  });

  test('the organisation\'s notice language (Settings) writes the request to admins and the answer to a user who never reported', async () => {
    await start();
    await setRequestRecipients(['qa@contoso.example'], 'fr-FR');
    const ids = await quarantine([BO]);
    expect((await call('POST', `/api/me/quarantine/${ids[BO]}/request-release`, bo)).statusCode).toBe(200);
    const [toAdmin] = await outbox('quarantineRequestNotice');
    expect(toAdmin).toMatchObject({ to_address: 'qa@contoso.example', subject: 'Demande de libération : Invoice 2026-118' });
    expect(toAdmin!.text_body).toContain(`${BO} a demandé la libération d'un message en quarantaine.`);
    expect((await call('POST', `/api/quarantine/${ids[BO]}/release-request/deny`, admin)).statusCode).toBe(200);
    const [toBo] = await outbox('quarantineNotice');
    expect(toBo).toMatchObject({ to_address: BO, subject: 'Demande de libération refusée : Invoice 2026-118' });
  });

  test('with no one named in Settings, a request mails nothing', async () => {
    await start();
    const ids = await quarantine([ANNA]);
    expect((await call('POST', `/api/me/quarantine/${ids[ANNA]}/request-release`, anna)).json().item.releaseStatus).toBe('requested');
    expect(await outbox('quarantineRequestNotice')).toEqual([]);
    const audit = (await call('GET', `/api/audit?targetType=quarantinedMessage&targetId=${ids[ANNA]}`, sa)).json().items as Array<{ action: string; detail: { notified?: string[] } }>;
    expect(audit.find((a) => a.action === 'quarantine.releaseRequested')?.detail.notified).toEqual([]);
  });

  test('approve and deny notices are in the requester\'s language (the one they last reported in), with the comment', async () => {
    await start();
    // Anna last reported in Danish; Bo never reported: the organisation's language, en-US.
    expect((await call('POST', '/api/submissions', anna, invoiceReport({ locale: 'fr-FR', internetMessageId: '<old@supplier.example>' }))).statusCode).toBe(201);
    server!.clock.advance(60_000);
    expect((await call('POST', '/api/submissions', anna, invoiceReport({ locale: 'da-DK' }))).statusCode).toBe(201);
    const ids = await quarantine([ANNA, BO]);
    for (const [who, token] of [[ANNA, anna], [BO, bo]] as const) {
      expect((await call('POST', `/api/me/quarantine/${ids[who]}/request-release`, token)).statusCode).toBe(200);
    }
    expect((await call('POST', `/api/quarantine/${ids[ANNA]}/release-request/approve`, admin, { comment: 'Tjekket: fakturaen er ægte.' })).statusCode).toBe(200);
    expect((await call('POST', `/api/quarantine/${ids[BO]}/release-request/deny`, admin, { comment: 'This is malware.\r\nBcc: evil@example.com' })).statusCode).toBe(200);

    const [toAnna, toBo] = await outbox('quarantineNotice');
    expect(toAnna).toMatchObject({ to_address: ANNA, related_id: ids[ANNA], subject: 'Anmodning om frigivelse godkendt: Invoice 2026-118' });
    expect(toAnna!.text_body).toContain('Din anmodning om at frigive beskeden "Invoice 2026-118" fra billing@supplier.example');
    expect(toAnna!.text_body).toContain('En besked fra jeres sikkerhedsteam: Tjekket: fakturaen er ægte.');
    expect(toBo).toMatchObject({ to_address: BO, related_id: ids[BO], subject: 'Release request denied: Invoice 2026-118' });
    expect(toBo!.text_body).toContain('was denied. The message stays in quarantine until');
    expect(toBo!.text_body).toContain('A note from your security team: This is malware.');

    // The subject stays one line whatever the message's subject held; the comment stays in the body.
    await server!.app.mailSender.runOnce();
    const mails = await sink!.waitFor(3);
    const notice = mails.find((m) => m.to[0] === BO)!;
    const header = notice.raw.split('\r\n\r\n', 1)[0]!;
    expect(header).not.toMatch(/^Bcc:/im);
    expect(/^Subject: (.*)$/m.exec(header)?.[1]).toBe('Release request denied: Invoice 2026-118');
  });

  test('texts saved in Settings write the next notices: the request to admins and the answers, per language', async () => {
    await start();
    await setRequestRecipients(['qa@contoso.example']);
    const templates = (await call('GET', '/api/settings/templates', sa)).json();
    expect(templates.releaseApproved['da-DK']).toMatchObject({ custom: false, subject: 'Anmodning om frigivelse godkendt: {subject}' });
    expect(templates.releaseRequested['en-US']).toMatchObject({ custom: false, subject: 'Release requested: {subject}' });

    // Each notice has its own placeholders: a reviewed report's {reporterName} is not the request's.
    const wrong = await call('PUT', '/api/settings/templates/releaseRequested/en-US', sa, { subject: 'Hi {reporterName}', body: '{link}' });
    expect({ status: wrong.statusCode, code: wrong.json().code }).toEqual({ status: 400, code: 'unknownPlaceholder' });
    expect(wrong.json().message).toContain('{requester}');
    const notAKind = await call('PUT', '/api/settings/templates/releaseLost/en-US', sa, { subject: 'x', body: 'y' });
    expect(notAKind.statusCode).toBe(400);
    expect((await call('PUT', '/api/settings/templates/releaseApproved/en-US', admin, { subject: 'x', body: 'y' })).statusCode).toBe(403);

    const request = { subject: '[Quarantine] {requester} asks for {subject}', body: 'Reason: {reason}\nAnswer here: {link}\nUntil {expiresDateTime}' };
    expect((await call('PUT', '/api/settings/templates/releaseRequested/en-US', sa, request)).json()).toEqual({ ...request, custom: true });
    const approvedDa = { subject: 'Frigivet: {subject}', body: 'Hej,\n{subject} fra {sender} er frigivet.\n{adminMessage}\nVenlig hilsen IT' };
    expect((await call('PUT', '/api/settings/templates/releaseApproved/da-DK', sa, approvedDa)).statusCode).toBe(200);

    // The preview fills the saved text in from an example message.
    const preview = (await call('POST', '/api/settings/templates/preview', sa, { result: 'releaseRequested', locale: 'en-US' })).json();
    expect(preview).toMatchObject({ to: 'qa@contoso.example', subject: '[Quarantine] anna.berg@contoso.example asks for Invoice 4411 for November' });
    expect(preview.body).toContain('Reason: Phishing');
    expect((await call('POST', '/api/settings/templates/preview', sa, { result: 'releaseDenied', locale: 'en-US', submissionId: 'x' })).statusCode).toBe(400);

    expect((await call('POST', '/api/submissions', anna, invoiceReport({ locale: 'da-DK' }))).statusCode).toBe(201);
    const ids = await quarantine([ANNA]);
    expect((await call('POST', `/api/me/quarantine/${ids[ANNA]}/request-release`, anna)).statusCode).toBe(200);
    const [toAdmin] = await outbox('quarantineRequestNotice');
    expect(toAdmin).toMatchObject({ to_address: 'qa@contoso.example', subject: `[Quarantine] ${ANNA} asks for Invoice 2026-118` });
    expect(toAdmin!.text_body).toContain('Reason: Malware');
    expect(toAdmin!.text_body).toContain(`Answer here: ${server!.config.publicUrl ?? ''}`);

    expect((await call('POST', `/api/quarantine/${ids[ANNA]}/release-request/approve`, admin, { comment: 'OK' })).statusCode).toBe(200);
    const [toAnna] = await outbox('quarantineNotice');
    expect(toAnna).toMatchObject({ to_address: ANNA, subject: 'Frigivet: Invoice 2026-118' });
    expect(toAnna!.text_body).toBe('Hej,\nInvoice 2026-118 fra billing@supplier.example er frigivet.\nEn besked fra jeres sikkerhedsteam: OK\nVenlig hilsen IT\n');

    // Back to the built-in text: the next answer is the translated default again.
    expect((await call('DELETE', '/api/settings/templates/releaseApproved/da-DK', sa)).json()).toMatchObject({ custom: false, subject: 'Anmodning om frigivelse godkendt: {subject}' });
  });

  test('the detail shows each recipient\'s release delivery: queued, then sent or failed as the relay answered', async () => {
    await start({ refuseFirst: 1, refuseCode: 550 });
    const ids = await quarantine([ANNA, BO]);
    const detail = async (id: string) => (await call('GET', `/api/quarantine/${id}`, sa)).json();
    expect(await detail(ids[ANNA]!)).toMatchObject({ releaseDelivery: null, otherRecipients: [{ recipient: BO, releaseDelivery: null }] });

    // The settings cache has expired: the release reads them before its transaction (on SQLite a
    // read inside it would wait for the one connection the transaction holds).
    server!.clock.advance(60_000);
    // Anna's release is refused for good by the relay; Bo's, queued after, is accepted.
    expect((await call('POST', `/api/quarantine/${ids[ANNA]}/release`, admin, { recipients: [ANNA] })).statusCode).toBe(200);
    expect((await detail(ids[ANNA]!)).releaseDelivery).toMatchObject({ state: 'queued', attempts: 0, lastError: null, sentDateTime: null });
    await server!.app.mailSender.runOnce();
    expect((await call('POST', `/api/quarantine/${ids[ANNA]}/release`, admin, { recipients: [BO] })).statusCode).toBe(200);
    expect((await detail(ids[ANNA]!)).otherRecipients[0].releaseDelivery).toMatchObject({ state: 'queued', attempts: 0 });
    await server!.app.mailSender.runOnce();
    await sink!.waitFor(1);

    const after = await detail(ids[ANNA]!);
    expect(after.releaseDelivery).toMatchObject({ state: 'failed', attempts: 1, sentDateTime: null });
    expect(after.releaseDelivery.lastError).toContain('550');
    expect(after.otherRecipients).toEqual([expect.objectContaining({ recipient: BO, releaseStatus: 'released', releaseDelivery: expect.objectContaining({ state: 'sent', attempts: 1, lastError: null, sentDateTime: expect.any(String) }) })]);
    // Bo's own page names Anna's failed delivery among the others.
    expect((await detail(ids[BO]!)).otherRecipients[0].releaseDelivery).toMatchObject({ state: 'failed' });
  });
});
