import fc from 'fast-check';
import type { CreateSubmission } from '../../src/contracts/submissions';
import { createMemoryStorage, type KeyValueStorage } from '../../src/addin/office/storage';
import {
  DEFAULT_BACKOFF,
  DEFAULT_STORAGE_KEY,
  Outbox,
  backoffDelay,
  backoffWindow,
  newIdempotencyKey,
  retryDelay,
  type RandomSource,
  type SendResult,
  type Sender,
} from '../../src/addin/outbox';
import { middleOfWindow, seededRandom } from './helpers/seeded-random';
import { aSubmission, anAcceptedSubmission } from './helpers/submissions';

const T0 = Date.parse('2025-03-04T09:00:00Z');

interface SendCall {
  submission: CreateSubmission;
  key: string;
}

/** A sender that answers from a script and records what it was asked to send. */
function scriptedSender(...script: SendResult[]) {
  const calls: SendCall[] = [];
  const send: Sender = async (submission, key) => {
    calls.push({ submission, key });
    const next = script.shift();
    if (!next) throw new Error('the test did not expect another send');
    return next;
  };
  return { send, calls };
}

const accepted = (id = 'sub1'): SendResult => ({ kind: 'accepted', submission: anAcceptedSubmission(id), created: true });
const retry = (reason = 'fetch failed'): SendResult => ({ kind: 'retry', reason });

/**
 * An outbox over `storage` with a hand-driven clock. Its jitter draws the middle of each
 * window unless a test gives another source, so every wait is exactly half the window.
 */
function harness(send: Sender, storage: KeyValueStorage = createMemoryStorage(), random: RandomSource = middleOfWindow) {
  const clock = { now: T0 };
  let counter = 0;
  const make = () =>
    new Outbox({ storage, send, now: () => clock.now, newKey: () => `key-${++counter}`, random });
  return { storage, clock, outbox: make(), reload: make };
}

describe('Outbox', () => {
  it('persists the report with its idempotency key before the first send', async () => {
    const storage = createMemoryStorage();
    let seenAtSend: { index: string | null; payload: string | null } | null = null;
    const send: Sender = async (_submission, key) => {
      seenAtSend = {
        index: await storage.getItem(DEFAULT_STORAGE_KEY),
        payload: await storage.getItem(`${DEFAULT_STORAGE_KEY}.payload.${key}`),
      };
      return accepted();
    };
    const { outbox } = harness(send, storage);
    const outcome = await outbox.submit(aSubmission());
    expect(outcome).toMatchObject({ kind: 'sent', key: 'key-1', created: true });
    expect(seenAtSend).not.toBeNull();
    const index = JSON.parse(seenAtSend!.index ?? '[]') as Array<{ key: string; state: string }>;
    expect(index).toEqual([expect.objectContaining({ key: 'key-1', state: 'pending' })]);
    expect(JSON.parse(seenAtSend!.payload ?? 'null')).toEqual(aSubmission());
  });

  it('removes the report only after the server accepted it', async () => {
    const { outbox, storage } = harness(scriptedSender(accepted()).send);
    await outbox.submit(aSubmission());
    await expect(outbox.entries()).resolves.toEqual([]);
    await expect(storage.getItem(DEFAULT_STORAGE_KEY)).resolves.toBeNull();
    await expect(storage.getItem(`${DEFAULT_STORAGE_KEY}.payload.key-1`)).resolves.toBeNull();
  });

  it('queues a report the server cannot take, with the first backoff', async () => {
    const { outbox } = harness(scriptedSender(retry()).send);
    const outcome = await outbox.submit(aSubmission());
    expect(outcome).toEqual({ kind: 'queued', key: 'key-1', reason: 'fetch failed' });
    const [entry] = await outbox.entries();
    expect(entry).toMatchObject({
      key: 'key-1',
      state: 'pending',
      attempts: 1,
      nextAttemptAt: T0 + DEFAULT_BACKOFF.initialMs / 2, // the middle of the first 2 s window
      lastError: 'fetch failed',
      summary: { category: 'notJunk', subject: 'Your order has shipped', sender: 'newsletter@shop.example' },
    });
  });

  it('retries with exponential backoff and a cap, reusing the same idempotency key', async () => {
    const sender = scriptedSender(retry(), retry(), retry(), retry(), accepted());
    const { outbox, clock } = harness(sender.send, createMemoryStorage());
    await outbox.submit(aSubmission());

    // Not due yet: the timer-driven flush leaves it alone.
    clock.now += 999;
    await outbox.flush({ dueOnly: true });
    expect(sender.calls).toHaveLength(1);

    const waits: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const due = (await outbox.nextDueAt()) as number;
      waits.push(due - clock.now);
      clock.now = due;
      await outbox.flush({ dueOnly: true });
    }
    expect(sender.calls).toHaveLength(4);
    // The rest of the first wait (1 s of 2 s), then half of the 4 s and 8 s windows.
    expect(waits).toEqual([1, 2_000, 4_000]);
    const [entry] = await outbox.entries();
    expect(entry?.attempts).toBe(4);
    expect(entry?.nextAttemptAt).toBe(clock.now + 8_000); // half of the 16 s window

    clock.now = (await outbox.nextDueAt()) as number;
    const summary = await outbox.flush({ dueOnly: true });
    expect(summary.sent).toHaveLength(1);
    expect(summary.pending).toBe(0);
    expect(new Set(sender.calls.map((call) => call.key))).toEqual(new Set(['key-1']));
  });

  it('a flush from a command or an opening pane does not wait for the backoff', async () => {
    const sender = scriptedSender(retry(), accepted());
    const { outbox } = harness(sender.send);
    await outbox.submit(aSubmission());
    const summary = await outbox.flush();
    expect(summary.sent.map((s) => s.key)).toEqual(['key-1']);
    expect(sender.calls.map((c) => c.key)).toEqual(['key-1', 'key-1']);
  });

  it('survives a reload: a new Outbox over the same storage delivers with the same key', async () => {
    const first = scriptedSender(retry());
    const storage = createMemoryStorage();
    const { outbox } = harness(first.send, storage);
    await outbox.submit(aSubmission({ comment: 'legit' }));

    const second = scriptedSender(accepted());
    const afterReload = harness(second.send, storage).outbox;
    expect(await afterReload.entries()).toHaveLength(1);
    const summary = await afterReload.flush();
    expect(summary.sent).toHaveLength(1);
    expect(second.calls).toEqual([{ key: first.calls[0]?.key, submission: aSubmission({ comment: 'legit' }) }]);
    await expect(afterReload.entries()).resolves.toEqual([]);
  });

  it('marks a permanently refused report failed, keeping the status and code, and never resends it', async () => {
    const refusal = { status: 400, code: 'validation_failed', reasons: [] };
    const sender = scriptedSender({ kind: 'rejected', refusal, message: 'body/sender must match format "email"' });
    const { outbox, storage } = harness(sender.send);
    const outcome = await outbox.submit(aSubmission());
    expect(outcome).toEqual({ kind: 'rejected', key: 'key-1', refusal, message: 'body/sender must match format "email"' });
    const [entry] = await outbox.entries();
    expect(entry).toMatchObject({ state: 'failed', refusal, lastError: 'body/sender must match format "email"' });
    // Stored as such: a reloaded pane (or the other runtime) reads the same refusal.
    const stored = JSON.parse((await storage.getItem(DEFAULT_STORAGE_KEY)) ?? '[]') as unknown[];
    expect(stored).toEqual([expect.objectContaining({ state: 'failed', refusal })]);
    // The payload is dropped (it will never be sent), the entry stays for the user to read.
    await expect(storage.getItem(`${DEFAULT_STORAGE_KEY}.payload.key-1`)).resolves.toBeNull();
    await expect(outbox.nextDueAt()).resolves.toBeNull();
    await outbox.flush();
    expect(sender.calls).toHaveLength(1);

    await outbox.dismiss('key-1');
    await expect(outbox.entries()).resolves.toEqual([]);
  });

  it('reads entries stored before refusals were kept: a refused one has no status or code, a pending one no refusal', async () => {
    const summary = { category: 'spam', internetMessageId: '<m>', sender: 's@x.example', subject: 'Old' };
    const old = [
      { key: 'old-failed', createdAt: T0, attempts: 1, nextAttemptAt: T0, state: 'failed', lastError: 'body/sender must match format "email"', degraded: false, summary },
      { key: 'old-lost', createdAt: T0 + 1, attempts: 0, nextAttemptAt: T0, state: 'failed', lastError: 'unreadable', degraded: false, summary },
      { key: 'old-pending', createdAt: T0 + 2, attempts: 1, nextAttemptAt: T0, state: 'pending', lastError: 'fetch failed', degraded: false, summary },
    ];
    const storage = createMemoryStorage({ [DEFAULT_STORAGE_KEY]: JSON.stringify(old) });
    const { outbox } = harness(scriptedSender().send, storage);
    expect((await outbox.entries()).map((entry) => [entry.key, entry.refusal])).toEqual([
      ['old-failed', { status: null, code: null, reasons: [] }],
      ['old-lost', null],
      ['old-pending', null],
    ]);
  });

  it('stops a flush at the first "try later" and holds the rest back as long', async () => {
    const sender = scriptedSender(retry(), retry(), retry('still down'));
    const { outbox, clock } = harness(sender.send);
    await outbox.submit(aSubmission({ internetMessageId: '<a@x>' }));
    clock.now += 10;
    await outbox.submit(aSubmission({ internetMessageId: '<b@x>' }));
    expect(sender.calls).toHaveLength(2);

    await outbox.flush();
    expect(sender.calls).toHaveLength(3);
    expect(sender.calls[2]?.key).toBe('key-1');
    const [first, second] = await outbox.entries();
    expect(second?.nextAttemptAt).toBeGreaterThanOrEqual(first?.nextAttemptAt ?? Infinity);
  });

  it('stores the header-only fallback when the EML does not fit, but sends the full report first', async () => {
    const roomy = createMemoryStorage();
    const tight: KeyValueStorage = {
      getItem: (key) => roomy.getItem(key),
      removeItem: (key) => roomy.removeItem(key),
      setItem: async (key, value) => {
        if (value.length > 400) throw new Error('QuotaExceededError');
        await roomy.setItem(key, value);
      },
    };
    const big = aSubmission({ message: 'A'.repeat(1_000) });
    const { message: _dropped, ...withoutEml } = aSubmission();
    const fallback: CreateSubmission = { ...withoutEml, headers: 'Received: x' };
    const sender = scriptedSender(retry(), accepted());
    const { outbox } = harness(sender.send, tight);

    const outcome = await outbox.submit(big, { fallback });
    expect(outcome.kind).toBe('queued');
    expect(sender.calls[0]?.submission).toEqual(big);
    const [entry] = await outbox.entries();
    expect(entry?.degraded).toBe(true);

    await outbox.flush();
    expect(sender.calls[1]?.submission).toEqual(fallback);
  });

  it('says "unsaved" when it can neither send nor store the report', async () => {
    const broken: KeyValueStorage = {
      getItem: async () => null,
      setItem: async () => {
        throw new Error('storage is full');
      },
      removeItem: async () => undefined,
    };
    const { outbox } = harness(scriptedSender(retry()).send, broken);
    await expect(outbox.submit(aSubmission())).resolves.toMatchObject({ kind: 'unsaved', key: 'key-1' });
  });

  it('treats a sender that throws as a transient failure', async () => {
    const { outbox } = harness(async () => {
      throw new Error('token endpoint unreachable');
    });
    await expect(outbox.submit(aSubmission())).resolves.toMatchObject({
      kind: 'queued',
      reason: 'token endpoint unreachable',
    });
  });

  it('marks an entry whose payload vanished as failed instead of sending nothing', async () => {
    const sender = scriptedSender(retry());
    const { outbox, storage } = harness(sender.send);
    await outbox.submit(aSubmission());
    await storage.removeItem(`${DEFAULT_STORAGE_KEY}.payload.key-1`);
    await outbox.flush();
    expect(sender.calls).toHaveLength(1);
    await expect(outbox.entries()).resolves.toEqual([expect.objectContaining({ state: 'failed' })]);
  });

  it('does not send one entry twice when two flushes overlap', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const calls: string[] = [];
    let first = true;
    const send: Sender = async (_submission, key) => {
      calls.push(key);
      if (first) {
        first = false;
        return retry();
      }
      await gate;
      return accepted();
    };
    const { outbox } = harness(send);
    await outbox.submit(aSubmission());
    const a = outbox.flush();
    const b = outbox.flush();
    release();
    const [sa, sb] = await Promise.all([a, b]);
    expect(calls).toEqual(['key-1', 'key-1']);
    expect(sa.sent.length + sb.sent.length).toBe(1);
  });
});

describe('backoff with full jitter', () => {
  const policy = { initialMs: 1_000, maxMs: 10_000 };

  it('doubles the window from the initial delay up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffWindow(n, policy))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
    expect(backoffWindow(1)).toBe(DEFAULT_BACKOFF.initialMs);
    expect(backoffWindow(1_000)).toBe(DEFAULT_BACKOFF.maxMs);
  });

  it('draws each wait uniformly from [0, window): the ends and the middle of the source', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(2_000);
    expect(backoffDelay(3, policy, () => 0.999_999)).toBe(3_999);
    // A source out of contract (1, negative, NaN) still keeps the wait inside the window.
    expect(backoffDelay(3, policy, () => 1)).toBe(3_999);
    expect(backoffDelay(3, policy, () => -1)).toBe(0);
    expect(backoffDelay(3, policy, () => Number.NaN)).toBe(0);
  });

  it('keeps every wait, whatever the seed, in [0, min(cap, initial·2^(n−1))) and in whole milliseconds', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 200 }), (seed, initialMs, n) => {
        const capped = { initialMs, maxMs: initialMs * 50 };
        const random = seededRandom(seed);
        const window = Math.min(capped.maxMs, initialMs * 2 ** (n - 1));
        return [1, 2, 3].every(() => {
          const wait = backoffDelay(n, capped, random);
          return Number.isInteger(wait) && wait >= 0 && wait < window && wait < capped.maxMs;
        });
      }),
    );
  });

  it('never retries before the server’s Retry-After, and spreads clients after it', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 86_400_000 }), (seed, n, retryAfterMs) => {
        const wait = retryDelay(n, retryAfterMs, DEFAULT_BACKOFF, seededRandom(seed));
        return wait >= retryAfterMs && wait < retryAfterMs + backoffWindow(n);
      }),
    );
    // A server shedding load tells everyone "10 s": a hundred clients still come back apart.
    const returns = Array.from({ length: 100 }, (_, seed) => retryDelay(1, 10_000, DEFAULT_BACKOFF, seededRandom(seed)));
    expect(Math.min(...returns)).toBeGreaterThanOrEqual(10_000);
    expect(new Set(returns).size).toBeGreaterThan(90);
  });

  /** The waits one outbox (one Outlook) chooses while the server stays down for `failures` sends. */
  async function waitsOfOneClient(random: RandomSource, failures: number): Promise<number[]> {
    const sender = scriptedSender(...Array.from({ length: failures }, () => retry('server down')));
    const { outbox, clock } = harness(sender.send, createMemoryStorage(), random);
    await outbox.submit(aSubmission());
    const waits: number[] = [];
    for (let sent = 1; ; sent += 1) {
      const due = (await outbox.nextDueAt()) as number;
      waits.push(due - clock.now);
      if (sent === failures) return waits;
      clock.now = due;
      await outbox.flush({ dueOnly: true });
    }
  }

  it('keeps a queued report’s waits inside the documented windows', async () => {
    const waits = await waitsOfOneClient(seededRandom(7), 8);
    waits.forEach((wait, index) => {
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(backoffWindow(index + 1));
    });
  });

  it('two clients with different seeds wait differently; the same seed waits the same, exactly', async () => {
    const anna = await waitsOfOneClient(seededRandom(2026), 6);
    const bjorn = await waitsOfOneClient(seededRandom(1118), 6);
    expect(bjorn).not.toEqual(anna);
    expect(anna.filter((wait, index) => wait === bjorn[index])).toEqual([]); // apart at every step, not just one
    await expect(waitsOfOneClient(seededRandom(2026), 6)).resolves.toEqual(anna);
  });
});

describe('newIdempotencyKey', () => {
  it('uses crypto.randomUUID when present', () => {
    expect(newIdempotencyKey({ randomUUID: () => 'uuid-1' })).toBe('uuid-1');
  });

  it('builds a v4 UUID from getRandomValues otherwise', () => {
    const key = newIdempotencyKey({ getRandomValues: (array) => array.fill(0xff) });
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('makes distinct keys with the real crypto', () => {
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});
