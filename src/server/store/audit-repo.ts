/** The audit trail: who changed what, when. Rows are only ever added. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

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

type Executor = Kysely<Database> | Transaction<Database>;

/** Writes inside the caller's transaction, so a change and its audit row commit together. */
export async function appendAudit(db: Executor, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(records.map((r) => ({ at: r.at, actor: r.actor, actor_subject: r.actorSubject ?? null, action: r.action, target_type: r.targetType, target_id: r.targetId, detail: JSON.stringify(r.detail) })))
    .execute();
}

/** The newest change to one kind of target, or null: what a map's Last-Modified rests on. */
export async function lastChangeOf(db: Executor, targetType: string): Promise<string | null> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('at').as('at')).where('target_type', '=', targetType).executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}
