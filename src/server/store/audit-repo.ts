/** The audit trail: who changed what, when. Rows are only ever added. */
import { sql } from 'kysely';
import type { Executor } from './executor';
import type { AuditTable } from './schema';

export interface AuditRecord {
  at: string;
  /** The mailbox (or `system:…` for jobs), as people read it. */
  actor: string;
  /** The actor's stable subject, when a person acted. */
  actorSubject?: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: Record<string, unknown>;
}

export interface AuditFilter {
  targetType?: string;
  targetId?: string;
  actor?: string;
  action?: string;
  /** Text to find in the target or the details (case-insensitive). */
  text?: string;
  /** ISO instants: rows at or after `after` and before `before`. */
  after?: string;
  before?: string;
  /** Only rows with an id below this (paging). */
  belowId?: number;
}

/** `text` as a LIKE pattern that matches it literally, anywhere. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type AuditRow = Omit<AuditTable, 'id'> & { id: number };

export class AuditRepo {
  constructor(private readonly db: Executor) {}

  /** Writes on the repo's executor: inside a unit of work, a change and its audit rows commit together. */
  async append(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db
      .insertInto('audit_log')
      .values(records.map((r) => ({ at: r.at, actor: r.actor, actor_subject: r.actorSubject ?? null, action: r.action, target_type: r.targetType, target_id: r.targetId, detail: JSON.stringify(r.detail) })))
      .execute();
  }

  /** Newest first. */
  async list(filter: AuditFilter, limit: number): Promise<AuditRow[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
    if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
    if (filter.actor) query = query.where('actor', '=', filter.actor);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.after) query = query.where('at', '>=', filter.after);
    if (filter.before) query = query.where('at', '<', filter.before);
    if (filter.text) {
      const pattern = containing(filter.text);
      query = query.where((eb) => eb.or([
        eb(sql`lower(target_id)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(detail)`, 'like', sql`${pattern} escape '\\'`),
      ]));
    }
    if (filter.belowId) query = query.where('id', '<', filter.belowId);
    const rows = await query.orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  /** The time of the newest change to one kind of target, or null: what a map's Last-Modified rests on. */
  async lastChangeAt(targetType: string): Promise<string | null> {
    const row = await this.db.selectFrom('audit_log').select((eb) => eb.fn.max('at').as('at')).where('target_type', '=', targetType).executeTakeFirst();
    return (row?.at as string | null | undefined) ?? null;
  }

  /**
   * The id of the newest change to one kind of target (0 when none). Ids only ever grow, even
   * within one millisecond, so this changes with every change, on whichever server made it.
   */
  async lastChangeId(targetType: string): Promise<number> {
    const row = await this.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).where('target_type', '=', targetType).executeTakeFirst();
    return Number(row?.id ?? 0);
  }
}
