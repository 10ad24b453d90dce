/** Reads and writes users' Safe Senders and Blocked Senders. */
import type { Db } from './database';
import type { UserListEntriesTable } from './schema';
import type { Transaction } from 'kysely';
import type { Database } from './schema';

export type UserListName = 'safe' | 'blocked';
export type UserListRow = UserListEntriesTable;

type Executor = Db | Transaction<Database>;

export function userListRows(db: Executor, owner: string, list: UserListName): Promise<UserListRow[]> {
  return db
    .selectFrom('user_list_entries')
    .selectAll()
    .where('owner_email', '=', owner)
    .where('list', '=', list)
    .orderBy('created_date_time', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

/** Both lists of one recipient, for decisions. */
export function recipientLists(db: Executor, owner: string): Promise<UserListRow[]> {
  return db.selectFrom('user_list_entries').selectAll().where('owner_email', '=', owner).execute();
}

/** How many safe senders each user has: for the health report's "near the limit". */
export async function safeSenderCounts(db: Executor, atLeast: number): Promise<Array<{ user: string; used: number }>> {
  const rows = await db
    .selectFrom('user_list_entries')
    .select(['owner_email', (eb) => eb.fn.countAll<string | number>().as('used')])
    .where('list', '=', 'safe')
    .groupBy('owner_email')
    .having((eb) => eb.fn.countAll(), '>=', atLeast)
    .execute();
  return rows.map((r) => ({ user: r.owner_email, used: Number(r.used) }));
}
