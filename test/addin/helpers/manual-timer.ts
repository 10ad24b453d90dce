import type { TimerLike } from '../../../src/addin/outbox';

/** A timer the test fires by hand: what the retry loop armed, and for how long. */
export function manualTimer() {
  const pending = new Map<number, { callback: () => void; delayMs: number }>();
  let next = 0;
  const timer: TimerLike = {
    set(callback, delayMs) {
      next += 1;
      pending.set(next, { callback, delayMs });
      return next;
    },
    clear(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timer,
    pending,
    /** The delays of the timers armed now. */
    delays: () => [...pending.values()].map((entry) => entry.delayMs),
    /** Fires the only armed timer and returns its delay. */
    fire(): number {
      const [entry] = [...pending.entries()];
      if (!entry) throw new Error('no timer armed');
      pending.delete(entry[0]);
      entry[1].callback();
      return entry[1].delayMs;
    },
  };
}

export type ManualTimer = ReturnType<typeof manualTimer>;
