/**
 * End users' Safe Senders and Blocked Senders. Validation is the core's (syntax, IDN, own
 * domains, duplicates, the per-user limit); this file makes it durable and audited: the check
 * and the write happen in one serialized transaction with the audit row.
 */
import { randomUUID } from 'node:crypto';
import type { SenderListItem, SenderListResponse, ListValueType } from '../../contracts/lists';
import { userListValueKey, validateUserListAdd } from '../../core/lists';
import type { Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import type { Store } from '../store/unit-of-work';
import type { UserListName, UserListRow } from '../store/user-lists-repo';
import { listRefusal, notFound } from './errors';
import type { PolicySource } from './settings-service';

export type { UserListName };

export interface UserListsDeps {
  store: Store;
  clock: Clock;
  /** The accepted domains in force (the portal's settings). */
  policy: PolicySource;
  limit: number;
}

const AUDIT_TARGET: Record<UserListName, string> = { safe: 'safeSender', blocked: 'blockedSender' };

function toItem(row: UserListRow): SenderListItem {
  return { value: row.value, displayValue: row.display_value, valueType: row.value_type as ListValueType, createdDateTime: row.created_date_time };
}

export class UserListsService {
  constructor(private readonly deps: UserListsDeps) {}

  async list(principal: Principal, list: UserListName): Promise<SenderListResponse> {
    const rows = await this.deps.store.repos.userLists.rows(principal.email, list);
    return { items: rows.map(toItem), used: rows.length, limit: this.deps.limit };
  }

  async add(principal: Principal, list: UserListName, raw: string): Promise<SenderListItem> {
    const { acceptedDomains } = await this.deps.policy.current();
    return this.deps.store.transaction(async (unit) => {
      await unit.serializeOn(`user-list:${principal.email}:${list}`);
      const existing = await unit.userLists.rows(principal.email, list);
      const checked = validateUserListAdd(raw, {
        acceptedDomains,
        existing: existing.map((r) => r.value),
        limit: this.deps.limit,
      });
      if (!checked.ok) throw listRefusal(checked.errors);
      const now = this.deps.clock.now().toISOString();
      const row: UserListRow = {
        id: randomUUID(),
        owner_email: principal.email,
        list,
        value: checked.value.value,
        display_value: checked.value.displayValue,
        value_type: checked.value.valueType,
        created_date_time: now,
      };
      await unit.userLists.insert(row);
      await unit.audit.append([{ at: now, actor: principal.email, actorSubject: principal.id, action: 'add', targetType: AUDIT_TARGET[list], targetId: `${principal.email}:${row.value}`, detail: { list, value: row.value } }]);
      return toItem(row);
    });
  }

  async remove(principal: Principal, list: UserListName, raw: string): Promise<void> {
    const value = userListValueKey(raw) ?? raw.trim().toLowerCase();
    await this.deps.store.transaction(async (unit) => {
      const deleted = await unit.userLists.remove(principal.email, list, value);
      if (deleted === 0) throw notFound(`${value} on your ${list === 'safe' ? 'Safe Senders' : 'Blocked Senders'} list`);
      await unit.audit.append([{ at: this.deps.clock.now().toISOString(), actor: principal.email, actorSubject: principal.id, action: 'remove', targetType: AUDIT_TARGET[list], targetId: `${principal.email}:${value}`, detail: { list, value } }]);
    });
  }
}
