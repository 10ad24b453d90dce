/** Bulk release jobs and stored analyses of quarantined messages (migration 012). */

/**
 * One bulk release: the selected members are in bulk_release_members. A job is run by one
 * instance at a time: the one holding its lease (lease_owner until lease_expires), which it
 * renews in every batch's transaction; a lease that ran out may be taken by any instance.
 */
export interface BulkReleaseJobsTable {
  id: string;
  /** queued | running | done | failed (the contracts' BulkJobState). */
  state: string;
  similar_to: string;
  by_kind: string;
  total: number;
  released: number;
  failed: number;
  created_by: string;
  created_by_subject: string | null;
  created_date_time: string;
  finished_date_time: string | null;
  lease_owner: string | null;
  lease_expires: string | null;
}

/**
 * One quarantined row a job releases. Its state becomes `released` (or `failed`) in the same
 * transaction that releases the row and queues its delivery, so a job resumed after a crash
 * never queues a member twice.
 */
export interface BulkReleaseMembersTable {
  job_id: string;
  row_id: string;
  /** pending | released | failed */
  state: string;
  mail_id: string | null;
  detail: string | null;
}

/** The analyzer's verdict on a quarantined message (by stored message): the latest analysis. */
export interface QuarantineAnalysesTable {
  message_sha256: string;
  submission_id: string;
  category: string;
  analyzed_by: string;
  analyzed_date_time: string;
}

export interface QuarantineBulkTables {
  bulk_release_jobs: BulkReleaseJobsTable;
  bulk_release_members: BulkReleaseMembersTable;
  quarantine_analyses: QuarantineAnalysesTable;
}
