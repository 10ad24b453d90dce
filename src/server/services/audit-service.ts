import type { AuditPage, AuditQuery, AuditRecord } from '../../contracts/portal/audit';
import { canReadAll, type Principal } from '../../core/permissions';
import type { AuditFilter, AuditRow } from '../store/audit-repo';
import type { Store } from '../store/unit-of-work';
import { badRequest, forbidden } from './errors';
import { isoInstant } from './instants';

/** Rows in one CSV export; a larger trail is exported a period at a time. */
export const CSV_EXPORT_LIMIT = 100_000;

/**
 * Reading the audit trail, newest first, for the portal and its CSV export. Writing it happens
 * inside each change's own unit of work, never here.
 */
export class AuditService {
  constructor(private readonly store: Store) {}

  private filterOf(principal: Principal, query: AuditQuery): AuditFilter {
    if (!canReadAll(principal)) throw forbidden('the audit trail needs the SecurityAdministrator or SecurityReader role');
    const filter: AuditFilter = {};
    if (query.targetType) filter.targetType = query.targetType;
    if (query.targetId) filter.targetId = query.targetId;
    if (query.actor) filter.actor = query.actor.toLowerCase();
    if (query.action) filter.action = query.action;
    if (query.q?.trim()) filter.text = query.q.trim();
    if (query.after) filter.after = isoInstant(query.after, 'after');
    if (query.before) filter.before = isoInstant(query.before, 'before');
    if (query.cursor !== undefined) {
      const below = Number(query.cursor);
      if (!Number.isSafeInteger(below) || below < 1 || String(below) !== query.cursor) throw badRequest('invalid_cursor', 'cursor is not one this server issued');
      filter.belowId = below;
    }
    return filter;
  }

  /** GET /api/audit */
  async list(principal: Principal, query: AuditQuery): Promise<AuditPage> {
    const limit = query.limit ?? 100;
    const rows = await this.store.repos.audit.list(this.filterOf(principal, query), limit + 1);
    const page = rows.slice(0, limit).map(toRecord);
    const last = page[page.length - 1];
    return { items: page, nextCursor: rows.length > limit && last ? String(last.id) : null };
  }

  /** GET /api/audit with Accept: text/csv: every row the filters select, up to CSV_EXPORT_LIMIT. */
  async export(principal: Principal, query: AuditQuery): Promise<AuditRecord[]> {
    const rows = await this.store.repos.audit.list(this.filterOf(principal, query), CSV_EXPORT_LIMIT + 1);
    if (rows.length > CSV_EXPORT_LIMIT) {
      throw badRequest('export_too_large', `more than ${CSV_EXPORT_LIMIT} rows match: export a shorter period (after, before) or narrow the filters`);
    }
    return rows.map(toRecord);
  }
}

function toRecord(r: AuditRow): AuditRecord {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  };
}
