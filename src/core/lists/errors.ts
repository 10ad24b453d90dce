/**
 * List validation errors: a stable `code` for scripts and tests, a `message` for people.
 * Every refusal in src/core/lists goes through these constructors so the wording of one
 * code is the same everywhere.
 */
import type { ListError, ListErrorCode } from '../../contracts/lists';

export type Result<T> = { ok: true; value: T } | { ok: false; errors: ListError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(...errors: ListError[]): Result<T> => ({ ok: false, errors });

type Field = ListError['field'];

export function listError(code: ListErrorCode, field: Field, message: string): ListError {
  return { code, field, message };
}

export const listErrors = {
  invalidSyntax: (detail: string): ListError =>
    listError('invalidSyntax', 'value', `Not a valid email address or domain: ${detail}.`),
  localPartTooLong: (): ListError =>
    listError('localPartTooLong', 'value', 'The part before @ is longer than 64 octets (RFC 5321).'),
  domainTooLong: (): ListError =>
    listError('domainTooLong', 'value', 'The domain is longer than 255 octets (RFC 5321).'),
  addressTooLong: (): ListError =>
    listError('addressTooLong', 'value', 'The address is longer than 320 characters.'),
  duplicate: (value: string): ListError =>
    listError('duplicate', 'value', `${value} is already on the list.`),
  ownAcceptedDomain: (domain: string): ListError =>
    listError(
      'ownAcceptedDomain',
      'value',
      `${domain} is one of the organisation's own domains; list individual addresses instead.`,
    ),
  limitReached: (used: number, limit: number): ListError => ({
    ...listError('limitReached', 'value', `The list is full: ${used} of ${limit} entries are used. Remove one first.`),
    used,
    limit,
  }),
  wildcardBlockOnly: (): ListError =>
    listError('wildcardBlockOnly', 'value', 'A *.domain entry (domain and all subdomains) can only block.'),
  noteTooLong: (max: number): ListError =>
    listError('noteTooLong', 'note', `The note is longer than ${max} characters.`),
  noteInvalidCharacters: (): ListError =>
    listError('noteInvalidCharacters', 'note', 'The note contains control characters (such as line breaks).'),
  invalidExpiration: (detail: string): ListError =>
    listError('invalidExpiration', 'expiration', `The expiry is not valid: ${detail}.`),
  expiryInPast: (): ListError => listError('expiryInPast', 'expiration', 'The expiry date is in the past.'),
  expiryTooFar: (maxDays: number): ListError => ({
    ...listError('expiryTooFar', 'expiration', `Allow entries must expire within ${maxDays} days.`),
    maxDays,
  }),
  neverExpiryBlockOnly: (): ListError =>
    listError('neverExpiryBlockOnly', 'expiration', 'Only block entries can be set to never expire.'),
  lastUsedRuleNeedsSubmission: (): ListError =>
    listError(
      'lastUsedRuleNeedsSubmission',
      'expiration',
      'Allow entries made directly must expire within 30 days; "remove after last used" needs a submission.',
    ),
};
