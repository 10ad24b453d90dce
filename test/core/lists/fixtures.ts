/** Builders for list entries and messages, with a fixed clock. */
import type { EntryAction, EntrySource, Expiration, MessageFacts } from '../../../src/contracts/lists';
import type { TenantEntry, UserListEntry } from '../../../src/core/lists';

export const NOW = new Date('2025-03-01T12:00:00.000Z');
export const DAY = 86_400_000;
export const daysFromNow = (days: number): string => new Date(NOW.getTime() + days * DAY).toISOString();

let seq = 0;
export function entry(
  value: string,
  action: EntryAction,
  opts: { id?: string; source?: EntrySource; expiration?: Expiration; setAt?: string; lastUsed?: string | null } = {},
): TenantEntry & { note: string; createdDateTime: string } {
  seq += 1;
  return {
    id: opts.id ?? `e${seq}`,
    value,
    action,
    source: opts.source ?? 'direct',
    expiration: opts.expiration ?? (action === 'block' ? { type: 'never' } : { type: 'days', days: 30 }),
    expirationSetDateTime: opts.setAt ?? NOW.toISOString(),
    lastUsedDateTime: opts.lastUsed ?? null,
    note: '',
    createdDateTime: opts.setAt ?? NOW.toISOString(),
  };
}

export const userEntry = (value: string, id = `u:${value}`): UserListEntry => ({ id, value });

export function message(sender: string, overrides: Partial<MessageFacts> = {}): MessageFacts {
  return {
    senderAddress: sender,
    authentication: { spf: 'pass', dkim: 'pass', dmarc: 'pass', compauth: 'pass' },
    verdict: 'none',
    ...overrides,
  };
}
