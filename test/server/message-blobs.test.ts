/**
 * Original messages are stored by content in the database, in the same transaction as their
 * submission rows: once per hash, never one without the other, on SQLite and PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Migrator } from 'kysely';
import { migrateToLatest, openDatabase, sqliteFileOf, type Db } from '../../src/server/store/database';
import { migrationProvider } from '../../src/server/store/migrations';
import { BlobReader, messageBlobOf } from '../../src/server/store/blob-store';
import { SqliteReader } from '../../src/server/store/sqlite-reader';
import { SqliteWriter } from '../../src/server/store/sqlite-writer';
import { SubmissionsRepo, type SubmissionRow } from '../../src/server/store/submissions-repo';
import { databaseKinds, freshPostgresSchema, type DatabaseKind } from '../helpers/databases';
import { rowsIn, tempDir, type CountedTable } from '../helpers/server';

function row(overrides: Partial<SubmissionRow> = {}): SubmissionRow {
  return {
    id: randomUUID(),
    category: 'notJunk',
    source: 'user',
    status: 'pending',
    internet_message_id: '<a@example.com>',
    recipient_email_address: 'anna@contoso.example',
    to_recipients: '[]',
    sender: 'billing@supplier.example',
    subject: 'Invoice',
    received_date_time: '2026-11-22T09:00:00.000Z',
    created_date_time: '2026-11-22T12:00:00.000Z',
    created_by_email: 'anna@contoso.example',
    created_by_subject: 'oidc:urn:second-look:embedded:anna@contoso.example',
    created_by_name: null,
    comment: null,
    message_sha256: null,
    message_size: null,
    headers_raw: 'Subject: Invoice',
    original_submission_id: null,
    result: null,
    idempotency_key: null,
    review_result: null,
    review_message: null,
    reviewed_date_time: null,
    reviewed_by: null,
    cluster_id: null,
    reporter_locale: null,
    subject_folded: 'invoice',
    sender_domain: 'supplier.example',
    ...overrides,
  };
}

describe.each(databaseKinds())('message blobs on %s', (kind: DatabaseKind) => {
  let dataDir: string;
  let db: Db;
  let writer: SqliteWriter | undefined;
  /** On SQLite, messages are read on the reader thread, as the server does. */
  let reader: SqliteReader | undefined;
  let repo: SubmissionsRepo;
  let drop: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    dataDir = tempDir();
    let databaseUrl: string | undefined;
    if (kind === 'postgresql') {
      const schema = await freshPostgresSchema();
      databaseUrl = schema.url;
      drop = schema.drop;
    }
    db = openDatabase({ dataDir, databaseUrl });
    await migrateToLatest(db);
    const file = sqliteFileOf({ dataDir, databaseUrl });
    writer = file ? new SqliteWriter(file) : undefined;
    reader = file ? new SqliteReader(file) : undefined;
    repo = new SubmissionsRepo(db, writer);
  });
  afterEach(async () => {
    await writer?.close();
    await reader?.close();
    await db.destroy();
    await drop?.();
  });

  const count = (table: CountedTable) => rowsIn(db, table);

  test('hashes with SHA-256 and stores each message once, however often it is reported', async () => {
    const bytes = Buffer.from('Subject: hello\r\n\r\nbody');
    const blob = await messageBlobOf(bytes);
    expect(blob.sha256).toBe(createHash('sha256').update(bytes).digest('hex')); // checked independently
    expect(blob.size).toBe(bytes.length);
    // Concurrent inserts share a batch; later ones find the message already stored.
    await Promise.all([1, 2, 3].map(() => repo.insert(row({ message_sha256: blob.sha256, message_size: blob.size }), blob)));
    await repo.insert(row(), await messageBlobOf(Buffer.from(bytes)));
    expect(await count('message_blobs')).toBe(1);
    expect(await count('submissions')).toBe(4);
    const blobs = new BlobReader(db, undefined, reader);
    expect(Buffer.compare((await blobs.get(blob.sha256)) ?? Buffer.alloc(0), bytes)).toBe(0);
    expect(await blobs.get('0'.repeat(64))).toBeUndefined();
    expect(await blobs.get('../../etc/passwd')).toBeUndefined();
  });

  test('keeps every byte of a large binary message exactly', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    const blob = await messageBlobOf(bytes);
    await repo.insert(row({ message_sha256: blob.sha256, message_size: blob.size }), blob);
    const back = await new BlobReader(db, undefined, reader).get(blob.sha256);
    expect(back?.length).toBe(bytes.length);
    expect(Buffer.compare(back ?? Buffer.alloc(0), bytes)).toBe(0);
  });

  test('reading a large message leaves the event loop free (SQLite reads on its own thread)', async () => {
    if (kind !== 'sqlite') return; // PostgreSQL's driver never blocks the loop
    const bytes = Buffer.alloc(30 * 1024 * 1024, 'x');
    const blob = await messageBlobOf(bytes);
    await repo.insert(row({ message_sha256: blob.sha256, message_size: blob.size }), blob);
    let turns = 0;
    let reading = true;
    const spin = (): void => {
      turns++;
      if (reading) setImmediate(spin);
    };
    setImmediate(spin);
    const back = await new BlobReader(db, undefined, reader).get(blob.sha256);
    reading = false;
    expect(back?.length).toBe(bytes.length);
    // Read on the event loop, the whole 30 MB would come back within one or two turns.
    expect(turns).toBeGreaterThan(20);
  });

  test('a row that cannot be committed leaves its message unstored too', async () => {
    const first = await messageBlobOf(Buffer.from('Subject: one\r\n\r\nx'));
    await repo.insert(row({ created_by_email: 'anna@contoso.example', idempotency_key: 'k1' }), first);
    const second = await messageBlobOf(Buffer.from('Subject: two\r\n\r\ny'));
    // The same idempotency key: the unique index refuses the row, and with it the message.
    await expect(repo.insert(row({ created_by_email: 'anna@contoso.example', idempotency_key: 'k1' }), second)).rejects.toThrow();
    expect(await count('submissions')).toBe(1);
    expect(await new BlobReader(db, undefined, reader).get(second.sha256)).toBeUndefined();
    expect(await new BlobReader(db, undefined, reader).get(first.sha256)).toBeDefined();
  });

  test('migration 004 will not be rolled back over stored messages (earlier code could not read them)', async () => {
    const blob = await messageBlobOf(Buffer.from('Subject: kept\r\n\r\nx'));
    await repo.insert(row(), blob);
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('003-audit-by-target');
    expect(String(error)).toMatch(/earlier versions cannot read/);
    expect(await count('message_blobs')).toBe(1);
  });

  test('messages that servers before migration 004 kept as files are still read', async () => {
    const bytes = Buffer.from('From: a@example.com\r\n\r\nkept as a file');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const root = path.join(dataDir, 'messages');
    fs.mkdirSync(path.join(root, sha256.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(root, sha256.slice(0, 2), `${sha256}.eml`), bytes);
    expect(Buffer.compare((await new BlobReader(db, root, reader).get(sha256)) ?? Buffer.alloc(0), bytes)).toBe(0);
    expect(await new BlobReader(db, undefined, reader).get(sha256)).toBeUndefined();
  });
});
