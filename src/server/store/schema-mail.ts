/** The outgoing mail queue (migration 007). */

export interface MailOutboxTable {
  id: string;
  /** `reviewNotice` | `quarantineRelease` | `quarantineNotice` | `quarantineRequestNotice` (the contracts' MailKind). */
  kind: string;
  from_address: string;
  to_address: string;
  subject: string;
  text_body: string;
  message_id: string;
  related_id: string | null;
  /** queued | sending | sent | failed | unconfirmed (the contracts' MailState). */
  state: string;
  attempts: number;
  next_attempt_date_time: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_date_time: string;
  sent_date_time: string | null;
  /** A stored message sent on as it is (migration 011): its SHA-256 in message_blobs; text_body is then the header line put in front. */
  raw_sha256: string | null;
}

export interface MailTables {
  mail_outbox: MailOutboxTable;
}
