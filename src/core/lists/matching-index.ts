/**
 * The matching index: list entries in hash maps keyed by their normalised value, so a
 * decision costs a handful of map lookups whatever the size of the lists (never a scan).
 * One index holds both sides of a list pair (tenant allow + block; a user's safe +
 * blocked senders), so each key is hashed and looked up once for both.
 *
 * Matching rules (as in the Tenant Allow/Block List):
 * - an address entry matches that address only;
 * - a domain entry `example.com` matches senders in example.com only, NOT its subdomains
 *   ("if the block entry doesn't use the syntax *.TLD, subdomains of the specified domain
 *   aren't blocked", Microsoft Learn, Allow or block email using the Tenant Allow/Block List);
 * - a wildcard entry `*.example.com` matches example.com and every subdomain. Lookup walks
 *   up the sender's domain (a.b.example.com, b.example.com, example.com), one map lookup
 *   per level, skipping levels at which the index holds no wildcard at all.
 * The most specific match wins: address, then exact domain, then the nearest wildcard.
 *
 * An index is a snapshot of the entries it was built from. Expiry is checked at lookup
 * time against the `now` passed in, so an entry that expires after the build never
 * matches; rebuild the index when entries are added or changed. A stale last-used date
 * can only make an entry expire sooner, never later: an index need not be rebuilt each time
 * an entry is used, only once the earliest "after last used" expiry it placed has come
 * (as the server's live decisions do).
 */
import type { EntryAction, EntrySource, MatchedEntry } from '../../contracts/lists';
import { expiresAtMs, isExpiredAt } from './expiry';
import type { TenantEntry, UserListEntry } from './types';
import { storedValueKey } from './value-keys';

export type MatchedOn = MatchedEntry['matchedOn'];

export interface IndexedEntry {
  readonly id: string;
  readonly value: string;
  readonly action: EntryAction;
  readonly source: EntrySource;
  /** Epoch ms; Infinity = never; NaN = unreadable (see isExpiredAt). */
  readonly expiresAt: number;
}

/** The entries under one key: allow (or safe) and block (or blocked). */
interface Slot {
  allow: Match[] | undefined;
  block: Match[] | undefined;
}

export interface ListIndex {
  /** Addresses (which contain @) and plain domains (which do not): one key space. */
  readonly exact: ReadonlyMap<string, Readonly<Slot>>;
  /** `*.example.com` entries, keyed by `example.com`. */
  readonly wildcard: ReadonlyMap<string, Readonly<Slot>>;
  /** How many labels the wildcard keys have, so the walk skips levels with none. */
  readonly wildcardLabelCounts: ReadonlySet<number>;
  readonly counts: Readonly<Record<EntryAction, number>>;
}

/** Tenant Allow/Block List: `allow` and `block`. */
export interface TenantListIndex extends ListIndex {
  /** Ids of entries whose stored value is not a valid list value (never matched). */
  readonly unreadable: readonly string[];
}

/** A user's lists: `allow` = Safe Senders, `block` = Blocked Senders. */
export type UserListIndex = ListIndex;

/** The sender in normalised form; null parts match nothing. */
export interface SenderKeys {
  readonly address: string | null;
  readonly domain: string | null;
}

/** A match is made once per entry when the index is built (the hot path allocates none). */
export interface Match {
  readonly entry: IndexedEntry;
  readonly matchedOn: MatchedOn;
  /** The entry as a decision names it (frozen; shared by every decision it appears in). */
  readonly ref: Readonly<MatchedEntry>;
}

export interface SenderMatches {
  readonly allow: Match | null;
  readonly block: Match | null;
}

const labelCount = (domain: string): number => {
  let n = 1;
  for (let i = domain.indexOf('.'); i >= 0; i = domain.indexOf('.', i + 1)) n += 1;
  return n;
};

class IndexBuilder implements ListIndex {
  readonly exact = new Map<string, Slot>();
  readonly wildcard = new Map<string, Slot>();
  readonly wildcardLabelCounts = new Set<number>();
  readonly counts = { allow: 0, block: 0 };

  /** `lists` names the two sides in decisions (tenantAllow/tenantBlock, safe/blocked senders). */
  constructor(private readonly lists: Readonly<Record<EntryAction, MatchedEntry['list']>>) {}

  /** False when the value is unreadable. */
  add(entry: Omit<IndexedEntry, 'value'>, rawValue: string): boolean {
    const parsed = storedValueKey(rawValue);
    if (parsed === null) return false;
    const wild = parsed.kind === 'domain' && parsed.wildcard;
    const map = wild ? this.wildcard : this.exact;
    const key = parsed.kind === 'address' ? parsed.value : parsed.domain;
    if (wild) this.wildcardLabelCounts.add(labelCount(key));
    let slot = map.get(key);
    if (slot === undefined) {
      slot = { allow: undefined, block: undefined };
      map.set(key, slot);
    }
    const indexed: IndexedEntry = Object.freeze({ ...entry, value: parsed.value });
    const matchedOn: MatchedOn = parsed.kind === 'address' ? 'address' : wild ? 'wildcardDomain' : 'domain';
    const ref = Object.freeze({ id: entry.id, value: parsed.value, list: this.lists[entry.action], matchedOn });
    const match: Match = Object.freeze({ entry: indexed, matchedOn, ref });
    const list = slot[entry.action];
    if (list === undefined) slot[entry.action] = [match];
    else list.push(match);
    this.counts[entry.action] += 1;
    return true;
  }
}

export function buildTenantIndex(entries: readonly TenantEntry[]): TenantListIndex {
  const builder = new IndexBuilder({ allow: 'tenantAllow', block: 'tenantBlock' });
  const unreadable: string[] = [];
  for (const e of entries) {
    const entry = { id: e.id, action: e.action, source: e.source, expiresAt: expiresAtMs(e) };
    if (!builder.add(entry, e.value)) unreadable.push(e.id);
  }
  return Object.assign(builder, { unreadable });
}

export function buildUserIndex(safe: readonly UserListEntry[], blocked: readonly UserListEntry[]): UserListIndex {
  const builder = new IndexBuilder({ allow: 'safeSenders', block: 'blockedSenders' });
  const never = Number.POSITIVE_INFINITY;
  for (const e of safe) builder.add({ id: e.id, action: 'allow', source: 'direct', expiresAt: never }, e.value);
  for (const e of blocked) builder.add({ id: e.id, action: 'block', source: 'direct', expiresAt: never }, e.value);
  return builder;
}

export const EMPTY_USER_INDEX: UserListIndex = buildUserIndex([], []);
export const EMPTY_TENANT_INDEX: TenantListIndex = buildTenantIndex([]);

function firstLive(list: readonly Match[] | undefined, nowMs: number): Match | null {
  if (list === undefined) return null;
  for (const m of list) if (!isExpiredAt(m.entry.action, m.entry.expiresAt, nowMs)) return m;
  return null;
}

/**
 * Both sides at once: the most specific live allow entry and the most specific live
 * block entry that match the sender.
 */
export function lookupSender(index: ListIndex, sender: SenderKeys, nowMs: number): SenderMatches {
  let allow: Match | null = null;
  let block: Match | null = null;
  if (sender.address !== null) {
    const slot = index.exact.get(sender.address);
    allow = firstLive(slot?.allow, nowMs);
    block = firstLive(slot?.block, nowMs);
  }
  const domain = sender.domain;
  if (domain === null || (allow !== null && block !== null)) return { allow, block };
  const slot = index.exact.get(domain);
  allow ??= firstLive(slot?.allow, nowMs);
  block ??= firstLive(slot?.block, nowMs);
  if ((allow !== null && block !== null) || index.wildcard.size === 0) return { allow, block };
  walkWildcards(index, domain, (s) => {
    allow ??= firstLive(s.allow, nowMs);
    block ??= firstLive(s.block, nowMs);
    return allow !== null && block !== null;
  });
  return { allow, block };
}

/** The most specific live entry of one side that matches the sender, or null. */
export function findMatch(index: ListIndex, action: EntryAction, sender: SenderKeys, nowMs: number): Match | null {
  return lookupSender(index, sender, nowMs)[action];
}

/** The nearest live `*.domain` entry of one side covering this domain, or null. */
export function findWildcardMatch(index: ListIndex, action: EntryAction, domain: string, nowMs: number): Match | null {
  let found: Match | null = null;
  walkWildcards(index, domain, (s) => (found = firstLive(s[action], nowMs)) !== null);
  return found;
}

/** Visits the wildcard slots covering `domain`, nearest first, until `visit` returns true. */
function walkWildcards(index: ListIndex, domain: string, visit: (slot: Readonly<Slot>) => boolean): void {
  if (index.wildcard.size === 0) return;
  let labels = labelCount(domain);
  let start = 0;
  while (start >= 0) {
    if (index.wildcardLabelCounts.has(labels)) {
      const slot = index.wildcard.get(start === 0 ? domain : domain.slice(start));
      if (slot !== undefined && visit(slot)) return;
    }
    const dot = domain.indexOf('.', start);
    start = dot < 0 ? -1 : dot + 1;
    labels -= 1;
  }
}
