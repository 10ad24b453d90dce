/** The counts the portal's overview draws, over user reports made since a point in time. */
import { sql } from 'kysely';
import type { Executor } from './executor';

export interface DayCount {
  date: string;
  category: string;
  n: number;
}

export class OverviewRepo {
  constructor(private readonly db: Executor) {}

  private userReportsSince(since: string) {
    return this.db.selectFrom('submissions').where('source', '=', 'user').where('created_date_time', '>=', since);
  }

  /** Reports per UTC day and category (the date is the first ten characters of the ISO time). */
  async perDay(since: string): Promise<DayCount[]> {
    const rows = await this.userReportsSince(since)
      .select([sql<string>`substr(created_date_time, 1, 10)`.as('date'), 'category', (eb) => eb.fn.countAll().as('n')])
      .groupBy([sql`substr(created_date_time, 1, 10)`, 'category'])
      .execute();
    return rows.map((r) => ({ date: r.date, category: r.category, n: Number(r.n) }));
  }

  async topSenderDomains(since: string, category: string, limit: number): Promise<Array<{ domain: string; count: number }>> {
    const rows = await this.userReportsSince(since)
      .where('category', '=', category)
      .where('sender_domain', '!=', '')
      .select(['sender_domain', (eb) => eb.fn.countAll().as('n')])
      .groupBy('sender_domain')
      .orderBy('n', 'desc')
      .orderBy('sender_domain')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ domain: r.sender_domain, count: Number(r.n) }));
  }

  async openAndReviewed(since: string): Promise<{ open: number; reviewed: number }> {
    const rows = await this.userReportsSince(since)
      .select([sql<number>`case when review_result is null then 0 else 1 end`.as('reviewed'), (eb) => eb.fn.countAll().as('n')])
      .groupBy(sql`case when review_result is null then 0 else 1 end`)
      .execute();
    const count = (reviewed: number) => Number(rows.find((r) => Number(r.reviewed) === reviewed)?.n ?? 0);
    return { open: count(0), reviewed: count(1) };
  }

  /** When each report reviewed in the period was made and reviewed, the newest `limit`. */
  async reviewTimes(since: string, limit: number): Promise<Array<{ created: string; reviewed: string }>> {
    const rows = await this.db
      .selectFrom('submissions')
      .select(['created_date_time', 'reviewed_date_time'])
      .where('source', '=', 'user')
      .where('review_result', 'is not', null)
      .where('reviewed_date_time', '>=', since)
      .orderBy('reviewed_date_time', 'desc')
      .limit(limit)
      .execute();
    return rows.flatMap((r) => (r.reviewed_date_time === null ? [] : [{ created: r.created_date_time, reviewed: r.reviewed_date_time }]));
  }
}
