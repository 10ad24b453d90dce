/**
 * The queue's sender, driven one run at a time against a real database and a real delivery:
 * the pickup folder, or a real SMTP relay (smtp-server) on loopback. Each mail arrives once,
 * a refusal is retried with a growing wait or ends `failed`, and a send whose outcome is unknown
 * is held as `unconfirmed` instead of being sent again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { databaseKinds } from '../../helpers/databases';
import { queueAccess, type QueueAccess } from '../../helpers/mail-queue';
import { startTestServer, type TestServer } from '../../helpers/server';
import { startSmtpSink, TEST_CA_FILE, type SmtpSink } from '../../helpers/smtp-sink';

const SECOND = 1000;

describe.each(databaseKinds())('the mail sender (%s)', (kind) => {
  let server: TestServer | undefined;
  let queue: QueueAccess | undefined;
  let sink: SmtpSink | undefined;

  async function start(env: Record<string, string> = {}): Promise<{ server: TestServer; queue: QueueAccess }> {
    server = await startTestServer(kind, env);
    queue = queueAccess(server.config);
    return { server, queue };
  }

  afterEach(async () => {
    await queue?.close();
    await server?.close();
    await sink?.close();
    queue = undefined;
    server = undefined;
    sink = undefined;
  });

  describe('to the pickup folder (the embedded default)', () => {
    test('each mail becomes one whole .eml file named by its id, and is marked sent', async () => {
      const { server, queue } = await start();
      const mails = await queue.queue(3, server.clock.now());
      const run = await server.app.mailSender.runOnce();
      expect(run.sent.sort()).toEqual(mails.map((m) => m.id).sort());

      const outbox = path.join(server.config.dataDir, 'outbox');
      expect(fs.readdirSync(outbox).sort()).toEqual(mails.map((m) => `${m.id}.eml`).sort()); // no temporary file is left
      for (const mail of mails) {
        const parsed = await simpleParser(fs.readFileSync(path.join(outbox, `${mail.id}.eml`)));
        expect(parsed.messageId).toBe(mail.messageId);
        expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
        const row = await queue.row(mail.id);
        expect(row).toMatchObject({ state: 'sent', attempts: 1, sent_date_time: server.clock.now().toISOString(), last_error: null });
      }
      expect((await server.app.mailSender.runOnce()).sent).toEqual([]);
    });

    test('a mail whose writer stopped mid-way (its lease ran out) is written again: still one file, sent', async () => {
      const { server, queue } = await start();
      const [mail] = await queue.queue(1, server.clock.now());
      const now = server.clock.now();
      // An instance that claimed it and died: its lease ends a second from now.
      await queue.store.transaction((unit) => unit.mail.claimNext('dead-instance', now.toISOString(), new Date(now.getTime() + SECOND).toISOString()));
      expect((await server.app.mailSender.runOnce()).sent).toEqual([]);
      server.clock.advance(2 * SECOND);
      const run = await server.app.mailSender.runOnce();
      expect(run.requeued).toEqual([mail?.id]);
      expect(run.sent).toEqual([mail?.id]);
      expect(fs.readdirSync(path.join(server.config.dataDir, 'outbox'))).toEqual([`${mail?.id}.eml`]);
      expect(await queue.row(mail?.id ?? '')).toMatchObject({ state: 'sent', attempts: 2 });
    });

    test('a folder that cannot be written to is retried after a wait, then written', async () => {
      const { server, queue } = await start();
      const outbox = path.join(server.config.dataDir, 'outbox');
      fs.writeFileSync(outbox, 'in the way'); // a file where the folder should be
      const [mail] = await queue.queue(1, server.clock.now());
      expect((await server.app.mailSender.runOnce()).retrying).toEqual([mail?.id]);
      const row = await queue.row(mail?.id ?? '');
      expect(row.state).toBe('queued');
      expect(row.last_error).toMatch(/pickup folder/);
      const wait = Date.parse(row.next_attempt_date_time ?? '') - server.clock.now().getTime();
      expect(wait).toBeGreaterThanOrEqual(48 * SECOND);
      expect(wait).toBeLessThanOrEqual(60 * SECOND);

      fs.rmSync(outbox);
      expect((await server.app.mailSender.runOnce()).sent).toEqual([]); // not due yet
      server.clock.advance(wait);
      expect((await server.app.mailSender.runOnce()).sent).toEqual([mail?.id]);
      expect(fs.existsSync(path.join(outbox, `${mail?.id}.eml`))).toBe(true);
    });
  });

  describe('to an SMTP relay', () => {
    test('notices arrive exactly once, across a relay that refuses the first tries (451), with growing waits', async () => {
      sink = await startSmtpSink({ refuseFirst: 3, refuseCode: 451 });
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: sink.url, SECOND_LOOK_MAIL_RETRY_SECONDS: '60' });
      const [mail] = await queue.queue(1, server.clock.now());
      const id = mail?.id ?? '';
      const waits: number[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect((await server.app.mailSender.runOnce()).retrying).toEqual([id]);
        const row = await queue.row(id);
        expect(row).toMatchObject({ state: 'queued', attempts: attempt });
        expect(row.last_error).toMatch(/451/);
        const wait = Date.parse(row.next_attempt_date_time ?? '') - server.clock.now().getTime();
        waits.push(wait);
        expect(wait).toBeGreaterThanOrEqual(0.8 * 60 * SECOND * 2 ** (attempt - 1));
        expect(wait).toBeLessThanOrEqual(60 * SECOND * 2 ** (attempt - 1));
        expect((await server.app.mailSender.runOnce()).retrying).toEqual([]); // not due before its time
        server.clock.advance(wait);
      }
      expect((await server.app.mailSender.runOnce()).sent).toEqual([id]);
      expect(sink.refused).toBe(3);
      expect(sink.accepted.map((m) => m.messageId)).toEqual([mail?.messageId]);
      expect(sink.accepted[0]).toMatchObject({ from: 'second-look@contoso.example', to: ['anna@contoso.example'] });
      expect(await queue.row(id)).toMatchObject({ state: 'sent', attempts: 4, last_error: null, next_attempt_date_time: null });

      server.clock.advance(3_600 * SECOND);
      await server.app.mailSender.runOnce();
      expect(sink.accepted).toHaveLength(1);
    });

    test('many notices, one run: each arrives once, byte for byte as composed', async () => {
      sink = await startSmtpSink();
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: sink.url });
      const mails = await queue.queue(12, server.clock.now());
      expect((await server.app.mailSender.runOnce()).sent).toHaveLength(12);
      expect(sink.accepted.map((m) => m.messageId).sort()).toEqual(mails.map((m) => m.messageId).sort());
      const parsed = await simpleParser(sink.accepted[0]?.raw ?? '');
      expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    });

    test('mails go side by side over kept connections: no more at once than SECOND_LOOK_MAIL_CONNECTIONS, each connection reused', async () => {
      sink = await startSmtpSink({ delayMs: 20 });
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: sink.url, SECOND_LOOK_MAIL_CONNECTIONS: '3' });
      const mails = await queue.queue(30, server.clock.now());
      const run = await server.app.mailSender.runOnce();
      expect(run.sent.sort()).toEqual(mails.map((m) => m.id).sort());
      expect(sink.accepted.map((m) => m.messageId).sort()).toEqual(mails.map((m) => m.messageId).sort());
      // Three at a time (the sink's delay makes them overlap), over the same three sessions throughout.
      expect(sink.connections.mostAtOnce).toBe(3);
      expect(sink.connections.opened).toBe(3);
      for (const mail of mails) expect(await queue.row(mail.id)).toMatchObject({ state: 'sent', attempts: 1 });

      // The next run reuses the kept sessions.
      const more = await queue.queue(2, server.clock.now());
      expect((await server.app.mailSender.runOnce()).sent.sort()).toEqual(more.map((m) => m.id).sort());
      expect(sink.connections.opened).toBe(3);
    });

    test('a kept connection the relay closed while idle costs nothing: the mail goes at once over a new one, sent on its first try', async () => {
      sink = await startSmtpSink();
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: sink.url, SECOND_LOOK_MAIL_CONNECTIONS: '1' });
      await queue.queue(1, server.clock.now());
      expect((await server.app.mailSender.runOnce()).sent).toHaveLength(1);
      sink.dropConnections();
      const [mail] = await queue.queue(1, server.clock.now());
      expect((await server.app.mailSender.runOnce()).sent).toEqual([mail?.id]);
      expect(await queue.row(mail?.id ?? '')).toMatchObject({ state: 'sent', attempts: 1, last_error: null });
      expect(sink.accepted).toHaveLength(2);
      expect(sink.connections.opened).toBe(2);
    });

    test('a permanent refusal (550) ends failed at once, kept in the queue with the reason', async () => {
      sink = await startSmtpSink({ refuseRecipients: 550 });
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: sink.url });
      const [mail] = await queue.queue(1, server.clock.now());
      expect((await server.app.mailSender.runOnce()).failed).toEqual([mail?.id]);
      const row = await queue.row(mail?.id ?? '');
      expect(row).toMatchObject({ state: 'failed', attempts: 1, next_attempt_date_time: null });
      expect(row.last_error).toMatch(/550/);
      server.clock.advance(86_400 * SECOND);
      expect((await server.app.mailSender.runOnce()).sent).toEqual([]);
    });

    test('after the last allowed try, a mail ends failed (never lost)', async () => {
      sink = await startSmtpSink({ refuseFirst: 100, refuseCode: 421 });
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: sink.url, SECOND_LOOK_MAIL_MAX_ATTEMPTS: '3' });
      const [mail] = await queue.queue(1, server.clock.now());
      for (let attempt = 1; attempt <= 2; attempt++) {
        expect((await server.app.mailSender.runOnce()).retrying).toEqual([mail?.id]);
        server.clock.advance(3_600 * SECOND);
      }
      expect((await server.app.mailSender.runOnce()).failed).toEqual([mail?.id]);
      const row = await queue.row(mail?.id ?? '');
      expect(row).toMatchObject({ state: 'failed', attempts: 3 });
      expect(row.last_error).toMatch(/421.*gave up after 3 tries/);
    });

    test('a relay that cannot be reached is retried', async () => {
      sink = await startSmtpSink();
      const url = sink.url;
      await sink.close();
      sink = undefined;
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: url });
      const [mail] = await queue.queue(1, server.clock.now());
      expect((await server.app.mailSender.runOnce()).retrying).toEqual([mail?.id]);
      expect((await queue.row(mail?.id ?? '')).last_error).toMatch(/ECONNREFUSED/);
    });

    test("when the relay had the whole message but its answer was lost, the mail is unconfirmed and not sent again", async () => {
      sink = await startSmtpSink({ dropFirst: 1 });
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: sink.url });
      const [mail] = await queue.queue(1, server.clock.now());
      expect((await server.app.mailSender.runOnce()).unconfirmed).toEqual([mail?.id]);
      const row = await queue.row(mail?.id ?? '');
      expect(row).toMatchObject({ state: 'unconfirmed', attempts: 1, next_attempt_date_time: null });
      expect(row.last_error).toMatch(/unknown/);
      server.clock.advance(86_400 * SECOND);
      await server.app.mailSender.runOnce();
      expect(sink.refused).toBe(1);
      expect(sink.accepted).toHaveLength(0);
    });

    test('a mail left sending by an instance that stopped becomes unconfirmed, and is not sent', async () => {
      sink = await startSmtpSink();
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: sink.url, SECOND_LOOK_MAIL_LEASE_SECONDS: '30' });
      const [mail] = await queue.queue(1, server.clock.now());
      const now = server.clock.now();
      await queue.store.transaction((unit) => unit.mail.claimNext('dead-instance', now.toISOString(), new Date(now.getTime() + 30 * SECOND).toISOString()));
      expect(await server.app.mailSender.runOnce()).toMatchObject({ sent: [], unconfirmed: [] }); // its lease still holds
      server.clock.advance(31 * SECOND);
      expect((await server.app.mailSender.runOnce()).unconfirmed).toEqual([mail?.id]);
      const row = await queue.row(mail?.id ?? '');
      expect(row.state).toBe('unconfirmed');
      expect(row.last_error).toMatch(/stopped/);
      expect(sink.accepted).toHaveLength(0);
    });

    test('STARTTLS with a user and password, the certificate trusted through SECOND_LOOK_SMTP_RELAY_CA', async () => {
      sink = await startSmtpSink({ tls: 'starttls', auth: { user: 'second-look', password: 'p@ss:w/rd s3cret' } });
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: sink.url, SECOND_LOOK_SMTP_RELAY_CA: TEST_CA_FILE });
      const [mail] = await queue.queue(1, server.clock.now());
      expect((await server.app.mailSender.runOnce()).sent).toEqual([mail?.id]);
      expect(sink.accepted[0]).toMatchObject({ secure: true, user: 'second-look', messageId: mail?.messageId });
    });

    test('smtps:// speaks TLS from the first byte', async () => {
      sink = await startSmtpSink({ tls: 'implicit' });
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: sink.url, SECOND_LOOK_SMTP_RELAY_CA: TEST_CA_FILE });
      await queue.queue(1, server.clock.now());
      expect((await server.app.mailSender.runOnce()).sent).toHaveLength(1);
      expect(sink.accepted[0]?.secure).toBe(true);
    });

    test('a relay certificate that does not verify stops the send; nothing goes in plain text', async () => {
      sink = await startSmtpSink({ tls: 'starttls' });
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: sink.url });
      const [mail] = await queue.queue(1, server.clock.now());
      expect((await server.app.mailSender.runOnce()).retrying).toEqual([mail?.id]);
      expect((await queue.row(mail?.id ?? '')).last_error).toMatch(/certificate/i);
      expect(sink.accepted).toHaveLength(0);
    });

    test('a refused password is retried, and never written into the queue', async () => {
      sink = await startSmtpSink({ tls: 'starttls', auth: { user: 'second-look', password: 'the-right-one' } });
      const wrong = sink.url.replace('the-right-one', 'Wr0ng-Secret-Value');
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: wrong, SECOND_LOOK_SMTP_RELAY_CA: TEST_CA_FILE });
      const [mail] = await queue.queue(1, server.clock.now());
      expect((await server.app.mailSender.runOnce()).retrying).toEqual([mail?.id]);
      const row = await queue.row(mail?.id ?? '');
      expect(row.last_error).toMatch(/535/);
      expect(JSON.stringify(row)).not.toContain('Wr0ng-Secret-Value');
      expect(server.app.mailSender.description).not.toContain('Wr0ng-Secret-Value');
      expect(server.app.mailSender.description).toContain('***');
    });

    test('a row that reached the queue with an unsafe recipient is refused at compose time: failed, nothing sent', async () => {
      sink = await startSmtpSink();
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: sink.url });
      const [mail] = await queue.queue(1, server.clock.now());
      // Written past the repository's checks, as an older server or a hand edit might have.
      await queue.db.updateTable('mail_outbox').set({ to_address: 'anna@contoso.example\r\nBcc: attacker@evil.example' }).where('id', '=', mail?.id ?? '').execute();
      expect((await server.app.mailSender.runOnce()).failed).toEqual([mail?.id]);
      expect((await queue.row(mail?.id ?? '')).last_error).toMatch(/control character/);
      expect(sink.accepted).toHaveLength(0);
    });

    test('queuing refuses an injected recipient and keeps nothing of the change that caused it', async () => {
      sink = await startSmtpSink();
      const { server, queue } = await start({ SECOND_LOOK_SMTP_RELAY: sink.url });
      await expect(queue.queue(1, server.clock.now(), { to: 'anna@contoso.example\r\nBcc: attacker@evil.example' })).rejects.toThrow(/control character/);
      const [mail] = await queue.queue(1, server.clock.now(), { subject: 'Faktura\r\nBcc: attacker@evil.example' });
      expect((await queue.row(mail?.id ?? '')).subject).toBe('Faktura Bcc: attacker@evil.example');
      expect((await server.app.mailSender.runOnce()).sent).toEqual([mail?.id]);
      expect(sink.accepted).toHaveLength(1);
      expect(sink.accepted[0]?.to).toEqual(['anna@contoso.example']);
      const parsed = await simpleParser(sink.accepted[0]?.raw ?? '');
      expect(parsed.headers.has('bcc')).toBe(false);
    });
  });
});
