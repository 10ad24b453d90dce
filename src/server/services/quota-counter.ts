/**
 * Counts each user's reports today without a database query per report: the count is read from
 * the database once, then kept in memory and increased as this server accepts reports. It is
 * read again after a minute, so reports another server instance accepted are seen within that
 * time. A brake on abuse, not a ledger: it may let a user a few reports past the quota.
 */
const REFRESH_MS = 60_000;
const MAX_USERS = 100_000;

interface Entry {
  day: number;
  readAt: number;
  count: number;
}

export type CountSince = (subject: string, sinceIso: string, atMost: number) => Promise<number>;

export class QuotaCounter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly countSince: CountSince,
    private readonly quota: number,
  ) {}

  /** Reports `subject` made since `midnight` (UTC, ms), as far as this server knows. */
  async made(subject: string, midnight: number, nowMs: number): Promise<number> {
    const entry = this.entries.get(subject);
    if (entry && entry.day === midnight && nowMs - entry.readAt < REFRESH_MS) return entry.count;
    const count = await this.countSince(subject, new Date(midnight).toISOString(), this.quota);
    if (this.entries.size >= MAX_USERS) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(subject, { day: midnight, readAt: nowMs, count });
    return count;
  }

  /** One more report by `subject`, accepted by this server. */
  accepted(subject: string, midnight: number): void {
    const entry = this.entries.get(subject);
    if (entry && entry.day === midnight) entry.count++;
  }
}
