/**
 * The analysis verdict: why a message was blocked (named evidence), whether that looks
 * right, and what to change so it does not happen again. Stored as an admin submission's
 * `result` and printed by `second-look analyze --json`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { SUBMISSION_CATEGORIES } from './submissions';

// Vocabularies are listed one value a line, so each change is one line: alike in shape by nature, not copied.
export const VERDICT_LOCALES = ['en-US', 'da-DK', 'fr-FR'] as const;
export const VerdictLocale = Type.Union(VERDICT_LOCALES.map((l) => Type.Literal(l)));
export type VerdictLocale = Static<typeof VerdictLocale>;

/** The submission categories, plus "undetermined", which comes only with `absentEvidence`. */
export const VERDICT_CATEGORIES = [...SUBMISSION_CATEGORIES, 'undetermined'] as const;
export const VerdictCategory = Type.Union(VERDICT_CATEGORIES.map((c) => Type.Literal(c)));
export type VerdictCategory = Static<typeof VerdictCategory>;

export const CAUSE_KINDS = [
  'tenantConfiguration',
  'senderAuthentication',
  'contentFilter',
  'bulk',
  'phishing',
  'malware',
  'undetermined',
] as const;
export const CauseKind = Type.Union(CAUSE_KINDS.map((k) => Type.Literal(k)));
export type CauseKind = Static<typeof CauseKind>;

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export const Severity = Type.Union(SEVERITIES.map((s) => Type.Literal(s)));
export type Severity = Static<typeof Severity>;

/** Where in the mail flow a finding acted: a list, a policy setting or a filter. */
export const BLOCKING_LAYERS = [
  'userBlockedSenders',
  'userSafeSenders',
  'userInboxRule',
  'userJunkSettings',
  'antiSpamPolicyLists',
  'advancedSpamFilter',
  'tenantAllowBlockList',
  'transportRule',
  'connectionFilter',
  'bulkThreshold',
  'antiMalwarePolicy',
  'authentication',
  'spoofIntelligence',
  'impersonationProtection',
  'contentFilter',
  'bulkFilter',
  'phishingFilter',
  'malwareFilter',
  'spamAssassin',
  'rspamd',
  'quarantine',
  'transport',
  'body',
  'none',
] as const;
export const BlockingLayer = Type.Union(BLOCKING_LAYERS.map((l) => Type.Literal(l)));
export type BlockingLayer = Static<typeof BlockingLayer>;

/** Where the message went then, as far as the headers tell. */
export const OUTCOME_ACTIONS = [
  'inbox',
  'junk',
  'customFolder',
  'quarantine',
  'junkOrQuarantine',
  'rejected',
  'deferred',
  'flaggedAsSpam',
  'releasedFromQuarantine',
  'unknown',
] as const;
export const OutcomeAction = Type.Union(OUTCOME_ACTIONS.map((a) => Type.Literal(a)));
export type OutcomeAction = Static<typeof OutcomeAction>;

/** "Is that right?" in one word. */
export const ASSESSMENTS = [
  'justified',
  'likelyFalsePositive',
  'configurationDriven',
  'missedThreat',
  'notBlocked',
  'undetermined',
] as const;
export const AssessmentKind = Type.Union(ASSESSMENTS.map((a) => Type.Literal(a)));
export type AssessmentKind = Static<typeof AssessmentKind>;

/** A header name and the exact token or value in it that the finding rests on. */
export const Evidence = Type.Object({ header: Type.String(), value: Type.String() });
export type Evidence = Static<typeof Evidence>;

/** The exact list entry or policy setting to change (tenant configuration causes). */
export const ConfigSetting = Type.Object({
  scope: Type.Union([Type.Literal('mailbox'), Type.Literal('organization'), Type.Literal('filter')]),
  /** Stable name of the setting, e.g. `BlockedSendersAndDomains`, `BulkThreshold`. */
  name: Type.String(),
  /** The entry or value in it, e.g. `sender@example.com`, `5`. */
  entry: Type.Optional(Type.String()),
});
export type ConfigSetting = Static<typeof ConfigSetting>;

export const Finding = Type.Object({
  /** Stable code, e.g. `MS_SFV_BLK`; texts are looked up by it. */
  code: Type.String(),
  severity: Severity,
  /** The cause this finding points to, or null for informational findings. */
  causeKind: Type.Union([CauseKind, Type.Null()]),
  layer: BlockingLayer,
  evidence: Evidence,
  explanation: Type.String(),
  /** The values filled into the explanation (BCL, IP, domain ...). */
  params: Type.Record(Type.String(), Type.String()),
});
export type Finding = Static<typeof Finding>;

export const Cause = Type.Object({
  kind: CauseKind,
  layer: BlockingLayer,
  findingCode: Type.Union([Type.String(), Type.Null()]),
  explanation: Type.String(),
  setting: Type.Optional(ConfigSetting),
});
export type Cause = Static<typeof Cause>;

export const Recommendation = Type.Object({
  code: Type.String(),
  findingCode: Type.String(),
  text: Type.String(),
  setting: Type.Optional(ConfigSetting),
});
export type Recommendation = Static<typeof Recommendation>;

export const Outcome = Type.Object({
  action: OutcomeAction,
  explanation: Type.String(),
  evidence: Type.Optional(Evidence),
});
export type Outcome = Static<typeof Outcome>;

/** What the list decision function would do with this message today (supplied by the caller). */
export const NowDecision = Type.Object({ action: Type.String(), reason: Type.String() });
export type NowDecision = Static<typeof NowDecision>;

export const HeaderProblemReport = Type.Object({
  header: Type.String(),
  problem: Type.String(),
  detail: Type.String(),
});
export type HeaderProblemReport = Static<typeof HeaderProblemReport>;

const Num = Type.Number();
const Str = Type.String();
const Opt = Type.Optional;

/** The decoded facts a reader needs next to the findings (scores, results, hops). */
export const VerdictFacts = Type.Object({
  from: Opt(Str),
  mailFrom: Opt(Str),
  senderIp: Opt(Str),
  scl: Opt(Num),
  bcl: Opt(Num),
  pcl: Opt(Num),
  sfv: Opt(Str),
  cat: Opt(Str),
  spf: Opt(Str),
  dkim: Opt(Str),
  dmarc: Opt(Str),
  compauth: Opt(Type.Object({ result: Str, reason: Opt(Str), meaning: Str })),
  spamAssassin: Opt(
    Type.Object({
      isSpam: Opt(Type.Boolean()),
      score: Opt(Num),
      required: Opt(Num),
      tests: Type.Array(Type.Object({ name: Str, score: Opt(Num) })),
    }),
  ),
  rspamd: Opt(
    Type.Object({
      isSpam: Opt(Type.Boolean()),
      score: Opt(Num),
      threshold: Opt(Num),
      action: Opt(Str),
      symbols: Type.Array(Type.Object({ name: Str, weight: Opt(Num) })),
    }),
  ),
  hops: Type.Array(
    Type.Object({
      from: Opt(Str),
      by: Opt(Str),
      with: Opt(Str),
      ip: Opt(Str),
      date: Opt(Str),
      delaySeconds: Opt(Num),
    }),
  ),
  totalDelaySeconds: Opt(Num),
  body: Opt(
    Type.Object({
      linkCount: Num,
      linkDomains: Type.Array(Str),
      attachments: Type.Array(Type.Object({ filename: Opt(Str), contentType: Str, size: Num })),
    }),
  ),
});
export type VerdictFacts = Static<typeof VerdictFacts>;

export const Verdict = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    locale: VerdictLocale,
    category: VerdictCategory,
    /** The evidence that was looked for and not found; never empty when category is undetermined. */
    absentEvidence: Type.Array(Type.String()),
    blocked: Type.Boolean(),
    assessment: Type.Object({ kind: AssessmentKind, explanation: Type.String() }),
    /** What happened to the message then. */
    then: Outcome,
    /** What would happen now with today's lists, when the caller supplied it. */
    now: Type.Optional(NowDecision),
    primaryCause: Cause,
    contributingCauses: Type.Array(Cause),
    findings: Type.Array(Finding),
    recommendations: Type.Array(Recommendation),
    facts: VerdictFacts,
    problems: Type.Array(HeaderProblemReport),
    problemsOmitted: Type.Integer({ minimum: 0 }),
  },
);
export type Verdict = Static<typeof Verdict>;
