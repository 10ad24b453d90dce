/**
 * Fuzzing every route the OpenAPI document names, as admin, reader, end user, anonymous and
 * with a bad token: schema-valid and off-schema paths, queries, headers and bodies. Nothing
 * may answer 5xx, and a 4xx must have written nothing (SQLite's data_version, read on a
 * connection of our own, moves whenever any other connection commits).
 *
 * `npm test` runs FUZZ_CASES (default 20,000) cases; `npm run fuzz` runs 200,000.
 */
import SQLite from 'better-sqlite3';
import fc from 'fast-check';
import { sqliteFileOf } from '../../src/server/store/database';
import { operationsOf, requestCases, type Caller, type KnownValues, type Operation, type RequestCase } from '../fuzz/openapi-cases';
import { invoiceReport } from '../helpers/reports';
import { startTestServer, type TestServer } from '../helpers/server';

const TOTAL_CASES = Number(process.env['FUZZ_CASES'] ?? 20_000);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261129);
const MAPS_TOKEN = 'fuzz-maps-token-0123456789';

interface Tally {
  cases: number;
  byStatus: Map<number, number>;
}

describe('OpenAPI-driven fuzzing', () => {
  let server: TestServer;
  let watcher: SQLite.Database;
  const tokens: Partial<Record<Caller, string>> = {};
  const known: KnownValues = {};
  let operations: Operation[] = [];
  let resolve: Parameters<typeof requestCases>[1];
  const tally: Tally = { cases: 0, byStatus: new Map() };

  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      // Limits off: every case should reach its route; limits have their own tests.
      SECOND_LOOK_RATE_LIMIT_PER_USER: '0',
      SECOND_LOOK_RATE_LIMIT_PER_IP: '0',
      SECOND_LOOK_SUBMISSIONS_PER_DAY: '0',
      SECOND_LOOK_MAX_HEAP_BYTES: '0',
      SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS: '0',
      SECOND_LOOK_MAPS_TOKEN: MAPS_TOKEN,
      SECOND_LOOK_MAX_MESSAGE_BYTES: String(256 * 1024),
    });
    tokens.admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    tokens.reader = await server.token('audit@contoso.example', ['SecurityReader']);
    tokens.user = await server.token('anna@contoso.example');
    tokens.otherUser = await server.token('bob@contoso.example');
    tokens.badToken = `${tokens.admin}x`;
    const as = (caller: Caller) => ({ authorization: `Bearer ${tokens[caller] ?? ''}` });

    // Things to find: so that generated requests sometimes name what exists.
    const report = await server.app.inject({ method: 'POST', url: '/api/submissions', headers: as('user'), payload: invoiceReport() });
    const headersOnly = invoiceReport({ internetMessageId: '<headers-only@supplier.example>' });
    delete headersOnly.message;
    const second = await server.app.inject({ method: 'POST', url: '/api/submissions', headers: as('otherUser'), payload: { ...headersOnly, headers: 'From: billing@supplier.example\r\nSubject: x\r\n' } });
    const analysis = await server.app.inject({ method: 'POST', url: `/api/submissions/${report.json().id as string}/analyze`, headers: as('admin') });
    const entry = await server.app.inject({ method: 'POST', url: '/api/allow-block-entries', headers: as('admin'), payload: { value: 'spam.example', action: 'block', expiration: { type: 'never' } } });
    await server.app.inject({ method: 'POST', url: '/api/me/safe-senders', headers: as('user'), payload: { value: 'billing@supplier.example' } });
    for (const response of [report, second, analysis, entry]) expect(response.statusCode).toBeLessThan(300);
    known['id'] = [report.json().id, second.json().id, analysis.json().id, entry.json().id] as string[];
    known['value'] = ['billing@supplier.example', 'supplier.example'];
    known['name'] = ['allow-senders.map', 'block-domains.map', 'block-domain-patterns'];
    known['query:token'] = [MAPS_TOKEN];

    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    ({ operations, resolve } = operationsOf(doc));
    watcher = new SQLite(sqliteFileOf(server.config) ?? '', { readonly: true });
  });

  afterAll(async () => {
    watcher?.close();
    await server?.close();
    const statuses = [...tally.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
    process.stdout.write(`openapi fuzz: ${tally.cases} cases over ${operations.length} operations (seed ${SEED}); ${statuses}\n`);
  });

  test('the document names every route, so the fuzzer reaches them all', () => {
    expect(operations.length).toBeGreaterThanOrEqual(28);
  });

  test(`${TOTAL_CASES} cases: no 5xx, and no 4xx writes anything`, async () => {
    const dataVersion = () => watcher.pragma('data_version', { simple: true }) as number;
    const perOperation = Math.ceil(TOTAL_CASES / operations.length);
    for (const [index, operation] of operations.entries()) {
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(requestCases(operation, resolve, known), async (request: RequestCase) => {
          const before = dataVersion();
          const auth = request.caller === 'anonymous' ? {} : { authorization: `Bearer ${tokens[request.caller] ?? ''}` };
          const response = await server.app.inject({
            method: request.method as 'GET',
            url: request.url,
            headers: { ...request.headers, ...auth },
            ...(request.payload !== undefined ? { payload: request.payload } : {}),
          });
          tally.cases++;
          tally.byStatus.set(response.statusCode, (tally.byStatus.get(response.statusCode) ?? 0) + 1);
          const summary = { method: request.method, url: request.url.slice(0, 300), caller: request.caller, status: response.statusCode, body: response.body.slice(0, 300) };
          expect({ ...summary, serverError: response.statusCode >= 500 }).toEqual({ ...summary, serverError: false });
          if (response.statusCode >= 400) {
            expect({ ...summary, wrote: dataVersion() !== before }).toEqual({ ...summary, wrote: false });
            expect(response.headers['content-type']).toMatch(/application\/json/);
          }
        }),
        { numRuns: perOperation, seed: SEED + index, endOnFailure: true },
      );
      if (process.env['FUZZ_TRACE']) process.stderr.write(`${operation.method} ${operation.path}: ${Date.now() - started} ms\n`);
    }
    expect(tally.cases).toBeGreaterThanOrEqual(TOTAL_CASES);
  }, 3_600_000);
});
