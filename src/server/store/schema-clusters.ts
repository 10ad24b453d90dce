/** Clusters of similar reports (migration 008). */

export interface ClustersTable {
  id: string;
  /**
   * Whose mail the cluster holds (core/clusters sender.ts): `auth:DOMAIN` when the sender
   * domain was authenticated at the boundary, `from:DOMAIN` when only the From field named it;
   * at mailbox providers the address follows the domain.
   */
  sender_key: string;
  sender_domain: string;
  /** How the domain was established: `dmarc`, `dkim` or `from`. */
  sender_basis: string;
  /** The report that started the cluster (or, once it is purged, its oldest report). */
  representative_id: string;
  subject: string;
  /** The representative's MinHash signature (512 bytes); null when it had no text. */
  signature: Uint8Array | null;
  fingerprint_version: number;
  report_count: number;
  reporter_count: number;
  recipient_count: number;
  /** Reports not reviewed yet. */
  open_count: number;
  not_junk_count: number;
  spam_count: number;
  phishing_count: number;
  malware_count: number;
  first_seen_date_time: string;
  last_seen_date_time: string;
  /** `open` | `decided`. */
  status: string;
  /** The admin's mark of the whole cluster: what auto-resolve answers new reports with. */
  decision_result: string | null;
  decision_message: string | null;
  /** 1 when the mark notified reporters (auto-resolved reports are notified alike). */
  decision_notify: number;
  decided_date_time: string | null;
  decided_by: string | null;
  /** 1: new reports joining a decided cluster get its decision at once. */
  auto_resolve: number;
  created_date_time: string;
}

/** The similarity index: one row per LSH band key of a cluster's signature (core/clusters lsh.ts). */
export interface ClusterBandsTable {
  band_key: number;
  cluster_id: string;
}

/** The distinct reporters and recipients of each cluster: what its two counts count. */
export interface ClusterPeopleTable {
  cluster_id: string;
  /** `reporter` | `recipient`. */
  role: string;
  address: string;
}

export interface ClusterTables {
  clusters: ClustersTable;
  cluster_bands: ClusterBandsTable;
  cluster_people: ClusterPeopleTable;
}
