/** Reads and writes users' Safe Senders and Blocked Senders. */
import type { Executor } from './executor';
import type { UserListEntriesTable } from './schema';

export type UserListName = 'safe' | 'blocked';
export type UserListRow = UserListEntriesTable;

export class UserListsRepo {
  constructor(private readonly db: Executor) {}

  /** One list of one user, oldest first. */
  rows(owner: string, list: UserListName): Promise<UserListRow[]> {
    return this.db
      .selectFrom('user_list_entries')
      .selectAll()
      .where('owner_email', '=', owner)
      .where('list', '=', list)
      .orderBy('created_date_time', 'asc')
      .orderBy('id', 'asc')
      .execute();
  }

  /** Both lists of one recipient, for decisions. */
  ofRecipient(owner: string): Promise<UserListRow[]> {
    return this.db.selectFrom('user_list_entries').selectAll().where('owner_email', '=', owner).execute();
  }

  /** Every user's lists, grouped by user: for the exports. */
  everyone(): Promise<UserListRow[]> {
    return this.db.selectFrom('user_list_entries').selectAll().orderBy('owner_email').execute();
  }

  /** How many safe senders each user with at least `atLeast` has: for the health report's "near the limit". */
  async safeSenderCounts(atLeast: number): Promise<Array<{ user: string; used: number }>> {
    const rows = await this.db
      .selectFrom('user_list_entries')
      .select(['owner_email', (eb) => eb.fn.countAll<string | number>().as('used')])
      .where('list', '=', 'safe')
      .groupBy('owner_email')
      .having((eb) => eb.fn.countAll(), '>=', atLeast)
      .execute();
    return rows.map((r) => ({ user: r.owner_email, used: Number(r.used) }));
  }

  async insert(row: UserListRow): Promise<void> {
    await this.db.insertInto('user_list_entries').values(row).execute();
  }

  /** Returns how many rows went (0 or 1: values are unique per list). */
  async remove(owner: string, list: UserListName, value: string): Promise<number> {
    const result = await this.db
      .deleteFrom('user_list_entries')
      .where('owner_email', '=', owner)
      .where('list', '=', list)
      .where('value', '=', value)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
