/**
 * The portal's overview: reports per day by category, "not junk" reports per sender domain,
 * the median time from a report to the admin's result, open versus reviewed, and the biggest
 * open clusters. Admins would rather look than read: these are what its charts draw.
 */
import type { Cluster } from '../../contracts/portal/clusters';
import type { Overview, OverviewQuery } from '../../contracts/portal/overview';
import { SUBMISSION_CATEGORIES } from '../../contracts/submissions';
import { canReadAll, type Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import type { Store } from '../store/unit-of-work';
import { forbidden } from './errors';

const DAY_MS = 86_400_000;
/** The median is taken over at most this many of the newest reviews: plenty, and bounded. */
const MEDIAN_SAMPLE = 10_000;

export interface OverviewDeps {
  store: Store;
  clock: Clock;
  /** The biggest open clusters, largest first (the clusters service, once clustering runs). */
  biggestOpenClusters?: (limit: number) => Promise<Cluster[]>;
}

export class OverviewService {
  constructor(private readonly deps: OverviewDeps) {}

  async overview(principal: Principal, query: OverviewQuery): Promise<Overview> {
    if (!canReadAll(principal)) throw forbidden('the overview needs the SecurityAdministrator or SecurityReader role');
    const days = query.days ?? 30;
    const now = this.deps.clock.now();
    // Whole UTC days: today and the days - 1 before it.
    const firstDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * DAY_MS;
    const since = new Date(firstDay).toISOString();
    const repo = this.deps.store.repos.overview;
    const [perDay, notJunk, counts, times, clusters] = await Promise.all([
      repo.perDay(since),
      repo.topSenderDomains(since, 'notJunk', 10),
      repo.openAndReviewed(since),
      repo.reviewTimes(since, MEDIAN_SAMPLE),
      this.deps.biggestOpenClusters?.(5) ?? Promise.resolve([]),
    ]);
    const reportsPerDay = Array.from({ length: days }, (_, i) => {
      const date = new Date(firstDay + i * DAY_MS).toISOString().slice(0, 10);
      const row = { date, notJunk: 0, spam: 0, phishing: 0, malware: 0 };
      for (const category of SUBMISSION_CATEGORIES) row[category] = perDay.find((d) => d.date === date && d.category === category)?.n ?? 0;
      return row;
    });
    return {
      days,
      reportsPerDay,
      notJunkBySenderDomain: notJunk,
      medianMinutesToResult: median(times.map((t) => (Date.parse(t.reviewed) - Date.parse(t.created)) / 60_000)),
      open: counts.open,
      reviewed: counts.reviewed,
      biggestOpenClusters: clusters,
    };
  }
}

function median(values: number[]): number | null {
  const sorted = values.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}
