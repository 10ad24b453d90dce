/**
 * A server data folder whose SQLite file holds 1,000,000 user reports: what the list, cluster
 * and portal benches measure against. Built once from a fixed seed (about a minute) and kept in
 * the system's temporary folder, so later runs reuse it (migrated forward as a server would).
 *
 * The rows look like a year of a large organisation's reports: 5,000 reporters, a long tail
 * of 20,000 sender domains with a few very common ones, mostly "not junk" (newsletters and
 * business mail), 70 % reviewed, a third in clusters, subjects built from common words so that
 * a subject search matches from a handful of rows to tens of thousands.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { migrateToLatest, openDatabase } from '../src/server/store/database';
import { searchableText } from '../src/server/store/search-text';
import { ensureMillionClusters } from './million-clusters';
import { prng } from './prng';

export const MILLION = 1_000_000;
/** Raise when the rows this file writes change; a schema change alone does not need it. */
const FIXTURE_VERSION = 1;
const BATCH = 20_000;
const YEAR_MS = 365 * 86_400_000;
/** The bench's "now": the newest report is a little before it. */
export const MILLION_NOW = Date.parse('2026-11-22T12:00:00.000Z');

const CATEGORIES = [
  ['notJunk', 0.6],
  ['spam', 0.25],
  ['phishing', 0.12],
  ['malware', 0.03],
] as const;
const REVIEWS = ['noThreatsFound', 'spam', 'phishing'] as const;
const WORDS = [
  'invoice', 'weekly', 'digest', 'newsletter', 'order', 'shipped', 'password', 'reset', 'account', 'update', 'meeting',
  'agenda', 'quarterly', 'report', 'payment', 'overdue', 'statement', 'delivery', 'failed', 'webinar', 'offer', 'faktura',
  'rechnung', 'facture', 'reminder', 'security', 'alert', 'urgent', 'subscription', 'renewal', 'shared', 'document',
];

export interface MillionRow {
  id: string;
  reporter: string;
  sender: string;
  senderDomain: string;
  recipient: string;
  clusterId: string | null;
}

/** Reporter i's address; senders' domains by rank (rank 0 the most common). */
export const reporterOf = (i: number): string => `user${i}@contoso.example`;
export const domainOf = (rank: number): string => `sender${rank}.example`;

/** The data folder (with second-look.sqlite) holding the million reports, built if missing. */
export async function millionSubmissionsDataDir(log: (line: string) => void = () => {}): Promise<string> {
  // Kept across schema changes: a later migration is applied to the folder as a server's start
  // would apply it (which is what an upgrade does to a big database), instead of a rebuild.
  const dir = path.join(os.tmpdir(), 'second-look-bench', `million-v${FIXTURE_VERSION}`);
  const file = path.join(dir, 'second-look.sqlite');
  const done = path.join(dir, 'complete');
  if (fs.existsSync(done)) {
    const db = openDatabase({ dataDir: dir, databaseUrl: undefined });
    const applied = await migrateToLatest(db);
    await db.destroy();
    if (applied.length > 0) log(`applied ${applied.join(', ')} to the bench folder`);
    // Every user report is in a cluster, as the server leaves them (else it would cluster them at start).
    ensureMillionClusters(dir, log);
    return dir;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const db = openDatabase({ dataDir: dir, databaseUrl: undefined });
  await migrateToLatest(db);
  await db.destroy();

  log(`building ${MILLION.toLocaleString('en-US')} reports in ${dir} (once; later runs reuse it)`);
  const started = Date.now();
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF'); // a bench fixture, rebuilt if lost
  const insert = sqlite.prepare(`insert into submissions (
    id, category, source, status, internet_message_id, recipient_email_address, to_recipients, sender, subject,
    received_date_time, created_date_time, created_by_email, created_by_subject, created_by_name, comment,
    message_sha256, message_size, headers_raw, original_submission_id, result, idempotency_key,
    review_result, review_message, reviewed_date_time, reviewed_by, cluster_id, reporter_locale, subject_folded, sender_domain
  ) values (?, ?, 'user', ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, null, null, null, null, ?, null, null, null, ?, null, ?, ?, ?, 'en-US', ?, ?)`);
  const random = prng(1_000_000);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const category = (): string => {
    let r = random();
    for (const [name, share] of CATEGORIES) if ((r -= share) < 0) return name;
    return 'notJunk';
  };
  // Zipf-like: rank ~ exp(u * ln 20000), so a few domains are very common.
  const domainRank = (): number => Math.min(19_999, Math.floor(Math.exp(random() * Math.log(20_000))) - 1);
  const insertBatch = sqlite.transaction((from: number) => {
    for (let i = from; i < Math.min(from + BATCH, MILLION); i++) {
      const created = new Date(MILLION_NOW - YEAR_MS + (i / MILLION) * YEAR_MS).toISOString();
      const rank = domainRank();
      const sender = `${pick(['news', 'billing', 'info', 'noreply', 'team'])}@${domainOf(rank)}`;
      const reporter = reporterOf(Math.floor(random() * 5_000));
      const subject = `${pick(WORDS)} ${pick(WORDS)} ${Math.floor(random() * 10_000)} ${pick(WORDS)}`;
      const reviewed = random() < 0.7;
      const clustered = random() < 0.33;
      insert.run(
        `r${i.toString(36).padStart(8, '0')}`,
        category(),
        reviewed ? 'succeeded' : 'pending',
        `<m${i}@${domainOf(rank)}>`,
        reporter,
        sender,
        subject,
        created,
        created,
        reporter,
        `oidc:bench:${reporter}`,
        `From: ${sender}\r\nSubject: ${subject}\r\n`,
        reviewed ? pick(REVIEWS) : null,
        reviewed ? new Date(Date.parse(created) + Math.floor(random() * 86_400_000)).toISOString() : null,
        reviewed ? 'secops@contoso.example' : null,
        clustered ? `c${(rank % 5_000).toString(36)}` : null,
        searchableText(subject),
        domainOf(rank),
      );
    }
  });
  for (let from = 0; from < MILLION; from += BATCH) insertBatch(from);
  sqlite.pragma('optimize');
  sqlite.exec('analyze');
  sqlite.close();
  fs.writeFileSync(done, new Date().toISOString());
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  ensureMillionClusters(dir, log);
  return dir;
}
