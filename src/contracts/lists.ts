/**
 * Sender lists: a user's own Safe Senders and Blocked Senders, the organisation's Tenant
 * Allow/Block List, and the filter decision those lists drive. Field names follow Exchange
 * Online and Microsoft Graph (`expirationDateTime`, `lastUsedDateTime`, `createdBy`...) so
 * admins who script Microsoft 365 recognise them.
 *
 * Values are checked loosely here (length, no control characters) and strictly by
 * src/core/lists (RFC 5321/5322 syntax, IDN normalisation, duplicates, limits), which
 * answers with one of LIST_ERROR_CODES.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDateTime } from './common';

/** An email address, a domain, `@domain` (Outlook's spelling) or, for block entries, `*.domain`. */
export const ListValue = Type.String({
  minLength: 1,
  maxLength: 320,
  pattern: '^[^\\u0000-\\u001f\\u007f]+$',
  description: 'An email address (user@example.com) or a domain (example.com)',
});

export const NOTE_MAX_LENGTH = 500;
export const Note = Type.String({ maxLength: NOTE_MAX_LENGTH });

/** A union of string literals whose Static type is the union of the values. */
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const LIST_VALUE_TYPES = ['address', 'domain'] as const;
export const ListValueType = literals(LIST_VALUE_TYPES);
export type ListValueType = Static<typeof ListValueType>;

export const ENTRY_ACTIONS = ['allow', 'block'] as const;
export const EntryAction = literals(ENTRY_ACTIONS);
export type EntryAction = Static<typeof EntryAction>;

/** `direct`: typed in by an admin. `submission`: made while reviewing a submission, which
 * lets an allow entry use the last-used rule and override high-confidence phishing. */
export const ENTRY_SOURCES = ['direct', 'submission'] as const;
export const EntrySource = literals(ENTRY_SOURCES);
export type EntrySource = Static<typeof EntrySource>;

// ---------------------------------------------------------------------------------------
// Safe Senders / Blocked Senders (end users)
// ---------------------------------------------------------------------------------------

/** POST /api/me/safe-senders and /api/me/blocked-senders. */
export const SenderListBody = Type.Object({ value: ListValue }, { additionalProperties: false });
export type SenderListBody = Static<typeof SenderListBody>;

export const SenderListItem = Type.Object({
  /** Normalised: lower case, domains in punycode (A-labels). */
  value: Type.String(),
  /** The same value with domains in Unicode, for showing to people. */
  displayValue: Type.String(),
  valueType: ListValueType,
  createdDateTime: IsoDateTime,
});
export type SenderListItem = Static<typeof SenderListItem>;

/** GET of either list. `used`/`limit` let the task pane show how close the user is. */
export const SenderListResponse = Type.Object({
  items: Type.Array(SenderListItem),
  used: Type.Integer({ minimum: 0 }),
  limit: Type.Integer({ minimum: 0 }),
});
export type SenderListResponse = Static<typeof SenderListResponse>;

// ---------------------------------------------------------------------------------------
// Tenant Allow/Block List (admins)
// ---------------------------------------------------------------------------------------

export const EXPIRATION_DAY_CHOICES = [1, 7, 30] as const;
export const DEFAULT_REMOVE_AFTER_DAYS = 45;
export const MAX_REMOVE_AFTER_DAYS = 365;

const RemoveAfterDays = Type.Integer({ minimum: 1, maximum: MAX_REMOVE_AFTER_DAYS });

/**
 * When an entry goes away, as stored:
 * - `never`: block entries only;
 * - `days`: 1, 7 or 30 days after the rule was set;
 * - `date`: a specific instant;
 * - `afterLastUsed`: N days after the entry last decided a message (or after the rule was
 *   set, if it never has). Allow entries only when made from a submission.
 */
export const Expiration = Type.Union([
  Type.Object({ type: Type.Literal('never') }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('days'), days: Type.Union(EXPIRATION_DAY_CHOICES.map((d) => Type.Literal(d))) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('date'), date: IsoDateTime }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('afterLastUsed'), days: RemoveAfterDays }, { additionalProperties: false }),
]);
export type Expiration = Static<typeof Expiration>;

/** As a request may say it: `afterLastUsed` without `days` means 45. */
export const ExpirationRequest = Type.Union([
  Type.Object({ type: Type.Literal('never') }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('days'), days: Type.Union(EXPIRATION_DAY_CHOICES.map((d) => Type.Literal(d))) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('date'), date: IsoDateTime }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('afterLastUsed'), days: Type.Optional(RemoveAfterDays) },
    { additionalProperties: false },
  ),
]);
export type ExpirationRequest = Static<typeof ExpirationRequest>;

export const AllowBlockEntry = Type.Object({
  id: Id,
  /** Normalised: lower case, domains in punycode (A-labels); `*.example.com` covers subdomains. */
  value: Type.String(),
  displayValue: Type.String(),
  valueType: ListValueType,
  action: EntryAction,
  source: EntrySource,
  /** The submission this entry was made from, when `source` is `submission`. */
  submissionId: Type.Union([Id, Type.Null()]),
  expiration: Expiration,
  /** When the expiration rule was last set; `days` and `afterLastUsed` count from here. */
  expirationSetDateTime: IsoDateTime,
  /** When the entry expires as things stand now; null = never. */
  expirationDateTime: Type.Union([IsoDateTime, Type.Null()]),
  note: Note,
  createdBy: Type.String(),
  createdDateTime: IsoDateTime,
  modifiedBy: Type.String(),
  modifiedDateTime: IsoDateTime,
  /** The last time the entry decided a live message; null = never. */
  lastUsedDateTime: Type.Union([IsoDateTime, Type.Null()]),
});
export type AllowBlockEntry = Static<typeof AllowBlockEntry>;

/** POST /api/allow-block-entries. Without `expiration` the default for the action applies. */
export const CreateAllowBlockEntry = Type.Object(
  {
    value: ListValue,
    action: EntryAction,
    expiration: Type.Optional(ExpirationRequest),
    note: Type.Optional(Note),
    submissionId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateAllowBlockEntry = Static<typeof CreateAllowBlockEntry>;

/** PATCH /api/allow-block-entries/{id}. The value and action of an entry never change
 * (as in Exchange Online): delete it and create another. */
export const UpdateAllowBlockEntry = Type.Object(
  { expiration: Type.Optional(ExpirationRequest), note: Type.Optional(Note) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAllowBlockEntry = Static<typeof UpdateAllowBlockEntry>;

export const ListAllowBlockEntriesQuery = Type.Object(
  {
    type: Type.Optional(ListValueType),
    action: Type.Optional(EntryAction),
    /** Entries that expire within N days from now (entries that never expire are left out). */
    expiringWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
    /** true: only entries that have never decided a message. */
    neverUsed: Type.Optional(Type.Boolean()),
    /** Case-insensitive text search in the value (Unicode or punycode) and the note. */
    search: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type ListAllowBlockEntriesQuery = Static<typeof ListAllowBlockEntriesQuery>;

/** Bulk create from a pasted list: one value per line; blank lines and `#` comments skipped. */
export const BulkCreateAllowBlockEntries = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 200_000 }),
    action: EntryAction,
    expiration: Type.Optional(ExpirationRequest),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export type BulkCreateAllowBlockEntries = Static<typeof BulkCreateAllowBlockEntries>;

// ---------------------------------------------------------------------------------------
// Errors: stable codes for scripts, `message` for people
// ---------------------------------------------------------------------------------------

export const LIST_ERROR_CODES = [
  'invalidSyntax',
  'localPartTooLong',
  'domainTooLong',
  'addressTooLong',
  'duplicate',
  'ownAcceptedDomain',
  'limitReached',
  'wildcardBlockOnly',
  'noteTooLong',
  'noteInvalidCharacters',
  'invalidExpiration',
  'expiryInPast',
  'expiryTooFar',
  'neverExpiryBlockOnly',
  'lastUsedRuleNeedsSubmission',
] as const;
export const ListErrorCode = literals(LIST_ERROR_CODES);
export type ListErrorCode = Static<typeof ListErrorCode>;

export const ListError = Type.Object({
  code: ListErrorCode,
  field: Type.Union([Type.Literal('value'), Type.Literal('note'), Type.Literal('expiration')]),
  message: Type.String(),
  /** limitReached: how many entries there are, and the most allowed. */
  used: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 0 })),
  /** expiryTooFar: the longest allowed expiry, in days. */
  maxDays: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type ListError = Static<typeof ListError>;

export const BulkLineResult = Type.Object({
  /** 1-based line number in the pasted text. */
  line: Type.Integer({ minimum: 1 }),
  input: Type.String(),
  outcome: Type.Union([Type.Literal('created'), Type.Literal('failed')]),
  entry: Type.Optional(AllowBlockEntry),
  errors: Type.Optional(Type.Array(ListError)),
});
export type BulkLineResult = Static<typeof BulkLineResult>;

export const BulkCreateResponse = Type.Object({
  results: Type.Array(BulkLineResult),
  created: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0 }),
});
export type BulkCreateResponse = Static<typeof BulkCreateResponse>;

// ---------------------------------------------------------------------------------------
// Health report
// ---------------------------------------------------------------------------------------

const EntryRef = Type.Object({ id: Type.String(), value: Type.String(), action: EntryAction });

export const HealthReport = Type.Object({
  generatedDateTime: IsoDateTime,
  expiringSoon: Type.Array(
    Type.Composite([EntryRef, Type.Object({ expirationDateTime: IsoDateTime })]),
  ),
  /** Not used for 30 days (or never, when older than 30 days). */
  unused: Type.Array(
    Type.Composite([
      EntryRef,
      Type.Object({
        lastUsedDateTime: Type.Union([IsoDateTime, Type.Null()]),
        createdDateTime: IsoDateTime,
      }),
    ]),
  ),
  /** Allow entries that can never act because a block entry covers every sender they cover. */
  shadowedAllows: Type.Array(Type.Object({ allow: EntryRef, block: EntryRef })),
  usersNearSafeSendersLimit: Type.Array(
    Type.Object({ user: Type.String(), used: Type.Integer(), limit: Type.Integer() }),
  ),
  /** 7+ allowed addresses in one domain: offer (never force) one domain entry instead. */
  domainSuggestions: Type.Array(
    Type.Object({ domain: Type.String(), addressCount: Type.Integer(), entryIds: Type.Array(Type.String()) }),
  ),
});
export type HealthReport = Static<typeof HealthReport>;

// ---------------------------------------------------------------------------------------
// The decision: what the filter would do with a message, and why
// ---------------------------------------------------------------------------------------

/** The filter's own verdict, before lists and policy (the X-Forefront-Antispam-Report CAT). */
export const FILTER_VERDICTS = [
  'none',
  'bulk',
  'spam',
  'highConfidenceSpam',
  'spoof',
  'phishing',
  'highConfidencePhishing',
  'malware',
] as const;
export const FilterVerdict = literals(FILTER_VERDICTS);
export type FilterVerdict = Static<typeof FilterVerdict>;

export const SpfResult = literals(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'] as const);
export const DkimResult = literals(['pass', 'fail', 'neutral', 'policy', 'none', 'temperror', 'permerror'] as const);
export const DmarcResult = literals(['pass', 'fail', 'bestguesspass', 'none', 'temperror', 'permerror'] as const);
/** Microsoft's composite authentication (compauth) result. */
export const CompAuthResult = literals(['pass', 'fail', 'softpass', 'none'] as const);

export const AuthenticationResults = Type.Object({
  spf: Type.Optional(SpfResult),
  dkim: Type.Optional(DkimResult),
  dmarc: Type.Optional(DmarcResult),
  compauth: Type.Optional(CompAuthResult),
});
export type AuthenticationResults = Static<typeof AuthenticationResults>;

/** What decide() needs to know about a message. */
export const MessageFacts = Type.Object({
  /** The sender's address (header From), as found in the message. */
  senderAddress: Type.String({ maxLength: 998 }),
  /** The sender's domain, when it is known separately (defaults to the address's domain). */
  senderDomain: Type.Optional(Type.String({ maxLength: 998 })),
  authentication: AuthenticationResults,
  verdict: FilterVerdict,
  /** Bulk complaint level 0–9, when the filter reported one. */
  bcl: Type.Optional(Type.Integer({ minimum: 0, maximum: 9 })),
});
export type MessageFacts = Static<typeof MessageFacts>;

export const DECISION_ACTIONS = ['inbox', 'junk', 'quarantine'] as const;
export const DecisionAction = literals(DECISION_ACTIONS);
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
export const DecisionReasonCode = literals(DECISION_REASON_CODES);
export type DecisionReasonCode = Static<typeof DecisionReasonCode>;

export const LIST_NAMES = ['tenantAllow', 'tenantBlock', 'safeSenders', 'blockedSenders'] as const;
export const ListName = literals(LIST_NAMES);
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
export const IgnoredEntryCode = literals(IGNORED_ENTRY_CODES);
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
