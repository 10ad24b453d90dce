/**
 * Turns stored Tenant Allow/Block List rows into the API's entries (contracts), in one place.
 * The expiry instant is worked out here, by the core's rules, from the stored rule and dates.
 */
import type { AllowBlockEntry, EntryAction, EntrySource, Expiration, ListValueType } from '../../contracts/lists';
import { expirationDateTime } from '../../core/lists';
import type { AllowBlockRow, AllowBlockRepo } from '../store/allow-block-repo';

/** The audit rows of every change to an entry (create, update, delete, expire) carry this target type. */
export const ENTRY_AUDIT_TARGET = 'allowBlockEntry';

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

/** Every entry, as the API shows it. */
export async function allEntries(repo: AllowBlockRepo): Promise<AllowBlockEntry[]> {
  return (await repo.all()).map(toEntry);
}

export async function entryById(repo: AllowBlockRepo, id: string): Promise<AllowBlockEntry | undefined> {
  const row = await repo.byId(id);
  return row ? toEntry(row) : undefined;
}
