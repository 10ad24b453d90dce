/**
 * The Tenant Allow/Block List: admins create, change and remove entries; readers read them.
 * Rules (expiry limits, block-only never, duplicates, per-action limits, own domains) are the
 * core's; this file stores each change with its audit row in one serialized transaction.
 */
import { randomUUID } from 'node:crypto';
import type {
  AllowBlockEntry,
  BulkCreateAllowBlockEntries,
  BulkCreateResponse,
  BulkLineResult,
  CreateAllowBlockEntry,
  ListAllowBlockEntriesQuery,
  UpdateAllowBlockEntry,
} from '../../contracts/lists';
import { entryMatchesFilter, expiredEntries, validateBulkCreate, validateEntryUpdate, validateNewEntry, type NewEntryDraft } from '../../core/lists';
import { canAdminister, canReadAll, type Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import type { AllowBlockRow } from '../store/allow-block-repo';
import { encodeCursor } from '../store/cursor';
import type { Store, UnitOfWork } from '../store/unit-of-work';
import { allEntries, entryById, ENTRY_AUDIT_TARGET, toEntry } from './entry-view';
import { badRequest, forbidden, listRefusal, notFound } from './errors';
import { cursorPosition } from './paging';
import type { PolicySource } from './settings-service';

export interface AllowBlockDeps {
  store: Store;
  clock: Clock;
  /** The accepted domains in force (the portal's settings). */
  policy: PolicySource;
  limits: { allow: number; block: number };
}

const LOCK = 'tenant-allow-block-list';

export interface EntryPage {
  items: AllowBlockEntry[];
  nextCursor: string | null;
}

function requireAdmin(principal: Principal): void {
  if (!canAdminister(principal)) throw forbidden('changing the Tenant Allow/Block List needs the SecurityAdministrator role');
}

function requireReader(principal: Principal): void {
  if (!canReadAll(principal)) throw forbidden('reading the Tenant Allow/Block List needs the SecurityAdministrator or SecurityReader role');
}

function rowOf(draft: NewEntryDraft, actor: string, now: string, submissionId: string | null): AllowBlockRow {
  return {
    id: randomUUID(),
    value: draft.value,
    display_value: draft.displayValue,
    value_type: draft.valueType,
    action: draft.action,
    source: draft.source,
    submission_id: submissionId,
    expiration: JSON.stringify(draft.expiration),
    expiration_set_date_time: draft.expirationSetDateTime,
    note: draft.note,
    created_by: actor,
    created_date_time: now,
    modified_by: actor,
    modified_date_time: now,
    last_used_date_time: null,
  };
}

export class AllowBlockService {
  constructor(private readonly deps: AllowBlockDeps) {}

  async create(principal: Principal, body: CreateAllowBlockEntry): Promise<AllowBlockEntry> {
    requireAdmin(principal);
    const now = this.deps.clock.now();
    const { acceptedDomains } = await this.deps.policy.current();
    return this.deps.store.transaction((unit) => this.createIn(unit, principal, body, now, acceptedDomains));
  }

  /**
   * Refuses `body` (4xx) for every reason create would, writing nothing: for a change that
   * creates an entry after other steps (release + submit + allow), so it is refused before the
   * first of them. The entry is checked again when it is created.
   */
  async check(principal: Principal, body: Omit<CreateAllowBlockEntry, 'submissionId'>): Promise<void> {
    requireAdmin(principal);
    const now = this.deps.clock.now();
    const { acceptedDomains } = await this.deps.policy.current();
    const checked = validateNewEntry(body, { now, source: 'submission', acceptedDomains, existing: await allEntries(this.deps.store.repos.entries), limits: this.deps.limits });
    if (!checked.ok) throw listRefusal(checked.errors);
  }

  /** create, inside the caller's unit of work: the entry commits (or not) with the rest of its change. */
  async createIn(unit: UnitOfWork, principal: Principal, body: CreateAllowBlockEntry, now: Date, acceptedDomains: readonly string[]): Promise<AllowBlockEntry> {
    requireAdmin(principal);
    await unit.serializeOn(LOCK);
    if (body.submissionId !== undefined && !(await unit.entries.submissionExists(body.submissionId))) {
      throw notFound(`submission ${body.submissionId}`);
    }
    const existing = await allEntries(unit.entries);
    const checked = validateNewEntry(body, {
      now,
      source: body.submissionId === undefined ? 'direct' : 'submission',
      acceptedDomains,
      existing,
      limits: this.deps.limits,
    });
    if (!checked.ok) throw listRefusal(checked.errors);
    const row = rowOf(checked.value, principal.email, now.toISOString(), body.submissionId ?? null);
    await unit.entries.insert([row]);
    const entry = toEntry(row);
    await unit.audit.append([{ at: now.toISOString(), actor: principal.email, actorSubject: principal.id, action: 'create', targetType: ENTRY_AUDIT_TARGET, targetId: row.id, detail: { entry } }]);
    return entry;
  }

  async bulkCreate(principal: Principal, body: BulkCreateAllowBlockEntries): Promise<BulkCreateResponse> {
    requireAdmin(principal);
    const now = this.deps.clock.now();
    const { acceptedDomains } = await this.deps.policy.current();
    return this.deps.store.transaction(async (unit) => {
      await unit.serializeOn(LOCK);
      const existing = await allEntries(unit.entries);
      const lines = validateBulkCreate(body, { now, source: 'direct', acceptedDomains, existing, limits: this.deps.limits });
      if (lines.length === 0) throw badRequest('empty_list', 'the pasted text has no values (blank lines and # comments are skipped)');
      const results: BulkLineResult[] = [];
      const rows: AllowBlockRow[] = [];
      for (const line of lines) {
        if (!line.result.ok) {
          results.push({ line: line.line, input: line.input, outcome: 'failed', errors: line.result.errors });
          continue;
        }
        const row = rowOf(line.result.value, principal.email, now.toISOString(), null);
        rows.push(row);
        results.push({ line: line.line, input: line.input, outcome: 'created', entry: toEntry(row) });
      }
      await unit.entries.insert(rows);
      await unit.audit.append(rows.map((row) => ({ at: now.toISOString(), actor: principal.email, actorSubject: principal.id, action: 'create', targetType: ENTRY_AUDIT_TARGET, targetId: row.id, detail: { entry: toEntry(row), bulk: true } })));
      return { results, created: rows.length, failed: results.length - rows.length };
    });
  }

  async get(principal: Principal, id: string): Promise<AllowBlockEntry> {
    requireReader(principal);
    const entry = await entryById(this.deps.store.repos.entries, id);
    if (!entry) throw notFound(`allow/block entry ${id}`);
    return entry;
  }

  async update(principal: Principal, id: string, patch: UpdateAllowBlockEntry): Promise<AllowBlockEntry> {
    requireAdmin(principal);
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (unit) => {
      const before = await entryById(unit.entries, id);
      if (!before) throw notFound(`allow/block entry ${id}`);
      const checked = validateEntryUpdate(before, patch, now);
      if (!checked.ok) throw listRefusal(checked.errors);
      const { expiration, expirationSetDateTime, note } = checked.value;
      await unit.entries.update(id, { expiration: JSON.stringify(expiration), expiration_set_date_time: expirationSetDateTime, note, modified_by: principal.email, modified_date_time: now.toISOString() });
      const after = await entryById(unit.entries, id);
      if (!after) throw notFound(`allow/block entry ${id}`);
      await unit.audit.append([{ at: now.toISOString(), actor: principal.email, actorSubject: principal.id, action: 'update', targetType: ENTRY_AUDIT_TARGET, targetId: id, detail: { before, after } }]);
      return after;
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    requireAdmin(principal);
    const now = this.deps.clock.now().toISOString();
    await this.deps.store.transaction(async (unit) => {
      const before = await entryById(unit.entries, id);
      if (!before) throw notFound(`allow/block entry ${id}`);
      await unit.entries.delete([id]);
      await unit.audit.append([{ at: now, actor: principal.email, actorSubject: principal.id, action: 'delete', targetType: ENTRY_AUDIT_TARGET, targetId: id, detail: { entry: before } }]);
    });
  }

  /** Newest first; filtered in memory (the list is bounded by its limits). */
  async list(principal: Principal, query: ListAllowBlockEntriesQuery): Promise<EntryPage> {
    requireReader(principal);
    const now = this.deps.clock.now();
    const { cursor, limit = 50, ...filter } = query;
    const after = cursorPosition(cursor);
    const matching = (await allEntries(this.deps.store.repos.entries))
      .filter((e) => entryMatchesFilter(e, filter, now))
      .sort((a, b) => (a.createdDateTime === b.createdDateTime ? b.id.localeCompare(a.id) : b.createdDateTime.localeCompare(a.createdDateTime)))
      .filter((e) => !after || e.createdDateTime < after.t || (e.createdDateTime === after.t && e.id.localeCompare(after.id) < 0));
    const items = matching.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: matching.length > limit && last ? encodeCursor({ t: last.createdDateTime, id: last.id }) : null };
  }

  /** Removes every entry whose expiry has passed, with an audit row each. Returns them. */
  async expire(actor = 'system:expiry'): Promise<AllowBlockEntry[]> {
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (unit) => {
      await unit.serializeOn(LOCK);
      const expired = expiredEntries(await allEntries(unit.entries), now);
      if (expired.length === 0) return [];
      await unit.entries.delete(expired.map((e) => e.id));
      await unit.audit.append(expired.map((entry) => ({ at: now.toISOString(), actor, action: 'expire', targetType: ENTRY_AUDIT_TARGET, targetId: entry.id, detail: { entry, expirationDateTime: entry.expirationDateTime } })));
      return expired;
    });
  }
}
