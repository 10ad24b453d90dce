/** The decision: what the filter would do with a message, and why (POST /api/decisions, what-if). */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, literalUnion } from '../common';
import { FilterVerdict, MessageFacts } from './message-facts';

// Vocabularies are listed one value a line, so each change is one line: alike in shape by nature, not copied.
export const DECISION_ACTIONS = ['inbox', 'junk', 'quarantine'] as const;
export const DecisionAction = literalUnion(DECISION_ACTIONS);
export type DecisionAction = Static<typeof DecisionAction>;

export const DECISION_REASON_CODES = [
  'tenantBlock',
  'tenantAllow',
  'userSafeSender',
  'userBlockedSender',
  'verdictMalware',
  'verdictHighConfidencePhishing',
  'verdictPhishing',
  'verdictHighConfidenceSpam',
  'verdictSpoof',
  'verdictSpam',
  'verdictBulk',
  'bulkBelowThreshold',
  'noVerdict',
  'unknownVerdict',
  'internalError',
] as const;
export const DecisionReasonCode = literalUnion(DECISION_REASON_CODES);
export type DecisionReasonCode = Static<typeof DecisionReasonCode>;

export const LIST_NAMES = ['tenantAllow', 'tenantBlock', 'safeSenders', 'blockedSenders'] as const;
export const ListName = literalUnion(LIST_NAMES);
export type ListName = Static<typeof ListName>;

/** Which list entry a decision or a note refers to, and how the sender matched it. */
export const MatchedEntry = Type.Object({
  id: Type.String(),
  value: Type.String(),
  list: ListName,
  matchedOn: Type.Union([Type.Literal('address'), Type.Literal('domain'), Type.Literal('wildcardDomain')]),
});
export type MatchedEntry = Static<typeof MatchedEntry>;

export const DecisionReason = Type.Object({
  code: DecisionReasonCode,
  entry: Type.Optional(MatchedEntry),
  verdict: Type.Optional(FilterVerdict),
  threshold: Type.Optional(
    Type.Object({ name: Type.Literal('bulkThreshold'), value: Type.Integer(), observed: Type.Integer() }),
  ),
});
export type DecisionReason = Static<typeof DecisionReason>;

/** Why a matching entry did not decide the message: shown so an admin sees that an allow
 * entry is not effective, and why, before telling the user the problem is fixed. */
export const IGNORED_ENTRY_CODES = [
  'filterWinsMalware',
  'filterWinsHighConfidencePhishing',
  'tenantBlockWins',
  'userBlockWins',
  'safeSenderWins',
  'moreSpecificBlockedSender',
  'safeDomainNotHonouredForQuarantine',
  'authenticationFailed',
  'allowCannotOverrideVerdict',
  'senderMismatch',
] as const;
export const IgnoredEntryCode = literalUnion(IGNORED_ENTRY_CODES);
export type IgnoredEntryCode = Static<typeof IgnoredEntryCode>;

export const Decision = Type.Object({
  action: DecisionAction,
  reason: DecisionReason,
  /** Tenant entries that decided the message: the caller sets their lastUsedDateTime. */
  usedTenantEntryIds: Type.Array(Type.String()),
  ignoredEntries: Type.Array(Type.Object({ entry: MatchedEntry, code: IgnoredEntryCode })),
});
export type Decision = Static<typeof Decision>;

/** POST /api/submissions/{id}/what-if */
export const WhatIfResponse = Type.Object({
  message: MessageFacts,
  decision: Decision,
  /** The decision in words (English), from the reason code. */
  explanation: Type.String(),
  evaluatedDateTime: IsoDateTime,
});
export type WhatIfResponse = Static<typeof WhatIfResponse>;
