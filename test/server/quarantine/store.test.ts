/**
 * The quarantine's store, which the admin and end-user views will read: every filter of the
 * list (recipient, sender, sender domain, reason, policy, release status, received and expires
 * ranges, subject words) with keyset paging, the rows of one stored message, similar content
 * by band keys, and a stored message kept while a quarantined copy needs it even when the
 * submissions' retention purges the report that shared it. On SQLite and PostgreSQL.
 */
import { searchWords } from '../../../src/server/services/submissions-service';
import { QuarantineRepo, type QuarantineFilter } from '../../../src/server/store/quarantine-repo';
import { decodeCursor } from '../../../src/server/store/cursor';
import { openDatabase, type Db } from '../../../src/server/store/database';
import { databaseKinds } from '../../helpers/databases';
import { plainMessage, storedQuarantine } from '../../helpers/quarantine';
import { invoiceReport, INVOICE_EML } from '../../helpers/reports';
import { startTestServer, type TestServer } from '../../helpers/server';

const HOUR = 3_600_000;

describe.each(databaseKinds())('the quarantine store on %s', (kind) => {
  let server: TestServer;
  let db: Db;
  let repo: QuarantineRepo;
  beforeEach(async () => {
    server = await startTestServer(kind, { SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example', SECOND_LOOK_SMTP_PORT: 'off', SECOND_LOOK_QUARANTINE_RETENTION_DAYS: 'bulk:3' });
    db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
    repo = new QuarantineRepo(db);
  });
  afterEach(async () => {
    await db.destroy();
    await server.close();
  });

  const intake = (bytes: Buffer, recipients: string[]) => server.app.quarantine.intake.intake({ bytes, recipients, source: 'import' });

  async function seed(): Promise<void> {
    const mail = (n: number, from: string, subject: string) =>
      Buffer.from(plainMessage({ messageId: `<m${n}@x.example>`, subject }).toString().replace('"Billing" <billing@supplier.example>', from));
    await intake(mail(1, 'billing@supplier.example', 'Invoice 2026-118 overdue'), ['anna@contoso.example', 'bo+quarantine-bulk@contoso.example']);
    server.clock.advance(HOUR);
    await intake(mail(2, 'news@supplier.example', 'Größte Angebote der Woche'), ['anna+quarantine-bulk@contoso.example']);
    server.clock.advance(HOUR);
    await intake(mail(3, 'ceo@evil.example', 'Urgent wire transfer'), ['anna+quarantine-hcphish@contoso.example', 'carol@contoso.example']);
    server.clock.advance(HOUR);
    await intake(mail(4, 'billing@supplier.example', 'Invoice 2026-119'), ['carol+quarantine-spam@contoso.example']);
  }

  /** `recipient:message` of each row; rows received at the same instant (ordered by id) in name order. */
  const ids = async (filter: QuarantineFilter) => {
    const rows = (await repo.list(filter, 50, undefined)).rows;
    const groups: string[][] = [];
    rows.forEach((r, i) => {
      const name = `${r.recipient.split('@')[0]}:${r.internet_message_id.slice(1, 3)}`;
      if (i > 0 && rows[i - 1]?.received_date_time === r.received_date_time) groups[groups.length - 1]?.push(name);
      else groups.push([name]);
    });
    return groups.flatMap((g) => g.sort());
  };

  test('each filter of the admin list, newest first', async () => {
    await seed();
    expect(await ids({})).toEqual(['carol:m4', 'anna:m3', 'carol:m3', 'anna:m2', 'anna:m1', 'bo:m1']);
    expect(await ids({ oldestFirst: true })).toEqual(['anna:m1', 'bo:m1', 'anna:m2', 'anna:m3', 'carol:m3', 'carol:m4']);
    expect(await ids({ recipient: 'anna@contoso.example' })).toEqual(['anna:m3', 'anna:m2', 'anna:m1']);
    expect(await ids({ sender: 'billing@supplier.example' })).toEqual(['carol:m4', 'anna:m1', 'bo:m1']);
    expect(await ids({ senderDomain: 'supplier.example' })).toEqual(['carol:m4', 'anna:m2', 'anna:m1', 'bo:m1']);
    expect(await ids({ reason: 'bulk' })).toEqual(['anna:m2', 'bo:m1']);
    expect(await ids({ reason: 'highConfidencePhishing' })).toEqual(['anna:m3']);
    expect(await ids({ policy: 'AdminOnlyAccessPolicy' })).toEqual(['anna:m3', 'carol:m3', 'anna:m1']);
    expect(await ids({ releaseStatus: 'notReleased' })).toHaveLength(6);
    expect(await ids({ releaseStatus: 'requested' })).toEqual([]);
    const start = new Date('2026-11-22T12:00:00.000Z').getTime();
    expect(await ids({ receivedAfter: new Date(start + HOUR).toISOString(), receivedBefore: new Date(start + 3 * HOUR).toISOString() })).toEqual(['anna:m3', 'carol:m3', 'anna:m2']);
    // Bulk is kept 3 days here, everything else 30.
    expect(await ids({ expiresBefore: '2026-12-01T00:00:00.000Z' })).toEqual(['anna:m2', 'bo:m1']);
    expect(await ids({ expiresAfter: '2026-12-01T00:00:00.000Z', recipient: 'carol@contoso.example' })).toEqual(['carol:m4', 'carol:m3']);
    // With an expiry range the list is in expiry order: the bulk kept 3 days comes after anna:m1.
    expect(await ids({ expiresAfter: '2026-11-01T00:00:00.000Z' })).toEqual(['carol:m4', 'anna:m3', 'carol:m3', 'anna:m1', 'anna:m2', 'bo:m1']);
  });

  test('subject words: prefixes, any order, accents and case folded, with other filters', async () => {
    await seed();
    expect(await ids({ subjectWords: ['invoice'] })).toEqual(['carol:m4', 'anna:m1', 'bo:m1']);
    expect(await ids({ subjectWords: ['overd', 'inv'] })).toEqual(['anna:m1', 'bo:m1']);
    // Words as the services make them from a query: folded like the index (ö is o, ß stays ß).
    expect(await ids({ subjectWords: searchWords('ANGEBOTE größte') })).toEqual(['anna:m2']);
    expect(await ids({ subjectWords: ['invoice'], recipient: 'carol@contoso.example' })).toEqual(['carol:m4']);
    expect(await ids({ subjectWords: ['nothing'] })).toEqual([]);
  });

  test('keyset paging visits every row once, with and without a subject search', async () => {
    await seed();
    for (const filter of [{}, { oldestFirst: true }, { subjectWords: ['invoice'] }, { senderDomain: 'supplier.example' }, { expiresAfter: '2026-11-01T00:00:00.000Z' }, { expiresBefore: '2027-01-01T00:00:00.000Z', oldestFirst: true }] satisfies QuarantineFilter[]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<QuarantineRepo['list']>> = await repo.list(filter, 2, cursor === null ? undefined : decodeCursor(cursor));
        seen.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      const all = (await repo.list(filter, 50, undefined)).rows.map((r) => r.id);
      expect(seen).toEqual(all);
    }
  });

  test('the rows of one stored message, its band keys, and similar content found by them', async () => {
    await seed();
    const [first] = (await repo.list({ recipient: 'bo@contoso.example' }, 1, undefined)).rows;
    expect((await repo.ofMessage(first?.message_sha256 ?? '')).map((r) => r.recipient).sort()).toEqual(['anna@contoso.example', 'bo@contoso.example']);
    const keys = await db.selectFrom('quarantine_bands').select('band_key').where('message_sha256', '=', first?.message_sha256 ?? '').execute();
    expect(keys).toHaveLength(32);
    // Invoice 2026-119 has the same text as 2026-118 (only the subject differs): every other message shares bands with it.
    const similar = await repo.messagesSharingBands(keys.map((k) => k.band_key), 100);
    expect(similar).toContain(first?.message_sha256);
    expect(similar.length).toBeGreaterThan(1);
  });

  test('a stored message stays while a quarantined copy needs it, though the report that shared it is purged', async () => {
    const anna = await server.token('anna@contoso.example');
    const report = await server.app.inject({ method: 'POST', url: '/api/submissions', headers: { authorization: `Bearer ${anna}` }, payload: invoiceReport() });
    expect(report.statusCode).toBe(201);
    // Quarantined 80 days after the report (reports are kept 90 days, quarantined copies 30):
    // at day 100 the report is past retention, the quarantined copy is not.
    server.clock.advance(80 * 24 * HOUR);
    await intake(INVOICE_EML, ['anna@contoso.example']);
    expect((await storedQuarantine(server)).blobs).toBe(1);
    server.clock.advance(20 * 24 * HOUR);
    const purge = await server.app.services.retention.purge();
    expect(purge).toMatchObject({ submissions: 1, messages: 0 });
    const { rows, blobs } = await storedQuarantine(server);
    expect([rows.length, blobs]).toEqual([1, 1]);
  });
});
