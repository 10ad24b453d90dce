/**
 * The cluster rule: which existing cluster a new report joins, if any.
 *
 * A report joins a cluster of its own sender key (sender.ts: the authenticated sender domain,
 * or the From domain marked unauthenticated) that either
 *
 * 1. already holds a report of the same message (the same Internet Message-ID, reported by
 *    another recipient), whatever their texts; or
 * 2. was started by a message whose text is similar to this one's: estimated Jaccard similarity
 *    of their fingerprints at least SIMILARITY_THRESHOLD (fingerprint.ts). The most similar wins.
 *
 * The sender key is a precondition of both: a Message-ID is written by the sender and can be
 * copied by anyone, so a look-alike reusing a real newsletter's Message-ID, or its text, does
 * not join that newsletter's cluster unless it passed authentication as the same domain.
 * Otherwise the report starts a cluster of its own.
 */
import { SIMILARITY_THRESHOLD, similarity, type Fingerprint } from './fingerprint';

export interface ClusterCandidate {
  id: string;
  senderKey: string;
  /** The fingerprint of the report that started the cluster, when it had text. */
  fingerprint?: Fingerprint | undefined;
  /** The cluster holds a report with the new report's Internet Message-ID. */
  sameMessage: boolean;
}

export type ClusterChoice =
  | { id: string; reason: 'sameMessage' }
  | { id: string; reason: 'similarText'; similarity: number };

export function chooseCluster(
  report: { senderKey: string; fingerprint?: Fingerprint | undefined },
  candidates: readonly ClusterCandidate[],
): ClusterChoice | undefined {
  const own = candidates.filter((c) => c.senderKey === report.senderKey);
  const same = own.find((c) => c.sameMessage);
  if (same !== undefined) return { id: same.id, reason: 'sameMessage' };
  if (report.fingerprint === undefined) return undefined;
  let best: ClusterChoice | undefined;
  let bestSimilarity = -1;
  for (const candidate of own) {
    if (candidate.fingerprint === undefined) continue;
    const s = similarity(report.fingerprint, candidate.fingerprint);
    if (s >= SIMILARITY_THRESHOLD && s > bestSimilarity) {
      best = { id: candidate.id, reason: 'similarText', similarity: s };
      bestSimilarity = s;
    }
  }
  return best;
}
