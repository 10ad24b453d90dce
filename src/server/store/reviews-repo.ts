/** The admin's review of user reports: reading the reports and writing the result on them. */
import type { Executor } from './executor';
import type { SubmissionsTable } from './schema';

export interface ReviewWrite {
  result: string;
  message: string | null;
  at: string;
  by: string;
}

/** Ids per statement: far below every database's limit on bound values. */
const CHUNK = 500;

export class ReviewsRepo {
  constructor(private readonly db: Executor) {}

  /** The user reports among `ids` (an admin's own analyses are not reviewed). */
  async userReports(ids: readonly string[]): Promise<SubmissionsTable[]> {
    const rows: SubmissionsTable[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      rows.push(...(await this.db.selectFrom('submissions').selectAll().where('id', 'in', ids.slice(i, i + CHUNK)).where('source', '=', 'user').execute()));
    }
    return rows;
  }

  async setReview(ids: readonly string[], review: ReviewWrite): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      await this.db
        .updateTable('submissions')
        .set({ review_result: review.result, review_message: review.message, reviewed_date_time: review.at, reviewed_by: review.by, status: 'succeeded' })
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute();
    }
  }
}
