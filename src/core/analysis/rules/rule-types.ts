/**
 * The shape of a rule: a stable code, a predicate over the decoded facts that returns the
 * evidence it rests on (empty when the rule does not apply), and what the finding means
 * (severity, cause, layer, priority, text keys). Rules are data; the judge only runs them.
 */
import type { BlockingLayer, CauseKind, ConfigSetting, Evidence, Severity } from '../../../contracts/verdict';
import type { FindingCode, RecommendationCode } from '../../../i18n/findings';
import type { AuthMethodResult, BodyFacts, DecodedFacts, FilterVerdict } from '../types';

/**
 * cause: can be the primary cause of a block. contributing: listed next to it, never
 * primary (a Bayes score, a DNSBL hit). allow: configuration that delivered the message
 * (a Safe Senders entry, a connection-filter allow, a rule that moved it to a folder): the
 * primary cause when nothing blocked it. info: context, not a cause (a pass).
 */
export type RuleRole = 'cause' | 'contributing' | 'allow' | 'info';

/** What a finding says the message is; the strongest one present becomes the category. */
export type Implication = 'notJunk' | 'spam' | 'phishing' | 'malware';

/** Values computed once per message that many rules need. */
export interface DerivedFacts {
  senderAddress?: string;
  senderDomain?: string;
  senderIp?: string;
  /** SPF's own view: the envelope domain it checked and the IP it checked. */
  spf?: { result: string; domain?: string; ip?: string; evidence: Evidence };
  /** The filter acted on bulk (CAT:BULK or SRV:BULK). */
  bulkActed: boolean;
  /** DMARC or composite authentication passed, by a result written inside the boundary. */
  authPassed: boolean;
  /** Authentication can still explain a block: composite auth is absent or failed. */
  authCanBlock: boolean;
  /** The boundary's own DMARC or composite authentication failure, when there is one. */
  authFailed?: Evidence;
  /** The message left through its sender's outbound filter (DIR:OUT): the auth results are of an internal hop. */
  outbound: boolean;
  /** SFV value when configuration decided before the content filter (BLK, SKB, SKS). */
  configuredSfv?: string;
}

export interface RuleContext {
  facts: DecodedFacts;
  /**
   * The inside verdicts the generic filter rules judge: those of families without detailed
   * rules, and, when nothing else explained a block, every family's (judge.ts).
   */
  genericVerdicts: readonly FilterVerdict[];
  body?: BodyFacts;
  /** The bulk threshold the judge assumes: the configured one, else Microsoft's default 7. */
  bulkThreshold: number;
  bulkThresholdConfigured: boolean;
  acceptedDomains: ReadonlySet<string>;
  derived: DerivedFacts;
}

export interface RuleMatch {
  evidence: Evidence;
  /** Values for the text placeholders beyond the common ones (token, entry, domain, ip ...). */
  params?: Record<string, string>;
  /** The exact setting to change, for tenant configuration causes. */
  setting?: ConfigSetting;
}

/**
 * The decoded family a rule reads; rules whose family is absent are not run at all.
 * `filters`: the verdicts of families without detailed rules; `claims`: anything claimed
 * from outside the boundary; a registered family's id: its own facts.
 */
export type FactFamily = 'forefront' | 'spamAssassin' | 'rspamd' | 'body' | 'filters' | 'claims' | `family:${string}`;

/** X-Forefront-Antispam-Report tokens with enumerated values that rules are indexed by. */
export type IndexedToken = 'SFV' | 'CAT' | 'SCL' | 'SFTY' | 'IPV' | 'SRV';

/** The rule can only match when the Forefront token `key` has one of `values` (as decoded). */
export interface TokenTrigger {
  key: IndexedToken;
  values: readonly string[];
}

export interface Rule {
  code: FindingCode;
  needs?: FactFamily;
  severity: Severity;
  role: RuleRole;
  /** The cause kind this finding points to; null for pure information. */
  cause: CauseKind | null;
  layer: BlockingLayer;
  /** Higher wins when picking the primary cause among `cause` findings. */
  priority: number;
  implies?: Implication;
  recommendation?: RecommendationCode;
  /** The recommendation is left out when one of these findings is present (it says it better). */
  recommendationSupersededBy?: readonly FindingCode[];
  /**
   * How the recommendation relates to allowing the sender. `append`: a time-limited allow
   * entry may follow the fix; `itself`: the recommendation is an allow. Either way the judge
   * gives allow advice only when the message passed authentication at the boundary, and
   * otherwise says why an allow would be unsafe (REC_NO_ALLOW_UNAUTHENTICATED).
   */
  allowAdvice?: 'append' | 'itself';
  /**
   * Set when the rule can only match on certain Forefront token values. The judge then looks
   * the rule up by the message's token instead of calling it: most of Microsoft's rules name
   * one SFV or CAT value, and a message has one of each.
   */
  on?: TokenTrigger;
  when(ctx: RuleContext): RuleMatch[];
}

/** Microsoft's default bulk threshold (anti-spam policy BulkThreshold). */
export const DEFAULT_BULK_THRESHOLD = 7;

export const NO_MATCH: RuleMatch[] = [];

export function evidenceOf(result: AuthMethodResult): Evidence {
  return { header: result.header, value: result.text };
}
