/** Reads and writes the Tenant Allow/Block List, and maps rows to the API's entries. */
import type { Transaction } from 'kysely';
import type { AllowBlockEntry, EntryAction, EntrySource, Expiration, ListValueType } from '../../contracts/lists';
import { expirationDateTime } from '../../core/lists';
import type { Db } from './database';
import type { AllowBlockEntriesTable, Database } from './schema';

export type AllowBlockRow = AllowBlockEntriesTable;
type Executor = Db | Transaction<Database>;

export function toEntry(row: AllowBlockRow): AllowBlockEntry {
  const expiration = JSON.parse(row.expiration) as Expiration;
  const action = row.action as EntryAction;
  return {
    id: row.id,
    value: row.value,
    displayValue: row.display_value,
    valueType: row.value_type as ListValueType,
    action,
    source: row.source as EntrySource,
    submissionId: row.submission_id,
    expiration,
    expirationSetDateTime: row.expiration_set_date_time,
    expirationDateTime: expirationDateTime({ action, expiration, expirationSetDateTime: row.expiration_set_date_time, lastUsedDateTime: row.last_used_date_time }),
    note: row.note,
    createdBy: row.created_by,
    createdDateTime: row.created_date_time,
    modifiedBy: row.modified_by,
    modifiedDateTime: row.modified_date_time,
    lastUsedDateTime: row.last_used_date_time,
  };
}

/** Every entry. The list is bounded by its limits (1,000 per action by default). */
export async function allEntries(db: Executor): Promise<AllowBlockEntry[]> {
  const rows = await db.selectFrom('allow_block_entries').selectAll().execute();
  return rows.map(toEntry);
}

export async function entryById(db: Executor, id: string): Promise<AllowBlockEntry | undefined> {
  const row = await db.selectFrom('allow_block_entries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toEntry(row) : undefined;
}

/** Sets last-used on entries that just decided a live message (never moves it backwards). */
export async function markUsed(db: Executor, ids: readonly string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('allow_block_entries')
    .set({ last_used_date_time: at })
    .where('id', 'in', [...ids])
    .where((eb) => eb.or([eb('last_used_date_time', 'is', null), eb('last_used_date_time', '<', at)]))
    .execute();
}

/**
 * A cheap fingerprint of the whole list: every create, update, delete and expiry writes an
 * audit row (its id only ever grows, even within one millisecond), and every use moves the
 * newest last-used date. Lets callers keep a built index until the list really changes, across
 * several server instances sharing one database.
 */
export async function listFingerprint(db: Executor, auditTargetType: string): Promise<string> {
  const [change, use] = await Promise.all([
    db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).where('target_type', '=', auditTargetType).executeTakeFirst(),
    db.selectFrom('allow_block_entries').select((eb) => eb.fn.max('last_used_date_time').as('used')).executeTakeFirst(),
  ]);
  return `${String(change?.id ?? 0)}|${String(use?.used ?? '')}`;
}
