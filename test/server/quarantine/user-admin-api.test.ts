/**
 * The quarantine after intake, through the API, on SQLite and PostgreSQL: each user sees only
 * their own messages (another user's id is 404, never data), every action is checked against
 * the policy (and the hard rule), release arrives exactly once at a real SMTP sink with one
 * added header and otherwise the original bytes, request-release is idempotent, admins list,
 * release, approve and deny (the requester gets a notice), and the retention purge.
 */
import { databaseKinds } from '../../helpers/databases';
import { plainMessage, storedQuarantine } from '../../helpers/quarantine';
import { startTestServer, type TestServer } from '../../helpers/server';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { openDatabase } from '../../../src/server/store/database';

const ANNA = 'anna@contoso.example';
const BO = 'bo@contoso.example';
const USER_ACTIONS = ['release', 'request-release', 'delete', 'block-sender', 'allow-sender', 'report'] as const;

describe.each(databaseKinds())('quarantine user and admin API on %s', (kind) => {
  let server: TestServer;
  let sink: SmtpSink;
  let anna: string;
  let bo: string;
  let admin: string;
  let reader: string;
  beforeEach(async () => {
    sink = await startSmtpSink();
    server = await startTestServer(kind, { SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example', SECOND_LOOK_SMTP_PORT: 'off', SECOND_LOOK_SMTP_RELAY: sink.url, SECOND_LOOK_QUARANTINE_RETENTION_DAYS: 'bulk:3' });
    anna = await server.token(ANNA);
    bo = await server.token(BO);
    admin = await server.token('qa@contoso.example', ['QuarantineAdministrator']);
    reader = await server.token('reader@contoso.example', ['SecurityReader']);
  });
  afterEach(async () => {
    await server.close();
    await sink.close();
  });

  /** Quarantines `message` for `recipients` (as spam unless a tag names the reason); returns the row ids by recipient. */
  async function quarantine(recipients: string[], message = plainMessage()): Promise<Record<string, string>> {
    const tagged = recipients.map((r) => (r.includes('+') ? r : r.replace('@', '+quarantine-spam@')));
    const outcome = await server.app.quarantine.intake.intake({ bytes: message, recipients: tagged, source: 'http' });
    return Object.fromEntries(outcome.items.map((i) => [i.recipient, i.id]));
  }
  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) });

  test('a user lists and reads only their own messages; another user\'s id is 404 on every route, never data', async () => {
    const ids = await quarantine([ANNA, BO]);
    const annaId = ids[ANNA]!;
    const list = await call('GET', '/api/me/quarantine', anna);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id: annaId, sender: 'billing@supplier.example', subject: 'Invoice 2026-118', reason: 'spam', releaseStatus: 'notReleased' })]);
    expect((await call('GET', '/api/me/quarantine', bo)).json().items.map((i: { id: string }) => i.id)).toEqual([ids[BO]]);

    for (const url of [`/api/me/quarantine/${annaId}`, ...USER_ACTIONS.map((a) => `/api/me/quarantine/${annaId}/${a}`)]) {
      const response = await call(url.endsWith(annaId) ? 'GET' : 'POST', url, bo);
      expect([url, response.statusCode]).toEqual([url, 404]);
      expect(response.body).not.toContain('Invoice');
    }
    // Nothing changed for Anna.
    const stored = await storedQuarantine(server);
    expect(stored.rows.map((r) => r.release_status)).toEqual(['notReleased', 'notReleased']);
    // Unknown ids and admin routes.
    expect((await call('GET', '/api/me/quarantine/nope', anna)).statusCode).toBe(404);
    expect((await call('GET', '/api/quarantine', anna)).statusCode).toBe(403);
    expect((await call('POST', `/api/quarantine/${annaId}/release`, reader)).statusCode).toBe(403);
  });

  test('policy matrix: each action allowed or refused on the server as the policy and the hard rule say', async () => {
    // spam → DefaultFullAccessPolicy: delete, preview, release, allow sender, view headers; no block sender, no request (release instead).
    const spam = (await quarantine([`anna+quarantine-spam@contoso.example`], plainMessage({ messageId: '<a@supplier.example>' })))[ANNA]!;
    const item = (await call('GET', `/api/me/quarantine/${spam}`, anna)).json();
    expect(item.actions).toEqual(['delete', 'preview', 'release', 'allowSender', 'viewHeaders']);
    expect(item.headers).toContain('Subject: Invoice 2026-118');
    const refused = await call('POST', `/api/me/quarantine/${spam}/block-sender`, anna);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'quarantine_action_not_allowed']);
    const noRequest = await call('POST', `/api/me/quarantine/${spam}/request-release`, anna);
    expect([noRequest.statusCode, noRequest.json().code]).toEqual([403, 'quarantine_action_not_allowed']);
    const allowed = await call('POST', `/api/me/quarantine/${spam}/allow-sender`, anna);
    expect([allowed.statusCode, allowed.json().listValue]).toEqual([200, 'billing@supplier.example']);
    const report = await call('POST', `/api/me/quarantine/${spam}/report`, anna, { category: 'notJunk' });
    expect(report.statusCode).toBe(200);
    expect(report.json().submissionId).toEqual(expect.any(String));
    const released = await call('POST', `/api/me/quarantine/${spam}/release`, anna);
    expect([released.statusCode, released.json().item.releaseStatus]).toEqual([200, 'released']);
    expect((await call('POST', `/api/me/quarantine/${spam}/release`, anna)).json().code).toBe('already_released');
    expect((await call('POST', `/api/me/quarantine/${spam}/delete`, anna)).statusCode).toBe(200);
    expect((await call('GET', `/api/me/quarantine/${spam}`, anna)).statusCode).toBe(404);

    // malware under a full-access policy: the hard rule leaves request release only.
    const malware = (await quarantine([`anna+quarantine-malware@contoso.example`], plainMessage({ messageId: '<m@supplier.example>' })))[ANNA]!;
    await setPolicy(malware, 'DefaultFullAccessPolicy');
    expect((await call('GET', `/api/me/quarantine/${malware}`, anna)).json().actions).toEqual(['delete', 'preview', 'requestRelease', 'allowSender', 'viewHeaders']);
    const hard = await call('POST', `/api/me/quarantine/${malware}/release`, anna);
    expect([hard.statusCode, hard.json().code]).toEqual([403, 'quarantine_hard_rule']);

    // AdminOnlyAccessPolicy (no notification): not visible to the recipient at all.
    const adminOnly = (await quarantine([`anna+quarantine-hcphish@contoso.example`], plainMessage({ messageId: '<h@supplier.example>' })))[ANNA]!;
    expect((await call('GET', `/api/me/quarantine/${adminOnly}`, anna)).statusCode).toBe(404);
    expect((await call('POST', `/api/me/quarantine/${adminOnly}/request-release`, anna)).statusCode).toBe(404);
    expect((await call('GET', '/api/me/quarantine', anna)).json().items.map((i: { id: string }) => i.id)).toEqual([malware]);

    const audit = await call('GET', '/api/audit?targetType=quarantinedMessage', await server.token('sa@contoso.example', ['SecurityAdministrator']));
    if (audit.statusCode === 200) {
      const actions = (audit.json().items as Array<{ action: string }>).map((a) => a.action).sort();
      expect(actions).toEqual(['quarantine.deleted', 'quarantine.released', 'quarantine.reported', 'quarantine.senderAllowed'].sort());
    }
  });

  async function setPolicy(id: string, policy: string): Promise<void> {
    const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
    try {
      await db.updateTable('quarantined_messages').set({ policy }).where('id', '=', id).execute();
    } finally {
      await db.destroy();
    }
  }

  test('release arrives exactly once at the relay, the original bytes with one X-Second-Look-Released line in front', async () => {
    const original = plainMessage({ messageId: '<r@supplier.example>' });
    const id = (await quarantine([ANNA], original))[ANNA]!;
    expect((await call('POST', `/api/me/quarantine/${id}/release`, anna)).statusCode).toBe(200);
    expect((await call('POST', `/api/me/quarantine/${id}/release`, anna)).statusCode).toBe(409);
    const run = await server.app.mailSender.runOnce();
    expect(run.sent).toHaveLength(1);
    expect((await server.app.mailSender.runOnce()).sent).toHaveLength(0);
    const [arrived] = await sink.waitFor(1);
    expect(sink.accepted).toHaveLength(1);
    expect(arrived!.to).toEqual([ANNA]);
    expect(arrived!.raw).toBe(`X-Second-Look-Released: ${id}; by=${ANNA}\r\n${original.toString('utf8')}`);
  });

  test('request release twice is one request; an admin approves (delivery + notice) or denies (notice)', async () => {
    const ids = await quarantine(['anna+quarantine-malware@contoso.example', 'bo+quarantine-malware@contoso.example'], plainMessage({ messageId: '<q@supplier.example>' }));
    for (const id of Object.values(ids)) await setPolicy(id, 'DefaultFullAccessPolicy');
    const first = await call('POST', `/api/me/quarantine/${ids[ANNA]}/request-release`, anna);
    const second = await call('POST', `/api/me/quarantine/${ids[ANNA]}/request-release`, anna);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(second.json().item).toEqual(first.json().item);
    expect(first.json().item.releaseStatus).toBe('requested');
    await call('POST', `/api/me/quarantine/${ids[BO]}/request-release`, bo);

    const requested = await call('GET', '/api/quarantine?releaseStatus=requested', reader);
    expect(requested.json().items.map((i: { recipient: string }) => i.recipient).sort()).toEqual([ANNA, BO]);

    const approve = await call('POST', `/api/quarantine/${ids[ANNA]}/release-request/approve`, admin);
    expect([approve.statusCode, approve.json().item.releaseStatus, approve.json().item.releaseDecidedBy]).toEqual([200, 'released', 'qa@contoso.example']);
    const deny = await call('POST', `/api/quarantine/${ids[BO]}/release-request/deny`, admin, { comment: 'This is malware.' });
    expect([deny.statusCode, deny.json().item.releaseStatus]).toEqual([200, 'denied']);
    expect((await call('POST', `/api/quarantine/${ids[BO]}/release-request/deny`, admin)).statusCode).toBe(409);

    await server.app.mailSender.runOnce();
    const mails = await sink.waitFor(3);
    const toAnna = mails.filter((m) => m.to[0] === ANNA);
    expect(toAnna.map((m) => /^Subject: (.*)$/m.exec(m.raw)?.[1]).sort()).toEqual(['Invoice 2026-118', 'Release request approved: Invoice 2026-118']);
    const toBo = mails.filter((m) => m.to[0] === BO);
    expect(toBo).toHaveLength(1);
    // The body is quoted-printable: its soft line breaks go before reading the text.
    const text = toBo[0]!.raw.replace(/=\r\n/g, '');
    expect(text).toContain('was denied. The message stays in quarantine until December 22, 2026');
    expect(text).toContain('A note from your security team: This is malware.');
  });

  test('admins list with filters, read, download, release to chosen recipients, delete', async () => {
    const ids = await quarantine([ANNA, BO, 'carol@contoso.example'], plainMessage({ messageId: '<x@supplier.example>', subject: 'Quarterly newsletter' }));
    const filtered = await call('GET', '/api/quarantine?subject=quarterly&senderDomain=supplier.example&limit=2', reader);
    expect(filtered.statusCode).toBe(200);
    expect(filtered.json().items).toHaveLength(2);
    const next = await call('GET', `/api/quarantine?subject=quarterly&senderDomain=supplier.example&limit=2&cursor=${encodeURIComponent(filtered.json().nextCursor)}`, reader);
    expect(next.json().items).toHaveLength(1);
    expect((await call('GET', `/api/quarantine?recipient=${BO}`, reader)).json().items.map((i: { id: string }) => i.id)).toEqual([ids[BO]]);

    const detail = await call('GET', `/api/quarantine/${ids[ANNA]}`, reader);
    expect(detail.json().otherRecipients).toHaveLength(2);
    const eml = await call('GET', `/api/quarantine/${ids[ANNA]}/message`, reader);
    expect(eml.headers['content-type']).toContain('message/rfc822');
    expect(eml.body).toContain('Subject: Quarterly newsletter');

    const release = await call('POST', `/api/quarantine/${ids[ANNA]}/release`, admin, { recipients: [ANNA, BO] });
    expect(release.statusCode).toBe(200);
    expect(release.json().released.map((r: { recipient: string }) => r.recipient).sort()).toEqual([ANNA, BO]);
    const rest = await call('POST', `/api/quarantine/${ids[ANNA]}/release`, admin);
    expect(rest.json().released.map((r: { recipient: string }) => r.recipient)).toEqual(['carol@contoso.example']);
    expect(rest.json().skipped).toHaveLength(2);
    expect((await call('POST', `/api/quarantine/${ids[ANNA]}/release`, admin, { recipients: ['dave@contoso.example'] })).statusCode).toBe(400);
    await server.app.mailSender.runOnce();
    expect((await sink.waitFor(3)).map((m) => m.to[0]).sort()).toEqual([ANNA, BO, 'carol@contoso.example']);

    expect((await call('POST', `/api/quarantine/${ids[BO]}/delete`, admin)).statusCode).toBe(204);
    expect((await call('GET', `/api/quarantine/${ids[BO]}`, reader)).statusCode).toBe(404);
  });

  test('retention purge: rows past their reason\'s retention go, with messages and band keys nothing else needs, and one audit row of counts', async () => {
    const shared = plainMessage({ messageId: '<s@supplier.example>' });
    const alone = plainMessage({ messageId: '<b@supplier.example>', subject: 'Weekly offers', body: 'Our weekly offers on garden furniture and barbecue equipment, only this week, while stocks last.' });
    await quarantine(['anna+quarantine-spam@contoso.example', 'bo+quarantine-bulk@contoso.example'], shared);
    await quarantine(['carol+quarantine-bulk@contoso.example'], alone);
    const before = await storedQuarantine(server);
    expect([before.rows.length, before.blobs]).toEqual([3, 2]);

    server.clock.advance(4 * 86_400_000);
    const first = await server.app.services.retention.purge();
    expect(first.quarantine).toMatchObject({ rows: 2, messages: 1 });
    const after = await storedQuarantine(server);
    expect(after.rows.map((r) => r.recipient)).toEqual([ANNA]);
    expect(after.blobs).toBe(1);
    expect(after.bands).toBeLessThan(before.bands);

    server.clock.advance(27 * 86_400_000);
    expect((await server.app.services.retention.purge()).quarantine).toMatchObject({ rows: 1, messages: 1 });
    expect(await storedQuarantine(server)).toEqual({ rows: [], blobs: 0, bands: 0 });
    expect((await server.app.services.retention.purge()).quarantine).toEqual({ rows: 0, messages: 0, bands: 0 });

    const audit = await call('GET', '/api/audit?targetType=retention&targetId=quarantine', await server.token('sa@contoso.example', ['SecurityAdministrator']));
    expect(audit.statusCode).toBe(200);
    const details = (audit.json().items as Array<{ action: string; detail: { rows: number; messages: number } }>).map((a) => [a.action, a.detail.rows, a.detail.messages]);
    expect(details.sort()).toEqual([['purge', 1, 1], ['purge', 2, 1]]);
  });

  test('a user\'s delete removes the stored message once no other recipient or queued release needs it', async () => {
    const ids = await quarantine([ANNA, BO], plainMessage({ messageId: '<d@supplier.example>' }));
    expect((await call('POST', `/api/me/quarantine/${ids[BO]}/release`, bo)).statusCode).toBe(200);
    expect((await call('POST', `/api/me/quarantine/${ids[ANNA]}/delete`, anna)).statusCode).toBe(200);
    expect((await call('POST', `/api/quarantine/${ids[BO]}/delete`, admin)).statusCode).toBe(204);
    // Bo's release is still queued: its message stays until it is sent.
    expect((await storedQuarantine(server)).blobs).toBe(1);
    await server.app.mailSender.runOnce();
    expect(await sink.waitFor(1)).toHaveLength(1);
  });
});
