/**
 * Reads and writes the Tenant Allow/Block List's rows. Knows SQL, not rules: what an entry
 * means (its expiry, its API shape) is the services' business.
 */
import type { Executor } from './executor';
import type { AllowBlockEntriesTable } from './schema';

export type AllowBlockRow = AllowBlockEntriesTable;

/** What an edit may change: the value and action of an entry never change. */
export type AllowBlockChanges = Pick<AllowBlockRow, 'expiration' | 'expiration_set_date_time' | 'note' | 'modified_by' | 'modified_date_time'>;

export class AllowBlockRepo {
  constructor(private readonly db: Executor) {}

  /** Every row. The list is bounded by its limits (1,000 per action by default). */
  all(): Promise<AllowBlockRow[]> {
    return this.db.selectFrom('allow_block_entries').selectAll().execute();
  }

  byId(id: string): Promise<AllowBlockRow | undefined> {
    return this.db.selectFrom('allow_block_entries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(rows: readonly AllowBlockRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.insertInto('allow_block_entries').values([...rows]).execute();
  }

  async update(id: string, changes: AllowBlockChanges): Promise<void> {
    await this.db.updateTable('allow_block_entries').set(changes).where('id', '=', id).execute();
  }

  /** Returns how many rows went. */
  async delete(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db.deleteFrom('allow_block_entries').where('id', 'in', [...ids]).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Sets last-used on entries that just decided a live message (never moves it backwards). */
  async markUsed(ids: readonly string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('allow_block_entries')
      .set({ last_used_date_time: at })
      .where('id', 'in', [...ids])
      .where((eb) => eb.or([eb('last_used_date_time', 'is', null), eb('last_used_date_time', '<', at)]))
      .execute();
  }

  /** True when the submission an entry is to be made from exists. */
  async submissionExists(id: string): Promise<boolean> {
    return (await this.db.selectFrom('submissions').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }
}
