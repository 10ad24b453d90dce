/** The Tenant Allow/Block List's entries (admins): /api/allow-block-entries. */
import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDateTime } from '../common';
import { EntryAction, EntrySource, ListValue, ListValueType, Note } from './values';

export const EXPIRATION_DAY_CHOICES = [1, 7, 30] as const;
export const DEFAULT_REMOVE_AFTER_DAYS = 45;
export const MAX_REMOVE_AFTER_DAYS = 365;

const RemoveAfterDays = Type.Integer({ minimum: 1, maximum: MAX_REMOVE_AFTER_DAYS });

/** The rules a request states exactly as they are stored. */
const NeverRule = Type.Object({ type: Type.Literal('never') }, { additionalProperties: false });
const DaysRule = Type.Object(
  { type: Type.Literal('days'), days: Type.Union(EXPIRATION_DAY_CHOICES.map((d) => Type.Literal(d))) },
  { additionalProperties: false },
);
const DateRule = Type.Object({ type: Type.Literal('date'), date: IsoDateTime }, { additionalProperties: false });

/**
 * When an entry goes away, as stored:
 * - `never`: block entries only;
 * - `days`: 1, 7 or 30 days after the rule was set;
 * - `date`: a specific instant;
 * - `afterLastUsed`: N days after the entry last decided a message (or after the rule was
 *   set, if it never has). Allow entries only when made from a submission.
 */
export const Expiration = Type.Union([
  NeverRule,
  DaysRule,
  DateRule,
  Type.Object({ type: Type.Literal('afterLastUsed'), days: RemoveAfterDays }, { additionalProperties: false }),
]);
export type Expiration = Static<typeof Expiration>;

/** As a request may say it: `afterLastUsed` without `days` means 45. */
export const ExpirationRequest = Type.Union([
  NeverRule,
  DaysRule,
  DateRule,
  Type.Object({ type: Type.Literal('afterLastUsed'), days: Type.Optional(RemoveAfterDays) }, { additionalProperties: false }),
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
