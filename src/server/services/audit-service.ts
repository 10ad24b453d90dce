import { canReadAll, type Principal } from '../../core/permissions';
import type { Store } from '../store/unit-of-work';
import { forbidden } from './errors';

export interface AuditQuery {
  targetType?: string;
  actor?: string;
  before?: number;
  limit?: number;
}

/** Reading the audit trail. Writing it happens inside each change's own unit of work. */
export class AuditService {
  constructor(private readonly store: Store) {}

  async list(principal: Principal, query: AuditQuery) {
    if (!canReadAll(principal)) throw forbidden('the audit trail needs the SecurityAdministrator or SecurityReader role');
    const filter = {
      ...(query.targetType ? { targetType: query.targetType } : {}),
      ...(query.actor ? { actor: query.actor.toLowerCase() } : {}),
      ...(query.before ? { before: query.before } : {}),
    };
    const rows = await this.store.repos.audit.list(filter, query.limit ?? 100);
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }
}
