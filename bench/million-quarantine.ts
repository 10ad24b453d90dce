/**
 * A million quarantined messages in the million-report bench folder (million-submissions.ts),
 * for the admin quarantine list bench. Built once (marked by a file), from a fixed seed, with
 * direct SQL as intake would have left them: 2,000 recipients, the same long tail of sender
 * domains, reasons in the proportions a filter quarantines them, two in a hundred asked for
 * release, one in ten released, expiry 30 days after arrival. Rows point at one shared stored
 * message (the list never reads it) and carry no fingerprint (no list reads one).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { searchableText } from '../src/server/store/search-text';
import { domainOf, MILLION, MILLION_NOW } from './million-submissions';
import { prng } from './prng';

const BATCH = 20_000;
const YEAR_MS = 365 * 86_400_000;
const DAY_MS = 86_400_000;
const REASONS = [
  ['spam', 0.45],
  ['bulk', 0.25],
  ['highConfidenceSpam', 0.12],
  ['phishing', 0.1],
  ['highConfidencePhishing', 0.04],
  ['malware', 0.02],
  ['organisationRule', 0.02],
] as const;
const POLICY: Record<string, string> = { spam: 'DefaultFullAccessPolicy', bulk: 'DefaultFullAccessPolicy', highConfidenceSpam: 'DefaultFullAccessPolicy', phishing: 'DefaultFullAccessPolicy' };
const WORDS = ['invoice', 'weekly', 'digest', 'offer', 'order', 'password', 'account', 'payment', 'overdue', 'delivery', 'webinar', 'faktura', 'facture', 'reminder', 'urgent', 'renewal'];

export const quarantineRecipientOf = (i: number): string => `user${i}@contoso.example`;

export function ensureMillionQuarantine(dir: string, log: (line: string) => void = () => {}): void {
  const done = path.join(dir, 'quarantine-complete');
  if (fs.existsSync(done)) return;
  const started = Date.now();
  log('building 1,000,000 quarantined messages (once; later runs reuse them)');
  const sqlite = new SQLite(path.join(dir, 'second-look.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF'); // a bench fixture, rebuilt if lost
  const sha = 'b'.repeat(64);
  sqlite.prepare(`insert or ignore into message_blobs (sha256, size, bytes) values (?, 3, ?)`).run(sha, Buffer.from('x\r\n'));
  // Indexes, the full-text index and its triggers are set aside while the rows go in and made
  // again once at the end: a million inserts into a dozen b-trees one row at a time is the
  // slow way (over 15 minutes here), one sorted build each is the fast one.
  const derived = sqlite
    .prepare(`select type, name, sql from sqlite_master where tbl_name = 'quarantined_messages' and type in ('index', 'trigger') and sql is not null`)
    .all() as Array<{ type: 'index' | 'trigger'; name: string; sql: string }>;
  for (const { type, name } of derived) sqlite.exec(`drop ${type} ${name}`);
  sqlite.exec('delete from quarantined_messages');
  const insert = sqlite.prepare(`insert into quarantined_messages (
      id, message_sha256, message_size, internet_message_id, recipient, sender, sender_name, sender_domain, envelope_sender,
      subject, subject_folded, received_date_time, reason, reason_basis, reason_evidence, policy, expires_date_time,
      release_status, release_requested_date_time, release_decided_date_time, release_decided_by, released_date_time,
      source, fingerprint, fingerprint_version)
    values (?, ?, 51200, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, 'headers', null, ?, ?, ?, ?, null, null, ?, 'smtp', null, 1)`);
  const random = prng(20_261_122);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const reason = (): string => {
    let r = random();
    for (const [name, share] of REASONS) if ((r -= share) < 0) return name;
    return 'spam';
  };
  const domainRank = (): number => Math.min(19_999, Math.floor(Math.exp(random() * Math.log(20_000))) - 1);
  const insertBatch = sqlite.transaction((from: number) => {
    for (let i = from; i < Math.min(from + BATCH, MILLION); i++) {
      const receivedMs = MILLION_NOW - YEAR_MS + (i / MILLION) * YEAR_MS;
      const received = new Date(receivedMs).toISOString();
      const domain = domainOf(domainRank());
      const sender = `${pick(['news', 'billing', 'info', 'noreply', 'offers'])}@${domain}`;
      const subject = `${pick(WORDS)} ${pick(WORDS)} ${Math.floor(random() * 10_000)}`;
      const why = reason();
      const state = random();
      const status = state < 0.02 ? 'requested' : state < 0.12 ? 'released' : state < 0.13 ? 'denied' : 'notReleased';
      insert.run(
        `q${i.toString(36).padStart(8, '0')}`,
        sha,
        `<q${i}@${domain}>`,
        quarantineRecipientOf(Math.floor(random() * 2_000)),
        sender,
        domain,
        sender,
        subject,
        searchableText(subject),
        received,
        why,
        POLICY[why] ?? 'AdminOnlyAccessPolicy',
        new Date(receivedMs + 30 * DAY_MS).toISOString(),
        status,
        status === 'notReleased' ? null : received,
        status === 'released' ? received : null,
      );
    }
  });
  for (let from = 0; from < MILLION; from += BATCH) insertBatch(from);
  for (const { sql } of derived) sqlite.exec(sql);
  sqlite.exec(`insert into quarantined_messages_fts (quarantined_messages_fts) values ('rebuild')`);
  sqlite.exec('analyze');
  sqlite.close();
  fs.writeFileSync(done, new Date().toISOString());
  log(`quarantine built in ${Math.round((Date.now() - started) / 1000)} s`);
}
