/** The quarantine (migration 010). */

/**
 * One quarantined message for one recipient. Every recipient's row of a message refers to the
 * same stored original (`message_blobs`, by SHA-256), so a message to fifty people is kept once.
 * The id is derived from (Internet Message-ID, recipient, SHA-256): the same delivery repeated
 * (an MTA's retry after a lost 250, an import run twice) is the same row.
 */
export interface QuarantinedMessagesTable {
  id: string;
  /** The original message in message_blobs. */
  message_sha256: string;
  message_size: number;
  /** The Message-ID field as written (control characters removed); '' when the message has none. */
  internet_message_id: string;
  /** The envelope recipient's mailbox, normalised, any quarantine tag taken off. */
  recipient: string;
  /** The From address, lower-cased; '' when the message names none that can be read. */
  sender: string;
  /** The From display name, decoded; null without one. */
  sender_name: string | null;
  /** The sender's domain, lower-cased, for "every sender at this domain". */
  sender_domain: string;
  /** The envelope sender (MAIL FROM; Return-Path on import); '' for the null sender or unknown. */
  envelope_sender: string;
  /** The Subject, decoded, one line. */
  subject: string;
  /** The subject folded for search (search-text.ts): what the full-text index reads. */
  subject_folded: string;
  /** When the quarantine took it in: the order of every list, and where retention counts from. */
  received_date_time: string;
  /** The contracts' QuarantineReason. */
  reason: string;
  /** `headers` | `envelopeTag` | `default`: where the reason came from. */
  reason_basis: string;
  /** The header and token (or the tag) the reason rests on, e.g. `X-Forefront-Antispam-Report: CAT:PHSH`. */
  reason_evidence: string | null;
  /** The quarantine policy's name, fixed at intake (a later change of mapping does not touch it). */
  policy: string;
  /** When retention ends for this row. */
  expires_date_time: string;
  /** notReleased | requested | released | denied (the contracts' ReleaseStatus). */
  release_status: string;
  /** When the recipient asked for release, and who decided (and when): for the later actions. */
  release_requested_date_time: string | null;
  release_decided_date_time: string | null;
  release_decided_by: string | null;
  released_date_time: string | null;
  /** How it came in: `smtp` | `http` | `import`. */
  source: string;
  /** The message text's MinHash signature (core/clusters, 512 bytes); null when it has no text. */
  fingerprint: Uint8Array | null;
  fingerprint_version: number;
}

/**
 * The similarity index of quarantined content: the LSH band keys (core/clusters lsh.ts) of each
 * stored message's fingerprint, once per message (not per recipient). A message's keys find the
 * other messages worth comparing it with by index; their rows are found by message_sha256.
 */
export interface QuarantineBandsTable {
  band_key: number;
  message_sha256: string;
}

export interface QuarantineTables {
  quarantined_messages: QuarantinedMessagesTable;
  quarantine_bands: QuarantineBandsTable;
}
