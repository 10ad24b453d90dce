import { createMemoryStorage } from '../../src/addin/office/storage';
import { Outbox, OutboxRetryLoop, type SendResult } from '../../src/addin/outbox';
import { manualTimer } from './helpers/manual-timer';
import { middleOfWindow } from './helpers/seeded-random';
import { aSubmission, anAcceptedSubmission } from './helpers/submissions';

describe('OutboxRetryLoop', () => {
  it('flushes on start, re-arms for the next due entry, and stops retrying once sent', async () => {
    const clock = { now: 1_000_000 };
    const results: SendResult[] = [
      { kind: 'retry', reason: 'down' }, // the original submit
      { kind: 'retry', reason: 'down' }, // the flush on start
      { kind: 'retry', reason: 'down' }, // first timer
      { kind: 'accepted', submission: anAcceptedSubmission(), created: true },
    ];
    const keys: string[] = [];
    const outbox = new Outbox({
      storage: createMemoryStorage(),
      now: () => clock.now,
      newKey: () => 'k1',
      random: middleOfWindow, // every wait is half its window: 1 s, 2 s, 4 s …
      send: async (_s, key) => {
        keys.push(key);
        return results.shift() ?? { kind: 'retry', reason: 'unexpected' };
      },
    });
    await outbox.submit(aSubmission());

    const manual = manualTimer();
    const flushed: number[] = [];
    const loop = new OutboxRetryLoop({
      outbox,
      timer: manual.timer,
      now: () => clock.now,
      onFlushed: (summary) => flushed.push(summary.pending),
    });
    const first = await loop.start();
    expect(first.pending).toBe(1);
    expect(manual.pending.size).toBe(1);
    // Second failure: the window is now 4 s, and the wait half of it.
    expect([...manual.pending.values()][0]?.delayMs).toBe(2_000);

    clock.now += 2_000;
    manual.fire();
    await loop.whenIdle();
    expect(keys).toHaveLength(3);
    expect([...manual.pending.values()][0]?.delayMs).toBe(4_000);

    clock.now += 4_000;
    manual.fire();
    await loop.whenIdle();
    expect(keys).toEqual(['k1', 'k1', 'k1', 'k1']);
    expect(flushed).toEqual([1, 1, 0]);
    expect(manual.pending.size).toBe(0); // nothing left: no timer
  });

  it('stop() cancels the armed timer', async () => {
    const outbox = new Outbox({
      storage: createMemoryStorage(),
      now: () => 0,
      send: async () => ({ kind: 'retry', reason: 'down' }),
    });
    await outbox.submit(aSubmission());
    const manual = manualTimer();
    const loop = new OutboxRetryLoop({ outbox, timer: manual.timer, now: () => 0 });
    await loop.start();
    expect(manual.pending.size).toBe(1);
    loop.stop();
    expect(manual.pending.size).toBe(0);
    await loop.reschedule();
    expect(manual.pending.size).toBe(0);
  });
});
