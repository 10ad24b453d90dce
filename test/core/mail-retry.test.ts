/** The wait before a mail is tried again: doubling, capped, and a little shorter at random. */
import fc from 'fast-check';
import { MAX_RETRY_DELAY_MS, RETRY_JITTER, retryDelayMs } from '../../src/core/mail/retry';

const POLICY = { firstDelayMs: 60_000, maxDelayMs: MAX_RETRY_DELAY_MS, jitter: RETRY_JITTER };

describe('retry waits', () => {
  test('double with each try, up to an hour', () => {
    const waits = Array.from({ length: 9 }, (_, i) => retryDelayMs(i + 1, POLICY, () => 0));
    expect(waits).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000]);
  });

  test('are shortened by up to a fifth at random, never lengthened', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempts, random) => {
        const full = retryDelayMs(attempts, POLICY, () => 0);
        const wait = retryDelayMs(attempts, POLICY, () => random);
        return wait <= full && wait >= Math.floor(full * (1 - RETRY_JITTER)) && wait > 0;
      }),
    );
  });

  test('a first wait longer than the cap is kept', () => {
    expect(retryDelayMs(5, { ...POLICY, firstDelayMs: 7_200_000 }, () => 0)).toBe(7_200_000);
  });
});
