import { canReadAll, type Principal } from '../../core/permissions';
import type { Db } from '../store/database';
import { forbidden } from './errors';

export interface AuditQuery {
  targetType?: string;
  actor?: string;
  before?: number;
  limit?: number;
}

/** Reading the audit trail. Writing it happens inside each change's own transaction. */
export class AuditService {
  constructor(private readonly db: Db) {}

  async list(principal: Principal, query: AuditQuery) {
    if (!canReadAll(principal)) throw forbidden('the audit trail needs the SecurityAdministrator or SecurityReader role');
    let q = this.db.selectFrom('audit_log').selectAll();
    if (query.targetType) q = q.where('target_type', '=', query.targetType);
    if (query.actor) q = q.where('actor', '=', query.actor.toLowerCase());
    if (query.before) q = q.where('id', '<', query.before);
    const rows = await q.orderBy('id', 'desc').limit(query.limit ?? 100).execute();
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actor: r.actor,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }
}
