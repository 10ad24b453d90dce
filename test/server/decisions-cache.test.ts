/**
 * Live decisions keep the tenant index warm: recording that an entry was used is not a change
 * to the list, so it never rebuilds the index; creating, editing, deleting or sweeping an entry
 * does. The decisions here run on a second server instance over the same database (counting
 * its index builds), while the app under test makes the changes.
 */
import type { Decision, MessageFacts } from '../../src/contracts/lists';
import { buildTenantIndex, type TenantEntry } from '../../src/core/lists';
import type { Principal } from '../../src/core/permissions';
import { DecisionsService } from '../../src/server/services/decisions-service';
import { openDatabase } from '../../src/server/store/database';
import { Store } from '../../src/server/store/unit-of-work';
import { databaseKinds, type DatabaseKind } from '../helpers/databases';
import { invoiceReport } from '../helpers/reports';
import { startTestServer } from '../helpers/server';

const DAY = 86_400_000;
const MTA: Principal = { id: 'test:mta', email: 'mta@contoso.example', roles: ['SecurityAdministrator'] };
const FROM_SUPPLIER: MessageFacts = {
  senderAddress: 'billing@supplier.example',
  authentication: { spf: 'pass', dkim: 'pass', dmarc: 'pass', compauth: 'pass' },
  verdict: 'spam',
};

/**
 * The app under test, and a second server instance on its database whose decisions count the
 * tenant index builds.
 */
async function twoInstances(kind: DatabaseKind) {
  const server = await startTestServer(kind, { SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example' });
  const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
  const counted = { builds: 0 };
  const counting = (entries: readonly TenantEntry[]) => {
    counted.builds++;
    return buildTenantIndex(entries);
  };
  const other = new DecisionsService({ store: new Store(db), clock: server.clock, buildTenantIndex: counting });
  const admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
  return {
    server,
    counted,
    call: (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      server.app.inject({ method, url, headers: { authorization: `Bearer ${admin}` }, ...(payload ? { payload } : {}) }),
    decide: (message: MessageFacts = FROM_SUPPLIER): Promise<Decision> => other.liveDecision(MTA, message, 'anna@contoso.example'),
    close: async () => {
      await db.destroy();
      await server.close();
    },
  };
}

describe.each(databaseKinds())('the decisions index on %s', (kind) => {
  let world: Awaited<ReturnType<typeof twoInstances>>;
  beforeEach(async () => {
    world = await twoInstances(kind);
  });
  afterEach(async () => world.close());

  test('a matching decision records last use without rebuilding; an edit rebuilds', async () => {
    const { server, counted, call, decide } = world;
    const entry = (await call('POST', '/api/allow-block-entries', { value: 'supplier.example', action: 'allow', expiration: { type: 'days', days: 30 } })).json();
    expect((await decide()).usedTenantEntryIds).toEqual([entry.id]);
    expect(counted.builds).toBe(1);

    server.clock.advance(60_000);
    for (let i = 0; i < 5; i++) expect((await decide()).reason).toMatchObject({ code: 'tenantAllow', entry: { id: entry.id } });
    expect(counted.builds).toBe(1);
    // Last use is recorded and visible, as ever, though the index did not move.
    expect((await call('GET', `/api/allow-block-entries/${entry.id}`)).json().lastUsedDateTime).toBe('2026-11-22T12:01:00.000Z');

    expect((await call('PATCH', `/api/allow-block-entries/${entry.id}`, { note: 'supplier invoices' })).statusCode).toBe(200);
    await decide();
    expect(counted.builds).toBe(2);
  });

  test('create, delete and the expiry sweep each rebuild; time alone does not', async () => {
    const { server, counted, call, decide } = world;
    await decide();
    expect(counted.builds).toBe(1);
    const shortLived = (await call('POST', '/api/allow-block-entries', { value: 'billing@supplier.example', action: 'allow', expiration: { type: 'days', days: 1 } })).json();
    expect((await decide()).usedTenantEntryIds).toEqual([shortLived.id]);
    expect(counted.builds).toBe(2);

    // Past its expiry the entry stops matching at once, sweep or not, from the same index.
    server.clock.advance(2 * DAY);
    expect((await decide()).usedTenantEntryIds).toEqual([]);
    expect(counted.builds).toBe(2);
    expect(await server.app.services.entries.expire()).toHaveLength(1);
    await decide();
    expect(counted.builds).toBe(3);

    const block = (await call('POST', '/api/allow-block-entries', { value: 'supplier.example', action: 'block' })).json();
    expect((await decide()).reason).toMatchObject({ code: 'tenantBlock', entry: { id: block.id } });
    expect(counted.builds).toBe(4);
    await call('DELETE', `/api/allow-block-entries/${block.id}`);
    expect((await decide()).usedTenantEntryIds).toEqual([]);
    expect(counted.builds).toBe(5);
  });

  test('"45 days after last used": use keeps the entry alive, through the warm index and the app alike', async () => {
    const { server, counted, call, decide } = world;
    const submission = (await server.app.inject({ method: 'POST', url: '/api/submissions', headers: { authorization: `Bearer ${await server.token('anna@contoso.example')}` }, payload: invoiceReport() })).json();
    const entry = (await call('POST', '/api/allow-block-entries', { value: 'supplier.example', action: 'allow', expiration: { type: 'afterLastUsed' }, submissionId: submission.id })).json();
    expect(entry.expirationDateTime).toBe('2027-01-06T12:00:00.000Z');
    expect((await decide()).usedTenantEntryIds).toEqual([entry.id]);
    const viaApp = async () => (await call('POST', '/api/decisions', { message: FROM_SUPPLIER })).json();
    expect((await viaApp()).usedTenantEntryIds).toEqual([entry.id]);

    server.clock.advance(40 * DAY);
    expect((await decide()).usedTenantEntryIds).toEqual([entry.id]);
    expect(counted.builds).toBe(1);
    expect((await call('GET', `/api/allow-block-entries/${entry.id}`)).json()).toMatchObject({ lastUsedDateTime: '2027-01-01T12:00:00.000Z', expirationDateTime: '2027-02-15T12:00:00.000Z' });

    // Day 46: past the expiry each index placed from the last use it read on day 0, so each is
    // built again from the stored one, and the entry still decides: on this instance, and on
    // the app, whose index never saw the day-40 use (another instance recorded it).
    server.clock.advance(6 * DAY);
    expect((await viaApp()).reason).toMatchObject({ code: 'tenantAllow', entry: { id: entry.id } });
    expect((await decide()).usedTenantEntryIds).toEqual([entry.id]);
    expect(counted.builds).toBe(2);
    expect(await server.app.services.entries.expire()).toEqual([]);

    // Unused for 45 days, it expires.
    server.clock.advance(46 * DAY);
    expect((await decide()).usedTenantEntryIds).toEqual([]);
    expect((await server.app.services.entries.expire()).map((e) => e.id)).toEqual([entry.id]);
  });
});
