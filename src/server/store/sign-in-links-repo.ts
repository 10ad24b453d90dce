/** One-time sign-in links: created, and consumed exactly once. */
import type { Executor } from './executor';
import type { PortalSignInLinksTable } from './schema-sign-in';

export type SignInLinkRow = PortalSignInLinksTable;

export class SignInLinksRepo {
  constructor(private readonly db: Executor) {}

  async create(row: SignInLinkRow): Promise<void> {
    await this.db.insertInto('portal_sign_in_links').values(row).execute();
  }

  /**
   * Marks the link used, if it is unused and unexpired at `now`, in one statement: of two
   * concurrent attempts exactly one gets the row back.
   */
  async consume(codeSha256: string, now: string): Promise<SignInLinkRow | undefined> {
    return this.db
      .updateTable('portal_sign_in_links')
      .set({ used_date_time: now })
      .where('code_sha256', '=', codeSha256)
      .where('used_date_time', 'is', null)
      .where('expires_date_time', '>', now)
      .returningAll()
      .executeTakeFirst();
  }

  /** Removes links that expired before `before` (used or not): they can do nothing any more. */
  async deleteExpired(before: string): Promise<number> {
    const result = await this.db.deleteFrom('portal_sign_in_links').where('expires_date_time', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
