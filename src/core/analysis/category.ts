/**
 * The category (what the evidence says the message is), the evidence that was missing
 * when it cannot be told, and the "is the block right?" assessment.
 */
import type { AssessmentKind, CauseKind, VerdictCategory } from '../../contracts/verdict';
import type { DecodedFacts } from './types';
import type { DerivedFacts, Implication } from './rules/rule-types';
import type { Hit } from './hits';

const STRENGTH: Readonly<Record<Implication, number>> = { notJunk: 1, spam: 2, phishing: 3, malware: 4 };

export function categoryOf(hits: readonly Hit[], primaryKind: CauseKind, derived: DerivedFacts): VerdictCategory {
  let strongest: Implication | undefined;
  for (const hit of hits) {
    const implied = hit.rule.implies;
    if (implied !== undefined && (strongest === undefined || STRENGTH[implied] > STRENGTH[strongest])) strongest = implied;
  }
  if (strongest !== undefined) return strongest;
  // Configuration blocked before any filter looked, and the sender proved who they are.
  if (primaryKind === 'tenantConfiguration' && derived.authPassed) return 'notJunk';
  return 'undetermined';
}

/** Header names (or "Header: TOKEN") that were looked for and not found; never empty. */
export function absentEvidence(facts: DecodedFacts, hits: readonly Hit[]): string[] {
  const absent: string[] = [];
  const judged = hits.some((h) => h.rule.implies !== undefined);
  if (!judged) {
    const ff = facts.forefront;
    if (ff !== undefined) {
      if (ff.cat === 'BULK' && facts.microsoft.bcl === undefined) absent.push('X-Microsoft-Antispam: BCL');
      else absent.push(ff.cat === undefined || ff.cat === 'NONE' ? `${ff.header}: CAT` : `${ff.header}: SFV`);
    } else if (facts.spamAssassin !== undefined) {
      absent.push(`${facts.spamAssassin.header}: Yes/No`);
    } else if (facts.rspamd !== undefined) {
      absent.push('X-Spamd-Result: True/False');
    } else {
      absent.push('X-Forefront-Antispam-Report', 'X-Spam-Status', 'X-Spamd-Result');
    }
  }
  const a = facts.auth;
  if (a.spf === undefined && a.dmarc === undefined && a.compauth === undefined && a.dkim.length === 0 && a.receivedSpf.length === 0) {
    absent.push('Authentication-Results');
  }
  if (absent.length === 0) absent.push('X-Forefront-Antispam-Report');
  return absent;
}

export function assessmentOf(blocked: boolean, category: VerdictCategory, primaryKind: CauseKind): AssessmentKind {
  const threat = category === 'spam' || category === 'phishing' || category === 'malware';
  if (!blocked) return threat ? 'missedThreat' : 'notBlocked';
  if (category === 'malware' || category === 'phishing') return 'justified';
  if (primaryKind === 'tenantConfiguration') return category === 'spam' ? 'justified' : 'configurationDriven';
  if (category === 'spam') return 'justified';
  if (category === 'notJunk') return 'likelyFalsePositive';
  return 'undetermined';
}
