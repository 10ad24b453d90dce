/**
 * Table types for Kysely. Dates are stored as ISO-8601 UTC text (`2026-11-22T15:23:47.123Z`)
 * in both SQLite and PostgreSQL: one code path, and text order is time order.
 */
import type { Generated } from 'kysely';
import type { ClusterTables } from './schema-clusters';
import type { MailTables } from './schema-mail';
import type { QuarantineTables } from './schema-quarantine';
import type { QuarantineBulkTables } from './schema-quarantine-bulk';
import type { SignInTables } from './schema-sign-in';

export interface SubmissionsTable {
  id: string;
  category: string;
  source: string;
  status: string;
  internet_message_id: string;
  recipient_email_address: string;
  /** JSON array of addresses. */
  to_recipients: string;
  sender: string;
  subject: string;
  received_date_time: string;
  created_date_time: string;
  created_by_email: string;
  /** The reporter's stable subject (see Principal.id); null on rows from before migration 005. */
  created_by_subject: string | null;
  created_by_name: string | null;
  comment: string | null;
  /** The original message in message_blobs; null when only headers were given. */
  message_sha256: string | null;
  message_size: number | null;
  /** The internet header block exactly as received. */
  headers_raw: string;
  original_submission_id: string | null;
  /** JSON of the analysis result. */
  result: string | null;
  idempotency_key: string | null;
  /** The admin's review of a user report (migration 006): null until marked. */
  review_result: string | null;
  review_message: string | null;
  reviewed_date_time: string | null;
  reviewed_by: string | null;
  cluster_id: string | null;
  /** The reporter's language (en-US, da-DK, fr-FR) when the add-in said; notices use it. */
  reporter_locale: string | null;
  /** The subject folded for search (search-text.ts): what the full-text index reads. */
  subject_folded: string;
  /** The sender's domain, lower-cased, for "every sender at this domain". */
  sender_domain: string;
}

/** An original message, keyed by the SHA-256 of its bytes (stored once however often reported). */
export interface MessageBlobsTable {
  sha256: string;
  size: number;
  bytes: Uint8Array;
  created_date_time: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor: string;
  /** The actor's stable subject; null for the system's own jobs and rows before migration 005. */
  actor_subject: string | null;
  action: string;
  target_type: string;
  target_id: string;
  /** JSON with what changed. */
  detail: string;
}

export interface UserListEntriesTable {
  id: string;
  owner_email: string;
  /** 'safe' | 'blocked' */
  list: string;
  value: string;
  display_value: string;
  value_type: string;
  created_date_time: string;
}

export interface AllowBlockEntriesTable {
  id: string;
  value: string;
  display_value: string;
  value_type: string;
  action: string;
  source: string;
  submission_id: string | null;
  /** JSON of the Expiration rule. */
  expiration: string;
  expiration_set_date_time: string;
  note: string;
  created_by: string;
  created_date_time: string;
  modified_by: string;
  modified_date_time: string;
  last_used_date_time: string | null;
}

/** A value an admin saved in the portal (templates, policy), as JSON. */
export interface SettingsTable {
  key: string;
  value: string;
  modified_by: string;
  modified_date_time: string;
}

export interface Database extends MailTables, ClusterTables, SignInTables, QuarantineTables, QuarantineBulkTables {
  submissions: SubmissionsTable;
  settings: SettingsTable;
  message_blobs: MessageBlobsTable;
  audit_log: AuditTable;
  user_list_entries: UserListEntriesTable;
  allow_block_entries: AllowBlockEntriesTable;
}
