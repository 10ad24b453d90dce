/**
 * The policy decide() applies: the bulk threshold and what to do with each verdict, like a
 * Microsoft Defender anti-spam policy. Malware and high-confidence phishing can only be
 * quarantined (Exchange Online's "secure by default"), so the types do not allow anything
 * else.
 */
import type { DecisionAction, FilterVerdict } from '../../contracts/lists';

export interface VerdictActions {
  readonly spam: DecisionAction;
  readonly highConfidenceSpam: DecisionAction;
  readonly phishing: DecisionAction;
  readonly bulk: DecisionAction;
  /** Spoof intelligence's action (an anti-phishing policy setting in Defender). */
  readonly spoof: DecisionAction;
  readonly highConfidencePhishing: 'quarantine';
  readonly malware: 'quarantine';
}

export interface DecisionPolicy {
  /** A message whose BCL is at or above this is bulk (Defender: 1–9, default policy 7). */
  readonly bulkThreshold: number;
  readonly actions: VerdictActions;
}

/**
 * Defaults: Defender's Standard preset actions for anti-spam, the
 * default policy's bulk threshold (7) and spoof action (Junk).
 */
export const DEFAULT_POLICY: DecisionPolicy = {
  bulkThreshold: 7,
  actions: {
    spam: 'junk',
    highConfidenceSpam: 'quarantine',
    phishing: 'quarantine',
    highConfidencePhishing: 'quarantine',
    bulk: 'junk',
    malware: 'quarantine',
    spoof: 'junk',
  },
};

const SEVERITY: Readonly<Record<DecisionAction, number>> = { inbox: 0, junk: 1, quarantine: 2 };

/** The stricter of two actions: quarantine > junk > inbox. */
export function severest(a: DecisionAction, b: DecisionAction): DecisionAction {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/** What the policy does with a verdict when no list entry changes it. */
export function policyAction(verdict: FilterVerdict, policy: DecisionPolicy): DecisionAction {
  switch (verdict) {
    case 'none':
      return 'inbox';
    case 'bulk':
      return policy.actions.bulk;
    case 'spam':
      return policy.actions.spam;
    case 'highConfidenceSpam':
      return policy.actions.highConfidenceSpam;
    case 'spoof':
      return policy.actions.spoof;
    case 'phishing':
      return policy.actions.phishing;
    case 'highConfidencePhishing':
    case 'malware':
      return 'quarantine';
    default:
      // An unknown verdict is treated as the worst case.
      return 'quarantine';
  }
}
