/** Why a list value was refused: stable codes for scripts, `message` for people. */
import { Type, type Static } from '@sinclair/typebox';
import { literalUnion } from '../common';

// Vocabularies are listed one value a line, so each change is one line: alike in shape by nature, not copied.
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
export const ListErrorCode = literalUnion(LIST_ERROR_CODES);
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
