import fc from 'fast-check';
import type { CreateSubmission } from '../../src/contracts/submissions';
import { createMemoryStorage, type KeyValueStorage } from '../../src/addin/office/storage';
import {
  DEFAULT_BACKOFF,
  DEFAULT_STORAGE_KEY,
  Outbox,
  backoffDelay,
  newIdempotencyKey,
  type SendResult,
  type Sender,
} from '../../src/addin/outbox';
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

function harness(send: Sender, storage: KeyValueStorage = createMemoryStorage()) {
  const clock = { now: T0 };
  let counter = 0;
  const make = () =>
    new Outbox({ storage, send, now: () => clock.now, newKey: () => `key-${++counter}` });
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
      nextAttemptAt: T0 + DEFAULT_BACKOFF.initialMs,
      lastError: 'fetch failed',
      summary: { category: 'notJunk', subject: 'Your order has shipped', sender: 'newsletter@shop.example' },
    });
  });

  it('retries with exponential backoff and a cap, reusing the same idempotency key', async () => {
    const sender = scriptedSender(retry(), retry(), retry(), retry(), accepted());
    const { outbox, clock } = harness(sender.send, createMemoryStorage());
    await outbox.submit(aSubmission());

    // Not due yet: the timer-driven flush leaves it alone.
    clock.now += 1_999;
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
    expect(waits[0]).toBe(1); // the rest of the first 2 s
    const [entry] = await outbox.entries();
    expect(entry?.attempts).toBe(4);
    expect(entry?.nextAttemptAt).toBe(clock.now + 16_000);

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

  it('marks a permanently refused report failed, with the server message, and never resends it', async () => {
    const sender = scriptedSender({ kind: 'rejected', status: 400, message: 'body/sender must match format "email"' });
    const { outbox, storage } = harness(sender.send);
    const outcome = await outbox.submit(aSubmission());
    expect(outcome).toEqual({
      kind: 'rejected',
      key: 'key-1',
      status: 400,
      message: 'body/sender must match format "email"',
    });
    const [entry] = await outbox.entries();
    expect(entry).toMatchObject({ state: 'failed', lastError: 'body/sender must match format "email"' });
    // The payload is dropped (it will never be sent), the entry stays for the user to read.
    await expect(storage.getItem(`${DEFAULT_STORAGE_KEY}.payload.key-1`)).resolves.toBeNull();
    await expect(outbox.nextDueAt()).resolves.toBeNull();
    await outbox.flush();
    expect(sender.calls).toHaveLength(1);

    await outbox.dismiss('key-1');
    await expect(outbox.entries()).resolves.toEqual([]);
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

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const policy = { initialMs: 1_000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });

  it('never shrinks and stays within [initial, cap]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 200 }), (initialMs, n) => {
        const policy = { initialMs, maxMs: initialMs * 50 };
        const here = backoffDelay(n, policy);
        return here >= initialMs && here <= policy.maxMs && backoffDelay(n + 1, policy) >= here;
      }),
    );
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
