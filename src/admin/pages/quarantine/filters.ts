/**
 * The quarantine list's filters as the address bar holds them, and the API query they mean;
 * the quick filters; and the pure parts of the dialogs (which recipients a release names,
 * what a bulk release includes and leaves out, the allow entry's expiry).
 */
import type { QuarantineListQuery, QuarantineReason, ReleaseDelivery, ReleaseStatus } from '../../../contracts/quarantine';
import type { BulkReleaseMember, BulkReleasePreview } from '../../../contracts/quarantine-bulk';
import { localMidnight } from '../submissions/filters';

export const PAGE_SIZE = 50;
// Spelled out here (type-checked against the contract) so TypeBox stays out of the bundle.
export const QUARANTINE_REASONS: readonly QuarantineReason[] = ['spam', 'highConfidenceSpam', 'bulk', 'phishing', 'highConfidencePhishing', 'malware', 'organisationRule'];
export const RELEASE_STATUSES: readonly ReleaseStatus[] = ['notReleased', 'requested', 'released', 'denied'];

export interface QuarantineFilters {
  recipient: string;
  sender: string;
  senderDomain: string;
  subject: string;
  reason: QuarantineReason | undefined;
  policy: string;
  status: ReleaseStatus | undefined;
  /** Local calendar dates (yyyy-mm-dd). */
  receivedAfter: string;
  receivedBefore: string;
  expiresAfter: string;
  expiresBefore: string;
  order: 'newest' | 'oldest';
  cursor: string | undefined;
}

const isOneOf = <T extends string>(values: readonly T[], value: string | null): value is T => value !== null && (values as readonly string[]).includes(value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const POLICY = /^[A-Za-z0-9_.-]{1,64}$/;

export function quarantineFiltersFrom(params: URLSearchParams): QuarantineFilters {
  const date = (name: string) => {
    const value = params.get(name) ?? '';
    return DATE.test(value) ? value : '';
  };
  const reason = params.get('reason');
  const status = params.get('status');
  const policy = params.get('policy') ?? '';
  return {
    recipient: params.get('recipient') ?? '',
    sender: params.get('sender') ?? '',
    senderDomain: params.get('senderDomain') ?? '',
    subject: params.get('subject') ?? '',
    reason: isOneOf(QUARANTINE_REASONS, reason) ? reason : undefined,
    policy: POLICY.test(policy.trim()) ? policy.trim() : '',
    status: isOneOf(RELEASE_STATUSES, status) ? status : undefined,
    receivedAfter: date('receivedAfter'),
    receivedBefore: date('receivedBefore'),
    expiresAfter: date('expiresAfter'),
    expiresBefore: date('expiresBefore'),
    order: params.get('order') === 'oldest' ? 'oldest' : 'newest',
    cursor: params.get('cursor') ?? undefined,
  };
}

export function quarantineQueryOf(filters: QuarantineFilters): QuarantineListQuery {
  const query: QuarantineListQuery = { limit: PAGE_SIZE, order: filters.order };
  const text = (value: string, max: number) => value.trim().slice(0, max);
  if (text(filters.recipient, 320)) query.recipient = text(filters.recipient, 320);
  if (text(filters.sender, 320)) query.sender = text(filters.sender, 320);
  const domain = text(filters.senderDomain.trim().replace(/^@/, ''), 255).toLowerCase();
  if (domain) query.senderDomain = domain;
  if (text(filters.subject, 200)) query.subject = text(filters.subject, 200);
  if (filters.reason) query.reason = filters.reason;
  if (filters.policy) query.policy = filters.policy;
  if (filters.status) query.releaseStatus = filters.status;
  if (filters.receivedAfter) query.receivedAfter = localMidnight(filters.receivedAfter);
  // "Before" a date includes that whole day.
  if (filters.receivedBefore) query.receivedBefore = localMidnight(filters.receivedBefore, 1);
  if (filters.expiresAfter) query.expiresAfter = localMidnight(filters.expiresAfter);
  if (filters.expiresBefore) query.expiresBefore = localMidnight(filters.expiresBefore, 1);
  if (filters.cursor) query.cursor = filters.cursor;
  return query;
}

/** True when anything beyond the default view (everything, newest first) is set. */
export function isQuarantineFiltered(filters: QuarantineFilters): boolean {
  return (
    filters.reason !== undefined ||
    filters.status !== undefined ||
    [filters.recipient, filters.sender, filters.senderDomain, filters.subject, filters.policy, filters.receivedAfter, filters.receivedBefore, filters.expiresAfter, filters.expiresBefore].some(
      (v) => v.trim() !== '',
    ) ||
    filters.order !== 'newest'
  );
}

/** The keys the filter panel owns, cleared together. */
export const QUARANTINE_FILTER_KEYS = [
  'recipient',
  'sender',
  'senderDomain',
  'subject',
  'reason',
  'policy',
  'status',
  'receivedAfter',
  'receivedBefore',
  'expiresAfter',
  'expiresBefore',
  'order',
  'cursor',
] as const;

/** The quick filters: each is one key of the address with one value; clicking again clears it. */
export type QuickFilter = 'requested' | 'phishing' | 'malware' | 'notReleased';
export const QUICK_FILTERS: ReadonlyArray<{ name: QuickFilter; key: 'status' | 'reason'; value: string }> = [
  { name: 'requested', key: 'status', value: 'requested' },
  { name: 'phishing', key: 'reason', value: 'phishing' },
  { name: 'malware', key: 'reason', value: 'malware' },
  { name: 'notReleased', key: 'status', value: 'notReleased' },
];

export function isQuickOn(filters: QuarantineFilters, quick: QuickFilter): boolean {
  const spec = QUICK_FILTERS.find((q) => q.name === quick);
  if (!spec) return false;
  return (spec.key === 'status' ? filters.status : filters.reason) === spec.value;
}

/** The address changes one quick filter's click makes (a page of results starts again). */
export function toggleQuick(filters: QuarantineFilters, quick: QuickFilter): Record<string, string | null> {
  const spec = QUICK_FILTERS.find((q) => q.name === quick);
  if (!spec) return {};
  return { [spec.key]: isQuickOn(filters, quick) ? null : spec.value, cursor: null };
}

/** A recipient of the message: this row or one of the others, with where its release stands. */
export interface RecipientRow {
  id: string;
  recipient: string;
  releaseStatus: ReleaseStatus;
  /** Where its release's delivery stands, when the detail says. */
  releaseDelivery?: ReleaseDelivery | null;
}

export const isReleasable = (status: ReleaseStatus) => status !== 'released';

/**
 * The release request's recipients: none (meaning every recipient) when every releasable
 * recipient is chosen, else the chosen addresses.
 */
export function releaseRecipients(rows: readonly RecipientRow[], chosen: ReadonlySet<string>): string[] | undefined {
  const releasable = rows.filter((r) => isReleasable(r.releaseStatus));
  const picked = releasable.filter((r) => chosen.has(r.recipient)).map((r) => r.recipient);
  if (picked.length === releasable.length) return undefined;
  return picked;
}

/** A member can be ticked unless it is released already. */
export const canPick = (member: BulkReleaseMember) => member.releaseStatus !== 'released';

/** What the server selects on its own: the dry run's `selected` members. */
export function initialPicks(preview: BulkReleasePreview): Set<string> {
  return new Set(preview.members.filter((m) => m.selected).map((m) => m.id));
}

/**
 * The bulk release request for the admin's ticks: risky members ticked one by one go in
 * `include`, members the server selected but the admin unticked go in `exclude`.
 */
export function bulkChoice(preview: BulkReleasePreview, picked: ReadonlySet<string>): { include: string[]; exclude: string[]; count: number } {
  const include: string[] = [];
  const exclude: string[] = [];
  let count = 0;
  for (const m of preview.members) {
    if (!canPick(m)) continue;
    const on = picked.has(m.id);
    if (on) count++;
    if (on && !m.selected) include.push(m.id);
    if (!on && m.selected) exclude.push(m.id);
  }
  return { include, exclude, count };
}
