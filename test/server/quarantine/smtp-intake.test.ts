/**
 * The quarantine's SMTP listener, for real over loopback: nodemailer sends to it as an MTA
 * would; recipients come from the envelope, not the To field; one stored message serves every
 * recipient; a repeated delivery is a duplicate; 250 comes only once the rows are committed;
 * and bad input (no headers, 8-bit garbage, 0 bytes, a MIME bomb, too large, foreign domains)
 * is refused or stored safely with a clear reply, on SQLite and PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { openDatabase } from '../../../src/server/store/database';
import { databaseKinds } from '../../helpers/databases';
import { TEST_CA_FILE } from '../../helpers/smtp-sink';
import { eightBitGarbage, mimeBomb, plainMessage, smtpSession, startQuarantineServer, storedQuarantine, transaction, type QuarantineServer } from '../../helpers/quarantine';

const LIMIT = 2_000_000;
const TEST_KEY_FILE = path.join(__dirname, '../../fixtures/smtp-tls/key.pem');

describe.each(databaseKinds())('SMTP intake on %s', (kind) => {
  let server: QuarantineServer;
  beforeEach(async () => {
    server = await startQuarantineServer(kind, { SECOND_LOOK_MAX_MESSAGE_BYTES: String(LIMIT), SECOND_LOOK_QUARANTINE_RETENTION_DAYS: '30,bulk:7' });
  });
  afterEach(async () => server.close());

  const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort, secure: false, ignoreTLS: true });

  test('nodemailer\'s envelope decides the recipients; two recipients share one stored message; a repeat is a duplicate', async () => {
    const raw = plainMessage({ to: 'everyone@contoso.example, carol@contoso.example' });
    const envelope = { from: 'bounces@supplier.example', to: ['Anna@contoso.example', 'bo+quarantine-bulk@contoso.example'] };
    const sent = await transport().sendMail({ envelope, raw });
    expect(sent.accepted).toEqual(['Anna@contoso.example', 'bo+quarantine-bulk@contoso.example']);
    expect(sent.response).toMatch(/^250 2\.0\.0 quarantined for 2 recipients$/);

    // Committed before the 250: read at once, over another connection.
    const { rows, blobs, bands } = await storedQuarantine(server);
    expect(rows.map((r) => r.recipient).sort()).toEqual(['anna@contoso.example', 'bo@contoso.example']);
    expect(blobs).toBe(1);
    expect(new Set(rows.map((r) => r.message_sha256)).size).toBe(1);
    expect(bands).toBe(32);
    const [anna, bo] = [...rows].sort((a, b) => a.recipient.localeCompare(b.recipient));
    expect(anna).toMatchObject({
      internet_message_id: '<inv-118@supplier.example>',
      sender: 'billing@supplier.example',
      sender_name: 'Billing',
      sender_domain: 'supplier.example',
      envelope_sender: 'bounces@supplier.example',
      subject: 'Invoice 2026-118',
      subject_folded: 'invoice 2026 118',
      reason: 'organisationRule',
      reason_basis: 'default',
      policy: 'AdminOnlyAccessPolicy',
      release_status: 'notReleased',
      source: 'smtp',
      received_date_time: server.clock.now().toISOString(),
      expires_date_time: '2026-12-22T12:00:00.000Z',
      fingerprint_version: 1,
    });
    expect(anna?.fingerprint?.length).toBe(512);
    expect(bo).toMatchObject({ reason: 'bulk', reason_basis: 'envelopeTag', reason_evidence: 'envelope recipient: +quarantine-bulk', policy: 'DefaultFullAccessPolicy', expires_date_time: '2026-11-29T12:00:00.000Z' });

    const again = await transport().sendMail({ envelope, raw });
    expect(again.response).toMatch(/^250 2\.0\.0 quarantined for 2 recipients \(2 already quarantined\)$/);
    expect((await storedQuarantine(server)).rows).toHaveLength(2);

    // The same message to a third recipient is new for that recipient only, and stored once still.
    await transport().sendMail({ envelope: { from: envelope.from, to: ['carol@contoso.example', 'anna@contoso.example'] }, raw });
    const after = await storedQuarantine(server);
    expect(after.rows.map((r) => r.recipient).sort()).toEqual(['anna@contoso.example', 'bo@contoso.example', 'carol@contoso.example']);
    expect(after.blobs).toBe(1);
  });

  test('the reason comes from the filter headers when they name one', async () => {
    const raw = plainMessage({ messageId: '<phish-1@attacker.example>', extraHeaders: ['X-Forefront-Antispam-Report: CIP:198.51.100.9;SFV:SPM;SCL:9;CAT:HPHSH;DIR:INB'] });
    await transport().sendMail({ envelope: { from: 'x@attacker.example', to: ['anna+quarantine-spam@contoso.example'] }, raw });
    const { rows } = await storedQuarantine(server);
    expect(rows[0]).toMatchObject({ recipient: 'anna@contoso.example', reason: 'highConfidencePhishing', reason_basis: 'headers', reason_evidence: 'X-Forefront-Antispam-Report: CAT:HPHSH', policy: 'AdminOnlyAccessPolicy' });
  });

  test('recipients outside the accepted domains, malformed addresses and unknown tags are refused at RCPT TO', async () => {
    const raw = plainMessage({ messageId: '<mixed@supplier.example>' });
    const sent = await transport().sendMail({ envelope: { from: 'b@supplier.example', to: ['anna@contoso.example', 'eve@fabrikam.example', 'bo+quarantine-nonsense@contoso.example'] }, raw });
    expect(sent.accepted).toEqual(['anna@contoso.example']);
    expect(sent.rejected.sort()).toEqual(['bo+quarantine-nonsense@contoso.example', 'eve@fabrikam.example']);
    const reasons = sent.rejectedErrors?.map((e) => `${(e as { responseCode?: number }).responseCode} ${(e as { response?: string }).response}`).sort();
    expect(reasons).toEqual([
      expect.stringMatching(/^550 550 5\.1\.2 <eve@fabrikam\.example>: fabrikam\.example is not one of the organisation's accepted domains \(contoso\.example\)/),
      expect.stringMatching(/^553 553 5\.1\.3 "nonsense" is not a quarantine tag/),
    ]);
    expect((await storedQuarantine(server)).rows.map((r) => r.recipient)).toEqual(['anna@contoso.example']);

    await expect(transport().sendMail({ envelope: { from: 'b@supplier.example', to: ['eve@fabrikam.example'] }, raw })).rejects.toMatchObject({ responseCode: 550 });
  });

  test('bad input gets a clear reply and nothing crashes: no headers, 0 bytes, 8-bit garbage, a MIME bomb, too large', async () => {
    const to = ['anna@contoso.example'];
    const noHeaders = await smtpSession(server.smtpPort, transaction(to, Buffer.from('just some words\r\nwithout any header\r\n')));
    expect(noHeaders[5]).toMatch(/^554 5\.6\.0 the message has no header fields/);
    const empty = await smtpSession(server.smtpPort, transaction(to, Buffer.alloc(0)));
    expect(empty[5]).toMatch(/^554 5\.6\.0 the message is empty \(0 bytes\)/);
    const garbageOnly = await smtpSession(server.smtpPort, transaction(to, eightBitGarbage(false)));
    expect(garbageOnly[5]).toMatch(/^554 5\.6\.0 the message has no header fields/);

    // Garbage behind a header line is stored as it came, its text fields made safe to keep.
    const garbage = await smtpSession(server.smtpPort, transaction(to, eightBitGarbage(true)));
    expect(garbage[5]).toMatch(/^250 2\.0\.0/);
    const bomb = await smtpSession(server.smtpPort, transaction(to, mimeBomb()));
    expect(bomb[5]).toMatch(/^250 2\.0\.0/);

    const tooLarge = Buffer.concat([plainMessage({ messageId: '<big@supplier.example>' }), Buffer.alloc(LIMIT, 'a')]);
    const declared = await smtpSession(server.smtpPort, ['EHLO mta.contoso.example', `MAIL FROM:<b@supplier.example> SIZE=${tooLarge.length}`, 'QUIT']);
    expect(declared[1]).toMatch(/SIZE \d+/);
    expect(declared[2]).toMatch(/^552 /);
    const undeclared = await smtpSession(server.smtpPort, transaction(to, tooLarge));
    expect(undeclared[5]).toMatch(/^552 5\.3\.4 the message is larger than the 2000000 byte limit/);

    const { rows } = await storedQuarantine(server);
    expect(rows).toHaveLength(2);
    const kept = rows.find((r) => r.internet_message_id !== '<bomb@attacker.example>');
    // Header bytes that are not UTF-8 read as U+FFFD; NULs and escapes are gone.
    expect(kept).toMatchObject({ internet_message_id: '<grbage@x>', sender: 'x@\ufffdxample.example', reason: 'organisationRule' });
    // eslint-disable-next-line no-control-regex -- what must not be stored
    expect(kept?.subject).not.toMatch(/[\u0000-\u001f]/);
    // The text reader stops eight parts down: the bomb has no text to fingerprint, and is kept whole.
    expect(rows.find((r) => r.internet_message_id === '<bomb@attacker.example>')).toMatchObject({ subject: 'nested', fingerprint: null, fingerprint_version: 0, message_size: mimeBomb().length });

    // And the listener still takes mail.
    const fine = await smtpSession(server.smtpPort, transaction(to, plainMessage({ messageId: '<after@supplier.example>' })));
    expect(fine[5]).toMatch(/^250 /);
  });

  test('a message that cannot be committed gets 451, never 250', async () => {
    const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
    try {
      await db.schema.alterTable('quarantined_messages').renameTo('quarantined_messages_away').execute();
      const replies = await smtpSession(server.smtpPort, transaction(['anna@contoso.example'], plainMessage()));
      expect(replies[5]).toMatch(/^451 4\.3\.0 the message could not be stored right now; try again later$/);
      await db.schema.alterTable('quarantined_messages_away').renameTo('quarantined_messages').execute();
      expect((await storedQuarantine(server)).rows).toHaveLength(0);
      // The MTA's retry gets through.
      const retry = await smtpSession(server.smtpPort, transaction(['anna@contoso.example'], plainMessage()));
      expect(retry[5]).toMatch(/^250 /);
    } finally {
      await db.destroy();
    }
  });
});

describe('who may use the SMTP listener', () => {
  let server: QuarantineServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('with a user and password, AUTH is required (offered on loopback without TLS); a wrong password is refused', async () => {
    server = await startQuarantineServer('sqlite', { SECOND_LOOK_SMTP_USER: 'postfix', SECOND_LOOK_SMTP_PASSWORD: 'intake-secret-1234' });
    const port = server.smtpPort;
    const message = { envelope: { from: 'b@supplier.example', to: ['anna@contoso.example'] }, raw: plainMessage() };
    await expect(nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true }).sendMail(message)).rejects.toMatchObject({ responseCode: 530 });
    await expect(nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true, auth: { user: 'postfix', pass: 'wrong-password-123' } }).sendMail(message)).rejects.toMatchObject({ responseCode: 535 });
    const sent = await nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true, auth: { user: 'postfix', pass: 'intake-secret-1234' } }).sendMail(message);
    expect(sent.response).toMatch(/^250 /);
  });

  test('with the server\'s certificate, STARTTLS is offered and the password goes inside TLS', async () => {
    server = await startQuarantineServer('sqlite', { SECOND_LOOK_TLS_CERT: TEST_CA_FILE, SECOND_LOOK_TLS_KEY: TEST_KEY_FILE, SECOND_LOOK_SMTP_USER: 'postfix', SECOND_LOOK_SMTP_PASSWORD: 'intake-secret-1234' });
    const ehlo = await smtpSession(server.smtpPort, ['EHLO mta.contoso.example', 'QUIT']);
    expect(ehlo[1]).toContain('STARTTLS');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort, requireTLS: true, tls: { ca: fs.readFileSync(TEST_CA_FILE) }, auth: { user: 'postfix', pass: 'intake-secret-1234' } });
    const sent = await transport.sendMail({ envelope: { from: 'b@supplier.example', to: ['anna@contoso.example'] }, raw: plainMessage() });
    expect(sent.response).toMatch(/^250 /);
  });

  test('a client outside SECOND_LOOK_SMTP_ALLOW is turned away when it connects', async () => {
    server = await startQuarantineServer('sqlite', { SECOND_LOOK_SMTP_ALLOW: '10.0.0.0/8, 2001:db8::/32' });
    const replies = await smtpSession(server.smtpPort, ['EHLO mta.contoso.example']);
    expect(replies[0]).toMatch(/^554 5\.7\.1 127\.0\.0\.1 may not use this quarantine/);
    await server.close();
    server = await startQuarantineServer('sqlite', { SECOND_LOOK_SMTP_ALLOW: '127.0.0.0/8' });
    const sent = await nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort, ignoreTLS: true }).sendMail({ envelope: { from: 'b@supplier.example', to: ['anna@contoso.example'] }, raw: plainMessage() });
    expect(sent.response).toMatch(/^250 /);
  });

  test('with no accepted domains, every recipient is deferred (451 4.3.5), not bounced', async () => {
    server = await startQuarantineServer('sqlite', { SECOND_LOOK_ACCEPTED_DOMAINS: '' });
    const replies = await smtpSession(server.smtpPort, ['EHLO mta.contoso.example', 'MAIL FROM:<b@supplier.example>', 'RCPT TO:<anna@contoso.example>', 'QUIT']);
    expect(replies[3]).toMatch(/^451 4\.3\.5 no accepted domains are configured/);
  });
});
