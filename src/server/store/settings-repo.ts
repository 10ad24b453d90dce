/** Values an admin saved in the portal, one JSON document per key. */
import type { Executor } from './executor';
import type { SettingsTable } from './schema';

export type SettingRow = SettingsTable;

export class SettingsRepo {
  constructor(private readonly db: Executor) {}

  async get(key: string): Promise<SettingRow | undefined> {
    return this.db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();
  }

  /** Every row whose key starts with `prefix` (a constant of the code: letters, digits, ':' and '.'). */
  async withPrefix(prefix: string): Promise<SettingRow[]> {
    if (!/^[A-Za-z0-9:.-]+$/.test(prefix)) throw new Error(`not a settings prefix: ${prefix}`);
    return this.db.selectFrom('settings').selectAll().where('key', 'like', `${prefix}%`).execute();
  }

  async put(row: SettingRow): Promise<void> {
    await this.db
      .insertInto('settings')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, modified_by: row.modified_by, modified_date_time: row.modified_date_time }))
      .execute();
  }

  /** True when there was a row. */
  async delete(key: string): Promise<boolean> {
    const result = await this.db.deleteFrom('settings').where('key', '=', key).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
