/**
 * The shape of a rule: a stable code, a predicate over the decoded facts that returns the
 * evidence it rests on (empty when the rule does not apply), and what the finding means
 * (severity, cause, layer, priority, text keys). Rules are data; the judge only runs them.
 */
import type { BlockingLayer, CauseKind, ConfigSetting, Evidence, Severity } from '../../../contracts/verdict';
import type { FindingCode, RecommendationCode } from '../../../i18n/findings';
import type { AuthMethodResult, BodyFacts, DecodedFacts } from '../types';

/**
 * cause: can be the primary cause of a block. contributing: listed next to it, never
 * primary (a Bayes score, a DNSBL hit). info: context, not a cause (a pass, an allow).
 */
export type RuleRole = 'cause' | 'contributing' | 'info';

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
  /** DMARC or composite authentication passed. */
  authPassed: boolean;
  /** Authentication can still explain a block: composite auth is absent or failed. */
  authCanBlock: boolean;
  /** SFV value when configuration decided before the content filter (BLK, SKB, SKS). */
  configuredSfv?: string;
}

export interface RuleContext {
  facts: DecodedFacts;
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

/** The decoded family a rule reads; rules whose family is absent are not run at all. */
export type FactFamily = 'forefront' | 'spamAssassin' | 'rspamd' | 'body';

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
