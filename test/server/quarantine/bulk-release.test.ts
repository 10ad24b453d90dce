/**
 * Bulk release and release + submit + allow, through the API, on SQLite and PostgreSQL: the dry
 * run's exact set over more than 100 members (no cap) by each kind of similarity, risk flags
 * with include and exclude, a job releasing every selected member exactly once at a real SMTP
 * sink, a job resumed by another instance after its lease ran out delivering nothing twice,
 * roles, and release + submit + allow creating all three after a dry run listing the others.
 */
import { databaseKinds } from '../../helpers/databases';
import { plainMessage } from '../../helpers/quarantine';
import { startTestServer, type TestServer } from '../../helpers/server';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';

const NEWS = 'news@letters.example';

describe.each(databaseKinds())('quarantine bulk release on %s', (kind) => {
  let server: TestServer;
  let sink: SmtpSink;
  let admin: string;
  let qadmin: string;
  let reader: string;
  let user: string;
  beforeEach(async () => {
    sink = await startSmtpSink();
    server = await startTestServer(kind, { SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example', SECOND_LOOK_SMTP_PORT: 'off', SECOND_LOOK_SMTP_RELAY: sink.url });
    admin = await server.token('sa@contoso.example', ['SecurityAdministrator']);
    qadmin = await server.token('qa@contoso.example', ['QuarantineAdministrator']);
    reader = await server.token('reader@contoso.example', ['SecurityReader']);
    user = await server.token('anna@contoso.example');
  });
  afterEach(async () => {
    await server.close();
    await sink.close();
  });

  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) });

  /** Quarantines a message from `from` for `recipients` (reason from the tag, spam by default); returns the row ids in recipient order. */
  async function quarantine(n: number, options: { from?: string; subject?: string; body?: string; recipients?: string[]; reason?: string; extraHeaders?: string[] } = {}): Promise<string[]> {
    const from = options.from ?? NEWS;
    const bytes = Buffer.from(plainMessage({ messageId: `<m${n}-${from}>`, subject: options.subject ?? `Issue ${n}`, body: options.body ?? `Unique body ${n} ${'word'.repeat(n % 7)} text number ${n * 7919}`, ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}) })
      .toString('latin1').replace('From: "Billing" <billing@supplier.example>', `From: <${from}>`), 'latin1');
    const recipients = (options.recipients ?? [`user${n}@contoso.example`]).map((r) => r.replace('@', `+quarantine-${options.reason ?? 'spam'}@`));
    const outcome = await server.app.quarantine.intake.intake({ bytes, recipients, source: 'http' });
    return outcome.items.map((i) => i.id);
  }

  const newsletter = (n: number) => `Weekly letters digest: the garden club meets on Thursday, bring seeds and tools; the library has new books about birds and rivers; issue ${n}.`;

  test('the dry run answers the exact set over more than 100 members, by sender, domain, subject and fingerprint', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 110; i++) ids.push(...await quarantine(i, { body: newsletter(i), subject: i % 50 === 0 ? 'Hello THERE' : `Issue ${i}` }));
    await quarantine(500, { from: 'other@letters.example', subject: 'hello there', body: 'Something else entirely, about invoices and payment terms and nothing like gardens.' });
    await quarantine(501, { from: 'x@elsewhere.example', subject: 'Unrelated', body: 'Completely different words: turbines, engines, pistons, gearboxes and oil pressure readings today.' });

    const bySender = await call('POST', '/api/quarantine/bulk-release', qadmin, { similarTo: ids[0], by: 'sender', dryRun: true });
    expect(bySender.statusCode).toBe(200);
    const preview = bySender.json();
    expect([preview.total, preview.selectedCount, preview.riskyCount]).toEqual([110, 110, 0]);
    expect(new Set(preview.members.map((m: { id: string }) => m.id))).toEqual(new Set(ids));

    const byDomain = (await call('POST', '/api/quarantine/bulk-release', qadmin, { similarTo: ids[0], by: 'senderDomain', dryRun: true })).json();
    expect(byDomain.total).toBe(111);
    const bySubject = (await call('POST', '/api/quarantine/bulk-release', qadmin, { similarTo: ids[0], by: 'subject', dryRun: true })).json();
    expect(bySubject.members.map((m: { subject: string }) => m.subject).sort()).toEqual(['Hello THERE', 'Hello THERE', 'Hello THERE', 'hello there']);
    const byFingerprint = (await call('POST', '/api/quarantine/bulk-release', qadmin, { similarTo: ids[0], by: 'fingerprint', dryRun: true })).json();
    expect(byFingerprint.total).toBe(110);
    // Nothing changed.
    expect((await call('GET', '/api/quarantine/bulk-release', reader)).json().items).toEqual([]);
  }, 120_000);

  test('risks: malware, high-confidence phishing, wide recipients and failed DMARC are left out unless included; exclude removes', async () => {
    const plain = await quarantine(1);
    const [malware] = await quarantine(2, { reason: 'malware' });
    const [phish] = await quarantine(3, { reason: 'hcphish' });
    const wide = await quarantine(4, { recipients: Array.from({ length: 21 }, (_, i) => `w${i}@contoso.example`) });
    const [dmarc] = await quarantine(5, { extraHeaders: ['Authentication-Results: mx.contoso.example; spf=fail smtp.mailfrom=letters.example; dkim=none; dmarc=fail action=quarantine header.from=letters.example'] });
    const [excluded] = await quarantine(6);
    const response = await call('POST', '/api/quarantine/bulk-release', qadmin, { similarTo: plain[0], by: 'sender', dryRun: true, include: [malware, wide[3]], exclude: [excluded] });
    const preview = response.json();
    expect(preview.total).toBe(26);
    const byId = new Map<string, { risks: string[]; selected: boolean }>(preview.members.map((m: { id: string; risks: string[]; selected: boolean }) => [m.id, m]));
    expect(byId.get(plain[0]!)).toMatchObject({ risks: [], selected: true });
    expect(byId.get(malware!)).toMatchObject({ risks: ['malware'], selected: true });
    expect(byId.get(phish!)).toMatchObject({ risks: ['highConfidencePhishing'], selected: false });
    expect(byId.get(wide[3]!)).toMatchObject({ risks: ['wideRecipients'], selected: true });
    expect(byId.get(wide[4]!)).toMatchObject({ risks: ['wideRecipients'], selected: false });
    expect(byId.get(dmarc!)?.risks).toEqual(['authenticationFailed']);
    expect(byId.get(dmarc!)?.selected).toBe(false);
    expect(byId.get(excluded!)).toMatchObject({ risks: [], selected: false });
    expect([preview.selectedCount, preview.riskyCount]).toEqual([3, 24]);
  });

  test('a job releases every selected member exactly once at the relay, with visible progress', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(...await quarantine(i, { recipients: [`a${i}@contoso.example`, `b${i}@contoso.example`] }));
    const [risky] = await quarantine(99, { reason: 'malware' });
    const created = await call('POST', '/api/quarantine/bulk-release', qadmin, { similarTo: ids[0], by: 'sender', exclude: [ids[1]] });
    expect(created.statusCode).toBe(202);
    const job = created.json();
    expect(job).toMatchObject({ state: 'queued', total: 23, released: 0, failed: 0, createdBy: 'qa@contoso.example', finishedDateTime: null });

    const run = await server.app.quarantineBulk.runOnce({ batchSize: 5 });
    expect(run).toMatchObject({ jobId: job.id, released: 23, failed: 0, outcome: 'done' });
    expect(await server.app.quarantineBulk.runOnce()).toBeUndefined();
    expect((await call('GET', `/api/quarantine/bulk-release/${job.id}`, reader)).json()).toMatchObject({ state: 'done', total: 23, released: 23, failed: 0 });
    expect((await call('GET', '/api/quarantine/bulk-release', reader)).json().items.map((j: { id: string }) => j.id)).toEqual([job.id]);

    expect((await server.app.mailSender.runOnce()).sent).toHaveLength(23);
    expect((await server.app.mailSender.runOnce()).sent).toHaveLength(0);
    const arrived = await sink.waitFor(23);
    expect(sink.accepted).toHaveLength(23);
    const to = arrived.flatMap((m) => m.to).sort();
    expect(new Set(to).size).toBe(23);
    const left = (await call('GET', `/api/quarantine/${ids[1]}`, reader)).json().recipient;
    expect(to).not.toContain(left);
    expect(arrived.every((m) => m.raw.includes('X-Second-Look-Released'))).toBe(true);

    const detail = (id: string) => call('GET', `/api/quarantine/${id}`, reader).then((r) => r.json().releaseStatus);
    expect(await detail(ids[1]!)).toBe('notReleased');
    expect(await detail(risky!)).toBe('notReleased');
    expect(await detail(ids[5]!)).toBe('released');
    const audit = (await call('GET', '/api/audit?targetType=bulkReleaseJob', admin)).json();
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual(['quarantine.bulkReleaseFinished', 'quarantine.bulkReleaseStarted']);
  });

  // Several instances share PostgreSQL only (a SQLite file has one instance).
  if (kind === 'postgresql') test('a job taken over after its lease ran out resumes and delivers nothing twice', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 14; i++) ids.push(...await quarantine(i));
    const job = (await call('POST', '/api/quarantine/bulk-release', admin, { similarTo: ids[0], by: 'sender' })).json();
    const bulk = server.app.quarantineBulk;
    // This instance releases one batch, then "dies" holding the lease.
    expect(await bulk.runOnce({ batchSize: 5, maxBatches: 1 })).toMatchObject({ released: 5, outcome: 'paused' });
    expect((await call('GET', `/api/quarantine/bulk-release/${job.id}`, reader)).json()).toMatchObject({ state: 'running', released: 5 });
    // Another instance cannot take it while the lease holds …
    expect(await bulk.runOnce({ owner: 'instance-b' })).toBeUndefined();
    server.clock.advance(31_000);
    // … and takes it once it ran out: the rest, and only the rest.
    expect(await bulk.runOnce({ owner: 'instance-b', batchSize: 4 })).toMatchObject({ jobId: job.id, released: 9, outcome: 'done' });
    // The first instance, back, finds nothing to do.
    expect(await bulk.runOnce()).toBeUndefined();
    expect((await call('GET', `/api/quarantine/bulk-release/${job.id}`, reader)).json()).toMatchObject({ state: 'done', total: 14, released: 14 });
    expect((await server.app.mailSender.runOnce()).sent).toHaveLength(14);
    await sink.waitFor(14);
    expect(sink.accepted.flatMap((m) => m.to).sort()).toEqual([...Array(14).keys()].map((i) => `user${i}@contoso.example`).sort());
  });

  test('roles: readers and users cannot release; QuarantineAdministrator cannot create allow entries', async () => {
    const [id] = await quarantine(1);
    expect((await call('POST', '/api/quarantine/bulk-release', reader, { similarTo: id, by: 'sender', dryRun: true })).statusCode).toBe(403);
    expect((await call('POST', '/api/quarantine/bulk-release', user, { similarTo: id, by: 'sender' })).statusCode).toBe(403);
    expect((await call('GET', '/api/quarantine/bulk-release', user)).statusCode).toBe(403);
    const body = { allow: { scope: 'address', expiration: { type: 'days', days: 30 } } };
    expect((await call('POST', `/api/quarantine/${id}/release-submit-allow`, reader, { ...body, dryRun: true })).statusCode).toBe(403);
    expect((await call('POST', `/api/quarantine/${id}/release-submit-allow`, qadmin, { ...body, dryRun: true })).statusCode).toBe(200);
    expect((await call('POST', `/api/quarantine/${id}/release-submit-allow`, qadmin, body)).statusCode).toBe(403);
    expect((await call('POST', `/api/quarantine/${id}/analyze`, reader)).statusCode).toBe(403);
    expect((await call('GET', `/api/quarantine/${id}`, reader)).json().releaseStatus).toBe('notReleased');
  });

  test('release + submit + allow: the dry run lists the others; the action releases, stores the verdict and creates the entry', async () => {
    const target = await quarantine(1, { from: 'billing@supplier.example', recipients: ['anna@contoso.example', 'bo@contoso.example'] });
    const [other] = await quarantine(2, { from: 'billing@supplier.example', recipients: ['cy@contoso.example'] });
    await quarantine(3, { from: 'billing@supplier.example', reason: 'malware' });
    const [sameDomain] = await quarantine(4, { from: 'sales@supplier.example' });
    const body = { allow: { scope: 'address', expiration: { type: 'days', days: 30 }, note: 'false positive' } };

    const dry = await call('POST', `/api/quarantine/${target[0]}/release-submit-allow`, admin, { ...body, dryRun: true });
    expect(dry.json()).toEqual({ alsoLetThrough: [expect.objectContaining({ id: other, recipient: 'cy@contoso.example', sender: 'billing@supplier.example' })], submissionId: null, allowEntryId: null, released: false });
    const domainDry = (await call('POST', `/api/quarantine/${target[0]}/release-submit-allow`, admin, { allow: { ...body.allow, scope: 'domain' }, dryRun: true })).json();
    expect(domainDry.alsoLetThrough.map((r: { id: string }) => r.id).sort()).toEqual([other, sameDomain].sort());
    expect((await call('GET', `/api/quarantine/${target[0]}`, reader)).json().releaseStatus).toBe('notReleased');

    const done = await call('POST', `/api/quarantine/${target[0]}/release-submit-allow`, admin, body);
    expect(done.statusCode).toBe(200);
    const result = done.json();
    expect(result).toMatchObject({ released: true, submissionId: expect.any(String), allowEntryId: expect.any(String) });
    const entry = (await call('GET', `/api/allow-block-entries/${result.allowEntryId}`, admin)).json();
    expect(entry).toMatchObject({ value: 'billing@supplier.example', action: 'allow', submissionId: result.submissionId, note: 'false positive' });
    expect((await call('GET', `/api/submissions/${result.submissionId}`, admin)).statusCode).toBe(200);
    const detail = (await call('GET', `/api/quarantine/${target[1]}`, reader)).json();
    expect(detail.releaseStatus).toBe('released');
    expect(detail.analysis).toMatchObject({ submissionId: result.submissionId, analyzedBy: 'sa@contoso.example' });
    expect((await server.app.mailSender.runOnce()).sent).toHaveLength(2);
    expect((await sink.waitFor(2)).flatMap((m) => m.to).sort()).toEqual(['anna@contoso.example', 'bo@contoso.example']);

    // Submit for analysis on its own.
    const analysed = await call('POST', `/api/quarantine/${other}/analyze`, admin);
    expect(analysed.statusCode).toBe(200);
    expect((await call('GET', `/api/quarantine/${other}`, reader)).json().analysis).toEqual(analysed.json());
  });

  test('release + submit + allow refused for its entry (already allowed, a bad expiry) writes nothing: no submission, no entry, no release', async () => {
    const [id] = await quarantine(1, { from: 'billing@supplier.example' });
    const existing = await call('POST', '/api/allow-block-entries', admin, { value: 'billing@supplier.example', action: 'allow', expiration: { type: 'days', days: 30 } });
    expect(existing.statusCode).toBe(201);
    const counts = async () => ({
      submissions: (await call('GET', '/api/submissions', admin)).json().items.length,
      entries: (await call('GET', '/api/allow-block-entries', admin)).json().items.length,
      audit: (await call('GET', '/api/audit', admin)).json().items.length,
    });
    const before = await counts();
    const duplicate = await call('POST', `/api/quarantine/${id}/release-submit-allow`, admin, { allow: { scope: 'address', expiration: { type: 'days', days: 30 } } });
    expect(duplicate.statusCode).toBe(409);
    const badExpiry = await call('POST', `/api/quarantine/${id}/release-submit-allow`, admin, { allow: { scope: 'domain', expiration: { type: 'date', date: '2020-01-01T00:00:00Z' } } });
    expect(badExpiry.statusCode).toBeGreaterThanOrEqual(400);
    expect(badExpiry.statusCode).toBeLessThan(500);
    expect(await counts()).toEqual(before);
    const detail = (await call('GET', `/api/quarantine/${id}`, reader)).json();
    expect(detail.releaseStatus).toBe('notReleased');
    expect(detail.analysis).toBeUndefined();
    expect((await server.app.mailSender.runOnce()).sent).toEqual([]);
  });
});
