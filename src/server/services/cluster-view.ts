/** Turns stored cluster rows into the API's Cluster shape (contracts), in one place. */
import type { Cluster, ClusterStatus } from '../../contracts/portal/clusters';
import type { ReviewResult } from '../../contracts/portal/review';
import type { ClusterSummaryRow, LatestAnalysisRow } from '../store/clusters-repo';

function verdictOf(analysis: LatestAnalysisRow | undefined): Cluster['latestVerdict'] {
  if (analysis === undefined) return null;
  let category = 'undetermined';
  let primaryCause = 'undetermined';
  try {
    const verdict = JSON.parse(analysis.result ?? 'null') as { category?: unknown; primaryCause?: { kind?: unknown } } | null;
    if (typeof verdict?.category === 'string') category = verdict.category;
    if (typeof verdict?.primaryCause?.kind === 'string') primaryCause = verdict.primaryCause.kind;
  } catch {
    // A verdict that does not parse is shown as undetermined, never as a 500.
  }
  return { submissionId: analysis.id, category, primaryCause, analyzedDateTime: analysis.created_date_time };
}

export function toCluster(row: ClusterSummaryRow, latestAnalysis: LatestAnalysisRow | undefined): Cluster {
  return {
    id: row.id,
    senderDomain: row.sender_domain,
    representativeId: row.representative_id,
    subject: row.subject,
    reportCount: Number(row.report_count),
    reporterCount: Number(row.reporter_count),
    recipientCount: Number(row.recipient_count),
    openCount: Number(row.open_count),
    firstSeenDateTime: row.first_seen_date_time,
    lastSeenDateTime: row.last_seen_date_time,
    categories: { notJunk: Number(row.not_junk_count), spam: Number(row.spam_count), phishing: Number(row.phishing_count), malware: Number(row.malware_count) },
    status: row.status as ClusterStatus,
    decision:
      row.decision_result === null || row.decided_date_time === null
        ? null
        : { result: row.decision_result as ReviewResult, message: row.decision_message, decidedDateTime: row.decided_date_time, decidedBy: row.decided_by ?? '' },
    autoResolve: Number(row.auto_resolve) === 1,
    latestVerdict: verdictOf(latestAnalysis),
  };
}
