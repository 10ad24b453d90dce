/**
 * The shapes of list entries that the core needs. They are the subsets of the API
 * contracts (AllowBlockEntry, SenderListItem) that matter to matching and expiry, so a
 * full entry from the store can be passed as it is.
 */
import type { EntryAction, EntrySource } from '../../contracts/lists';
import type { ExpiringEntry } from './expiry';

/** A Tenant Allow/Block List entry. */
export interface TenantEntry extends ExpiringEntry {
  readonly id: string;
  /** Normalised value: address, domain or `*.domain`. */
  readonly value: string;
  readonly action: EntryAction;
  readonly source: EntrySource;
}

/** One entry of a user's Safe Senders or Blocked Senders list (these never expire). */
export interface UserListEntry {
  /** Any stable identity; the value itself will do when entries have no id. */
  readonly id: string;
  readonly value: string;
}
