/**
 * The outbox waits as long as the server asks: a 429 (daily quota, rate limit) or a 503 (load
 * shedding) with Retry-After holds the report until then, longer than its own backoff would.
 * Against the real server, through the real API client.
 */
import { createApiClient, type TokenSource } from '../../src/addin/api';
import { createMemoryStorage } from '../../src/addin/office/storage';
import { DEFAULT_BACKOFF, Outbox, senderFromApi } from '../../src/addin/outbox';
import { injectFetch } from '../helpers/inject-fetch';
import { seededRandom } from './helpers/seeded-random';
import { invoiceReport } from '../helpers/reports';
import { startTestServer, type TestServer } from '../helpers/server';

describe('the outbox honours Retry-After', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer('sqlite', { SECOND_LOOK_SUBMISSIONS_PER_DAY: '1' });
  });
  afterEach(async () => server.close());

  test('a report over the daily quota waits until the quota resets', async () => {
    const token = await server.token('anna@contoso.example');
    const tokens: TokenSource = { token: async () => token, invalidate: () => undefined };
    const api = createApiClient({ baseUrl: 'http://localhost:3000', fetch: injectFetch(server.app), tokens });
    const now = server.clock.now().getTime();
    let key = 0;
    const outbox = new Outbox({
      storage: createMemoryStorage(),
      send: senderFromApi(api),
      now: () => now,
      newKey: () => `retry-after-key-${++key}`,
      random: seededRandom(22),
    });

    expect((await outbox.submit(invoiceReport())).kind).toBe('sent');
    const second = await outbox.submit(invoiceReport({ internetMessageId: '<second@supplier.example>' }));
    expect(second).toMatchObject({ kind: 'queued', reason: expect.stringMatching(/quota resets at 2026-11-23T00:00:00.000Z/) });
    const [entry] = await outbox.entries();
    // The fixed clock is 12:00 UTC: the quota resets in 12 hours, far past the first backoff.
    // Not a moment sooner; the first backoff's jitter comes on top, so clients told the same
    // time do not all come back in the same second.
    const resets = now + 12 * 3600 * 1000;
    expect(entry?.nextAttemptAt).toBeGreaterThanOrEqual(resets);
    expect(entry?.nextAttemptAt).toBeLessThan(resets + DEFAULT_BACKOFF.initialMs);
  });
});
