/**
 * The User reported view's filters as the address bar holds them, and the API query they
 * mean. The default view is the work queue: reports nobody has marked yet, newest first.
 */
import type { ListSubmissionsQuery, SubmissionCategory } from '../../../contracts/submissions';
import type { ReviewState } from '../../../contracts/portal';

export const PAGE_SIZE = 50;

export const CATEGORIES: readonly SubmissionCategory[] = ['notJunk', 'spam', 'phishing', 'malware'];
export const REVIEW_STATES: readonly ReviewState[] = ['unreviewed', 'noThreatsFound', 'phishing', 'spam'];

export interface SubmissionFilters {
  category: SubmissionCategory | undefined;
  /** `all` = whatever the result; absent from the address = `unreviewed`. */
  review: ReviewState | 'all';
  reporter: string;
  sender: string;
  recipient: string;
  q: string;
  /** Local calendar dates (yyyy-mm-dd). */
  after: string;
  before: string;
  sort: 'newest' | 'oldest';
  cursor: string | undefined;
  clusterId: string | undefined;
}

const isOneOf = <T extends string>(values: readonly T[], value: string | null): value is T => value !== null && (values as readonly string[]).includes(value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFrom(params: URLSearchParams): SubmissionFilters {
  const category = params.get('category');
  const review = params.get('review');
  const date = (name: string) => {
    const value = params.get(name) ?? '';
    return DATE.test(value) ? value : '';
  };
  return {
    category: isOneOf(CATEGORIES, category) ? category : undefined,
    review: review === 'all' ? 'all' : isOneOf(REVIEW_STATES, review) ? review : 'unreviewed',
    reporter: params.get('reporter') ?? '',
    sender: params.get('sender') ?? '',
    recipient: params.get('recipient') ?? '',
    q: params.get('q') ?? '',
    after: date('after'),
    before: date('before'),
    sort: params.get('sort') === 'oldest' ? 'oldest' : 'newest',
    cursor: params.get('cursor') ?? undefined,
    clusterId: params.get('clusterId') ?? undefined,
  };
}

/** Local midnight of a calendar date, as an instant; `plusDays` moves to a later midnight. */
export function localMidnight(date: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + plusDays).toISOString();
}

export function queryOf(filters: SubmissionFilters): ListSubmissionsQuery {
  const query: ListSubmissionsQuery = { source: 'user', limit: PAGE_SIZE, sort: filters.sort };
  if (filters.category) query.category = filters.category;
  if (filters.review !== 'all') query.review = filters.review;
  const text = (value: string) => value.trim();
  if (text(filters.reporter)) query.reporter = text(filters.reporter);
  if (text(filters.sender)) query.sender = text(filters.sender).replace(/^@/, '');
  if (text(filters.recipient)) query.recipient = text(filters.recipient);
  if (text(filters.q)) query.q = text(filters.q).slice(0, 200);
  if (filters.after) query.createdAfter = localMidnight(filters.after);
  // "Before" a date includes that whole day.
  if (filters.before) query.createdBefore = localMidnight(filters.before, 1);
  if (filters.cursor) query.cursor = filters.cursor;
  if (filters.clusterId) query.clusterId = filters.clusterId;
  return query;
}

/** True when anything beyond the default view is set (the "Clear filters" button shows). */
export function isFiltered(filters: SubmissionFilters): boolean {
  return (
    filters.category !== undefined ||
    filters.review !== 'unreviewed' ||
    [filters.reporter, filters.sender, filters.recipient, filters.q, filters.after, filters.before].some((v) => v.trim() !== '') ||
    filters.sort !== 'newest' ||
    filters.clusterId !== undefined
  );
}

/** The keys the filter panel owns, cleared together. */
export const FILTER_KEYS = ['category', 'review', 'reporter', 'sender', 'recipient', 'q', 'after', 'before', 'sort', 'cursor', 'clusterId'] as const;
