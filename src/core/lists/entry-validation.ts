/**
 * Validation of Tenant Allow/Block List requests (create, update, bulk create). Pure: the
 * caller passes the clock, the accepted domains and the entries that already exist, and
 * gets back either a draft to store or every reason it was refused.
 */
import type {
  BulkCreateAllowBlockEntries,
  CreateAllowBlockEntry,
  EntryAction,
  EntrySource,
  Expiration,
  ListError,
  ListValueType,
  UpdateAllowBlockEntry,
} from '../../contracts/lists';
import { NOTE_MAX_LENGTH } from '../../contracts/lists';
import { listErrors, fail, ok, type Result } from './errors';
import { checkExpiration, expirationDateTime, resolveExpiration } from './expiry';
import { acceptedDomainSet, coveredAcceptedDomain } from './own-domains';
import type { TenantEntry } from './types';
import { storedValueKey } from './value-keys';
import { displayValue, hasControlCharacters, parseListValue } from './values';

export interface TenantEntryLimits {
  readonly allow: number;
  readonly block: number;
}
/** Defender for Office 365 Plan 1's limits for domains and addresses. */
export const DEFAULT_TENANT_LIMITS: TenantEntryLimits = { allow: 1000, block: 1000 };

export interface EntryValidationContext {
  readonly now: Date;
  /** `submission` when the entry is made while reviewing a submission. */
  readonly source: EntrySource;
  readonly acceptedDomains: readonly string[];
  /** The entries that exist now (for duplicates and limits). */
  readonly existing: readonly { readonly value: string; readonly action: EntryAction }[];
  readonly limits?: Partial<TenantEntryLimits>;
}

/** What to store for a new entry; the store adds id and who/when. */
export interface NewEntryDraft {
  value: string;
  displayValue: string;
  valueType: ListValueType;
  action: EntryAction;
  source: EntrySource;
  expiration: Expiration;
  expirationSetDateTime: string;
  expirationDateTime: string | null;
  note: string;
}

export function checkNote(note: string): ListError[] {
  // Count code points, as JSON Schema's maxLength does.
  if ([...note].length > NOTE_MAX_LENGTH) return [listErrors.noteTooLong(NOTE_MAX_LENGTH)];
  if (hasControlCharacters(note)) return [listErrors.noteInvalidCharacters()];
  return [];
}

const key = (action: EntryAction, value: string) => `${action} ${value}`;

/** Existing entries in a form that is quick to check against, built once per request. */
class ExistingEntries {
  private readonly keys = new Set<string>();
  private readonly counts = { allow: 0, block: 0 };

  constructor(existing: EntryValidationContext['existing']) {
    for (const e of existing) this.add(e.action, storedValueKey(e.value)?.value ?? e.value.toLowerCase());
  }
  has(action: EntryAction, value: string): boolean {
    return this.keys.has(key(action, value));
  }
  count(action: EntryAction): number {
    return this.counts[action];
  }
  add(action: EntryAction, value: string): void {
    this.keys.add(key(action, value));
    this.counts[action] += 1;
  }
}

function validateOne(
  request: CreateAllowBlockEntry,
  ctx: EntryValidationContext,
  existing: ExistingEntries,
  accepted: ReadonlySet<string>,
): Result<NewEntryDraft> {
  const problems: ListError[] = [];
  const parsed = parseListValue(request.value);
  if (!parsed.ok) {
    problems.push(...parsed.errors);
  } else {
    const v = parsed.value;
    const limit = ctx.limits?.[request.action] ?? DEFAULT_TENANT_LIMITS[request.action];
    const own = v.kind === 'domain' ? coveredAcceptedDomain(v.domain, v.wildcard, accepted) : null;
    if (v.kind === 'domain' && v.wildcard && request.action !== 'block') problems.push(listErrors.wildcardBlockOnly());
    else if (own !== null) problems.push(listErrors.ownAcceptedDomain(own));
    else if (existing.has(request.action, v.value)) problems.push(listErrors.duplicate(v.value));
    else if (existing.count(request.action) >= limit) {
      problems.push(listErrors.limitReached(existing.count(request.action), limit));
    }
  }
  const note = request.note ?? '';
  problems.push(...checkNote(note));
  const expiration = resolveExpiration(request.expiration, request.action, ctx.source);
  problems.push(...checkExpiration(expiration, request.action, ctx.source, ctx.now));

  if (!parsed.ok || problems.length > 0) return fail(...problems);
  const setAt = ctx.now.toISOString();
  return ok({
    value: parsed.value.value,
    displayValue: displayValue(parsed.value.value),
    valueType: parsed.value.kind,
    action: request.action,
    source: ctx.source,
    expiration,
    expirationSetDateTime: setAt,
    expirationDateTime: expirationDateTime({
      action: request.action,
      expiration,
      expirationSetDateTime: setAt,
      lastUsedDateTime: null,
    }),
    note,
  });
}

/** POST /api/allow-block-entries */
export function validateNewEntry(request: CreateAllowBlockEntry, ctx: EntryValidationContext): Result<NewEntryDraft> {
  return validateOne(request, ctx, new ExistingEntries(ctx.existing), acceptedDomainSet(ctx.acceptedDomains));
}

export interface EntryUpdate {
  expiration: Expiration;
  expirationSetDateTime: string;
  expirationDateTime: string | null;
  note: string;
}

/**
 * PATCH /api/allow-block-entries/{id}. A new expiration rule restarts its clock now; a
 * note-only change leaves the expiry alone.
 */
export function validateEntryUpdate(entry: TenantEntry & { readonly note: string }, patch: UpdateAllowBlockEntry, now: Date): Result<EntryUpdate> {
  const problems: ListError[] = [];
  const note = patch.note ?? entry.note;
  if (patch.note !== undefined) problems.push(...checkNote(note));
  let expiration = entry.expiration;
  let setAt = entry.expirationSetDateTime;
  if (patch.expiration !== undefined) {
    expiration = resolveExpiration(patch.expiration, entry.action, entry.source);
    setAt = now.toISOString();
    problems.push(...checkExpiration(expiration, entry.action, entry.source, now));
  }
  if (problems.length > 0) return fail(...problems);
  return ok({
    expiration,
    expirationSetDateTime: setAt,
    expirationDateTime: expirationDateTime({
      action: entry.action,
      expiration,
      expirationSetDateTime: setAt,
      lastUsedDateTime: entry.lastUsedDateTime,
    }),
    note,
  });
}

export interface BulkLine {
  /** 1-based line number in the pasted text. */
  line: number;
  input: string;
  result: Result<NewEntryDraft>;
}

/**
 * Bulk create from a pasted list: one value per line; blank lines and lines starting with
 * `#` are skipped. Lines are checked in order against the existing entries AND the lines
 * accepted before them, so a value pasted twice fails the second time as a duplicate and
 * the limit counts what this paste adds.
 */
export function validateBulkCreate(body: BulkCreateAllowBlockEntries, ctx: EntryValidationContext): BulkLine[] {
  const existing = new ExistingEntries(ctx.existing);
  const accepted = acceptedDomainSet(ctx.acceptedDomains);
  const out: BulkLine[] = [];
  body.text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const input = raw.trim();
    if (input.length === 0 || input.startsWith('#')) return;
    const request: CreateAllowBlockEntry = {
      value: input,
      action: body.action,
      ...(body.expiration !== undefined ? { expiration: body.expiration } : {}),
      ...(body.note !== undefined ? { note: body.note } : {}),
    };
    const result = validateOne(request, ctx, existing, accepted);
    if (result.ok) existing.add(result.value.action, result.value.value);
    out.push({ line: i + 1, input, result });
  });
  return out;
}
