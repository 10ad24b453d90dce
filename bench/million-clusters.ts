/**
 * The clusters of the million-report bench folder (million-submissions.ts), as the server would
 * have made them: every user report in a cluster, the clusters' counters, reporters and
 * recipients, and a few thousand admin analyses of clustered reports. Built once (marked by a
 * file of its own) with direct SQL in one transaction.
 *
 * Sizes come out as mail clusters do: the reports the folder put in 5,000 sender clusters
 * (a long tail from tens of thousands of reports down to a handful), and of the rest, 60 % alone
 * (one-off mail) and 40 % in small groups of one sender and subject word (a few to a few
 * hundred). About 420,000 clusters in all. Signatures are random bytes of the real size; the
 * similarity index (cluster_bands) is left empty, as no list reads it.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/** Creates the clusters once; later calls return at once. */
export function ensureMillionClusters(dir: string, log: (line: string) => void = () => {}): void {
  // v2: cluster ids are API ids ([A-Za-z0-9_-]); v1 put dots of domain names in them.
  const done = path.join(dir, 'clusters-complete-v2');
  if (fs.existsSync(done)) return;
  const started = Date.now();
  log('building the clusters of the million reports (once; later runs reuse them)');
  const sqlite = new SQLite(path.join(dir, 'second-look.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF'); // a bench fixture, rebuilt if lost
  sqlite.transaction(() => {
    // What an earlier version of this fixture made, if anything: gone, so it is made afresh.
    sqlite.exec(`delete from submissions where source = 'administrator' and id like 'a%' and original_submission_id is not null`);
    sqlite.exec(`update submissions set cluster_id = null where cluster_id is not null`);
    sqlite.exec('delete from cluster_people');
    sqlite.exec('delete from clusters');
    // One-off mail alone; 4 in 10 of the rest grouped by sender domain and first subject word.
    sqlite.exec(`update submissions set cluster_id = case
        when unicode(substr(id, -1)) % 10 < 4 then 'g' || substr(hex(sender_domain || '-' || substr(subject, 1, instr(subject, ' ') - 1)), 1, 60)
        else 's' || id end
      where cluster_id is null and source = 'user'`);
    sqlite.exec(`insert into clusters (
        id, sender_key, sender_domain, sender_basis, representative_id, subject, signature, fingerprint_version,
        report_count, reporter_count, recipient_count, open_count, not_junk_count, spam_count, phishing_count, malware_count,
        first_seen_date_time, last_seen_date_time, status, decision_result, decision_message, decision_notify,
        decided_date_time, decided_by, auto_resolve, created_date_time)
      select cluster_id, 'auth:' || min(sender_domain), min(sender_domain), 'dmarc', min(id), min(subject), randomblob(512), 1,
        count(*), count(distinct created_by_email), count(distinct recipient_email_address),
        sum(review_result is null), sum(category = 'notJunk'), sum(category = 'spam'), sum(category = 'phishing'), sum(category = 'malware'),
        min(created_date_time), max(created_date_time),
        case when sum(review_result is null) = 0 then 'decided' else 'open' end,
        null, null, 1, null, null, 0, min(created_date_time)
      from submissions where cluster_id is not null and source = 'user' group by cluster_id`);
    // A decided cluster in twenty was marked as a whole, and half of those auto-resolve.
    sqlite.exec(`update clusters set decision_result = 'noThreatsFound', decided_date_time = last_seen_date_time, decided_by = 'secops@contoso.example',
        status = 'decided', auto_resolve = abs(random()) % 2
      where status = 'decided' and abs(random()) % 20 = 0`);
    for (const [role, column] of [['reporter', 'created_by_email'], ['recipient', 'recipient_email_address']] as const) {
      sqlite.exec(`insert into cluster_people (cluster_id, role, address)
        select distinct cluster_id, '${role}', ${column} from submissions where cluster_id is not null`);
    }
    // Admins analysed a representative of one cluster in a hundred (the larger ones first).
    sqlite.exec(`insert into submissions (
        id, category, source, status, internet_message_id, recipient_email_address, to_recipients, sender, subject,
        received_date_time, created_date_time, created_by_email, created_by_subject, headers_raw, original_submission_id, result,
        subject_folded, sender_domain)
      select 'a' || s.id, s.category, 'administrator', 'succeeded', s.internet_message_id, s.recipient_email_address, '[]', s.sender, s.subject,
        s.received_date_time, c.last_seen_date_time, 'secops@contoso.example', 'oidc:bench:secops', s.headers_raw, s.id,
        '{"schemaVersion":1,"category":"spam","primaryCause":{"kind":"contentFilter"}}', s.subject_folded, s.sender_domain
      from clusters c join submissions s on s.id = c.representative_id
      where c.report_count >= 20 or unicode(substr(c.id, -1)) % 100 = 0`);
  })();
  sqlite.exec('analyze');
  sqlite.close();
  fs.writeFileSync(done, new Date().toISOString());
  log(`clusters built in ${Math.round((Date.now() - started) / 1000)} s`);
}
