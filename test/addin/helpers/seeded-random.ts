/**
 * A seeded pseudo-random source (mulberry32): uniform in [0, 1) like Math.random, the same
 * sequence for the same seed on every run. For the outbox's backoff jitter in tests.
 */
import type { RandomSource } from '../../../src/addin/outbox';

export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A source that always draws the middle of the range: every wait is exactly half its window. */
export const middleOfWindow: RandomSource = () => 0.5;
