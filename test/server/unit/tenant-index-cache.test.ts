import { buildTenantIndex, type TenantEntry } from '../../../src/core/lists';
import { TenantIndexCache } from '../../../src/server/services/tenant-index-cache';

const DAY = 86_400_000;
const T0 = new Date('2026-11-22T12:00:00.000Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

/** A list whose version the test moves, and an index builder that counts. */
function fixture(entries: TenantEntry[]) {
  const state = { version: 1, builds: 0, entries };
  const cache = new TenantIndexCache(
    { version: async () => state.version, entries: async () => state.entries },
    (list) => {
      state.builds++;
      return buildTenantIndex(list);
    },
  );
  return { state, cache };
}

const afterLastUsed: TenantEntry = {
  id: 'a1',
  value: 'supplier.example',
  action: 'allow',
  source: 'submission',
  expiration: { type: 'afterLastUsed', days: 45 },
  expirationSetDateTime: T0.toISOString(),
  lastUsedDateTime: null,
};

describe('tenant index cache', () => {
  test('decisions that find it stale at once share one build', async () => {
    const { state, cache } = fixture([afterLastUsed]);
    const indexes = await Promise.all([1, 2, 3, 4].map(() => cache.current(T0)));
    expect(state.builds).toBe(1);
    expect(new Set(indexes).size).toBe(1);
  });

  test('a new version rebuilds; the same version is the same index', async () => {
    const { state, cache } = fixture([afterLastUsed]);
    const first = await cache.current(T0);
    expect(await cache.current(at(1))).toBe(first);
    state.version = 2;
    expect(await cache.current(at(1))).not.toBe(first);
    expect(state.builds).toBe(2);
  });

  test('an "after last used" expiry it placed from an old last use rebuilds it when it comes', async () => {
    const { state, cache } = fixture([afterLastUsed]);
    await cache.current(T0);
    // Used on day 40 (recorded elsewhere: the version does not move).
    state.entries = [{ ...afterLastUsed, lastUsedDateTime: at(40).toISOString() }];
    await cache.current(at(44));
    expect(state.builds).toBe(1);
    await cache.current(at(45));
    expect(state.builds).toBe(2);
    await cache.current(at(84));
    expect(state.builds).toBe(2);
  });
});
