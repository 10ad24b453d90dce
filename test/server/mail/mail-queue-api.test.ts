/** The outgoing mail queue through the API, on SQLite and PostgreSQL: reading it, and resending. */
import { databaseKinds } from '../../helpers/databases';
import { queueAccess, type QueueAccess } from '../../helpers/mail-queue';
import { startTestServer, type TestServer } from '../../helpers/server';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';

const SECOND = 1000;

describe.each(databaseKinds())('the mail queue API on %s', (kind) => {
  let server: TestServer;
  let queue: QueueAccess;
  let sink: SmtpSink;
  let admin: string;
  let reader: string;
  let quarantine: string;
  let user: string;

  beforeEach(async () => {
    sink = await startSmtpSink();
    server = await startTestServer(kind, { SECOND_LOOK_SMTP_RELAY: sink.url, SECOND_LOOK_MAIL_MAX_ATTEMPTS: '1' });
    queue = queueAccess(server.config);
    admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    reader = await server.token('audit@contoso.example', ['SecurityReader']);
    quarantine = await server.token('q@contoso.example', ['QuarantineAdministrator']);
    user = await server.token('anna@contoso.example');
  });
  afterEach(async () => {
    await queue.close();
    await server.close();
    await sink.close();
  });

  const call = (method: 'GET' | 'POST', url: string, token?: string, payload?: object) =>
    server.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload ? { payload } : {}) });

  /** A mail in each end state: sent, failed (refused for good) and unconfirmed (its instance stopped mid-send). */
  async function oneOfEach(): Promise<{ sent: string; failed: string; unconfirmed: string; queued: string }> {
    const [sent] = await queue.queue(1, server.clock.now(), { subject: 'sent one' });
    await server.app.mailSender.runOnce();
    server.clock.advance(SECOND);
    const [failed] = await queue.queue(1, server.clock.now(), { subject: 'failed one' });
    const now = server.clock.now();
    await queue.store.transaction((unit) => unit.mail.claimNext('test', now.toISOString(), now.toISOString()));
    await queue.store.repos.mail.markStopped(failed?.id ?? '', 'test', 'failed', '550 mailbox unavailable');
    server.clock.advance(SECOND);
    const [unconfirmed] = await queue.queue(1, server.clock.now(), { subject: 'unconfirmed one' });
    const later = server.clock.now();
    await queue.store.transaction((unit) => unit.mail.claimNext('stopped-instance', later.toISOString(), later.toISOString()));
    server.clock.advance(SECOND);
    await server.app.mailSender.runOnce(); // finds the lease run out
    const [queued] = await queue.queue(1, new Date(server.clock.now().getTime() + 3_600 * SECOND), { subject: 'queued one' });
    return { sent: sent?.id ?? '', failed: failed?.id ?? '', unconfirmed: unconfirmed?.id ?? '', queued: queued?.id ?? '' };
  }

  test('admins and readers read the queue, newest first, with counts per state; others may not', async () => {
    const ids = await oneOfEach();
    const page = await call('GET', '/api/mail-queue', reader);
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.counts).toEqual({ queued: 1, sending: 0, sent: 1, failed: 1, unconfirmed: 1 });
    expect(body.items.map((m: { id: string }) => m.id)).toEqual([ids.queued, ids.unconfirmed, ids.failed, ids.sent]);
    expect(body.items.find((m: { id: string }) => m.id === ids.sent)).toMatchObject({
      kind: 'reviewNotice',
      to: 'anna@contoso.example',
      subject: 'sent one',
      state: 'sent',
      attempts: 1,
      nextAttemptDateTime: null,
      lastError: null,
      createdDateTime: '2026-11-22T12:00:00.000Z',
      sentDateTime: '2026-11-22T12:00:00.000Z',
      relatedId: null,
    });
    expect(body.items.find((m: { id: string }) => m.id === ids.unconfirmed).lastError).toMatch(/stopped/);
    expect(body.nextCursor).toBeNull();

    expect((await call('GET', '/api/mail-queue', admin)).statusCode).toBe(200);
    expect((await call('GET', '/api/mail-queue', user)).statusCode).toBe(403);
    expect((await call('GET', '/api/mail-queue', quarantine)).statusCode).toBe(403);
    expect((await call('GET', '/api/mail-queue')).statusCode).toBe(401);
  });

  test('filters by state and pages by cursor without skipping or repeating', async () => {
    const ids = await oneOfEach();
    const failed = (await call('GET', '/api/mail-queue?state=failed', admin)).json();
    expect(failed.items.map((m: { id: string }) => m.id)).toEqual([ids.failed]);
    expect(failed.counts.sent).toBe(1); // counts are of the whole queue

    const more = await queue.queue(5, server.clock.now());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await call('GET', `/api/mail-queue?state=queued&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, admin);
      expect(response.statusCode).toBe(200);
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = response.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([ids.queued, ...more.map((m) => m.id)].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  test.each([
    ['an unknown state', '?state=lost'],
    ['a cursor we did not issue', '?cursor=not-ours'],
    ['a limit out of range', '?limit=0'],
    ['an unknown parameter', '?status=failed'],
  ])('%s is a 400', async (_what, query) => {
    const response = await call('GET', `/api/mail-queue${query}`, admin);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBeTruthy();
  });

  test('an admin resends a failed or an unconfirmed mail: queued again, sent once more, and audited', async () => {
    const ids = await oneOfEach();
    const before = sink.accepted.length;
    for (const id of [ids.failed, ids.unconfirmed]) {
      const response = await call('POST', `/api/mail-queue/${id}/resend`, admin);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id, state: 'queued', attempts: 0, nextAttemptDateTime: server.clock.now().toISOString() });
    }
    const run = await server.app.mailSender.runOnce();
    expect(run.sent.sort()).toEqual([ids.failed, ids.unconfirmed].sort());
    expect(sink.accepted.length - before).toBe(2);

    const trail = await queue.store.repos.audit.list({ targetType: 'mail' }, 10);
    expect(trail.map((r) => `${r.action} ${r.target_id} by ${r.actor}`).sort()).toEqual([`resend ${ids.failed} by secops@contoso.example`, `resend ${ids.unconfirmed} by secops@contoso.example`].sort());
    const detail = JSON.parse(trail.find((r) => r.target_id === ids.failed)?.detail ?? '{}');
    expect(detail).toMatchObject({ kind: 'reviewNotice', to: 'anna@contoso.example', before: { state: 'failed', attempts: 1, lastError: '550 mailbox unavailable' } });
  });

  test('resending refuses what cannot be resent, and those who may not', async () => {
    const ids = await oneOfEach();
    for (const id of [ids.sent, ids.queued]) {
      const response = await call('POST', `/api/mail-queue/${id}/resend`, admin);
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('not_resendable');
    }
    expect((await call('POST', '/api/mail-queue/no-such-mail/resend', admin)).statusCode).toBe(404);
    expect((await call('POST', `/api/mail-queue/${'x'.repeat(65)}/resend`, admin)).statusCode).toBe(400);
    for (const token of [reader, quarantine, user]) expect((await call('POST', `/api/mail-queue/${ids.failed}/resend`, token)).statusCode).toBe(403);
    expect((await call('POST', `/api/mail-queue/${ids.failed}/resend`)).statusCode).toBe(401);
    expect((await queue.row(ids.failed)).state).toBe('failed');
    expect(await queue.store.repos.audit.list({ targetType: 'mail' }, 10)).toEqual([]);
  });

  test('two admins resending at once: one resend, one conflict', async () => {
    const ids = await oneOfEach();
    const answers = await Promise.all([call('POST', `/api/mail-queue/${ids.failed}/resend`, admin), call('POST', `/api/mail-queue/${ids.failed}/resend`, admin)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await queue.store.repos.audit.list({ targetType: 'mail' }, 10)).toHaveLength(1);
  });
});
