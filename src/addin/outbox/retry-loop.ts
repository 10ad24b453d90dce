/**
 * Keeps retrying the outbox while a page stays open: one timer, set for the moment the
 * earliest pending entry's backoff runs out. The timer is injected so tests fire it by hand.
 */
import type { Outbox } from './outbox';
import type { FlushSummary } from './types';

export interface TimerLike {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

export const browserTimer: TimerLike = {
  set: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clear: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RetryLoopOptions {
  outbox: Outbox;
  timer: TimerLike;
  now: () => number;
  /** Told after every flush, e.g. to refresh the pane's "waiting to be sent" line. */
  onFlushed?: (summary: FlushSummary) => void;
}

export class OutboxRetryLoop {
  private handle: unknown = null;
  private stopped = true;
  /** The flush a timer started, so callers (and tests) can await it instead of sleeping. */
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RetryLoopOptions) {}

  /** Flushes everything pending now (the pane just opened), then keeps the timer going. */
  async start(): Promise<FlushSummary> {
    this.stopped = false;
    return this.runFlush(false);
  }

  /** Re-arms the timer, e.g. after a report was queued. */
  async reschedule(): Promise<void> {
    if (this.stopped) return;
    this.cancelTimer();
    const due = await this.options.outbox.nextDueAt();
    if (due === null || this.stopped) return;
    const delay = Math.max(0, due - this.options.now());
    this.handle = this.options.timer.set(() => {
      this.handle = null;
      this.running = this.runFlush(true).catch(() => undefined);
    }, delay);
  }

  /** Resolves once the flush started by the last timer (and its re-arming) is done. */
  async whenIdle(): Promise<void> {
    await this.running;
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  private async runFlush(dueOnly: boolean): Promise<FlushSummary> {
    try {
      const summary = await this.options.outbox.flush({ dueOnly });
      this.options.onFlushed?.(summary);
      return summary;
    } finally {
      await this.reschedule();
    }
  }

  private cancelTimer(): void {
    if (this.handle !== null) this.options.timer.clear(this.handle);
    this.handle = null;
  }
}
