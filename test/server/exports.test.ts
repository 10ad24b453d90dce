/** The lists leave Second Look for real filters: Exchange Online and Rspamd. */
import { databaseKinds } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

const MAPS_TOKEN = 'rspamd-maps-token-0123456789';

describe.each(databaseKinds())('exports on %s', (kind) => {
  let server: TestServer;
  let admin: string;
  beforeEach(async () => {
    server = await startTestServer(kind, { SECOND_LOOK_MAPS_TOKEN: MAPS_TOKEN });
    admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    const auth = { authorization: `Bearer ${admin}` };
    await server.app.inject({ method: 'POST', url: '/api/allow-block-entries', headers: auth, payload: { value: 'billing@supplier.example', action: 'allow', expiration: { type: 'days', days: 7 }, note: "it's $(Remove-Item C:\\) `n" } });
    await server.app.inject({ method: 'POST', url: '/api/allow-block-entries', headers: auth, payload: { value: 'spam.example', action: 'block', expiration: { type: 'never' } } });
    const anna = await server.token('anna@contoso.example');
    await server.app.inject({ method: 'POST', url: '/api/me/safe-senders', headers: { authorization: `Bearer ${anna}` }, payload: { value: 'news@bücher.example' } });
  });
  afterEach(async () => server.close());

  test('the Exchange Online script applies entries and safe senders, with hostile notes quoted', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/exports/exchange-online.ps1', headers: { authorization: `Bearer ${admin}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('.ps1');
    const script = response.body;
    expect(script.charCodeAt(0)).toBe(0xfeff);
    expect(script).toMatch(/New-TenantAllowBlockListItems -ListType Sender -Allow -Entries 'billing@supplier\.example'/);
    expect(script).toMatch(/New-TenantAllowBlockListItems -ListType Sender -Block -Entries 'spam\.example' -NoExpiration/);
    expect(script).toContain("-Notes 'it''s $(Remove-Item C:\\) `n'");
    expect(script).toMatch(/Set-MailboxJunkEmailConfiguration -Identity 'anna@contoso\.example' -TrustedSendersAndDomains @\{Add='news@xn--bcher-kva\.example'\}/);
    const user = await server.token('anna@contoso.example');
    expect((await server.app.inject({ method: 'GET', url: '/api/exports/exchange-online.ps1', headers: { authorization: `Bearer ${user}` } })).statusCode).toBe(403);
  });

  test('Rspamd maps: token required, plain lines, Last-Modified and If-Modified-Since', async () => {
    const noToken = await server.app.inject({ method: 'GET', url: '/maps/rspamd/allow-senders.map' });
    expect(noToken.statusCode).toBe(401);
    const wrong = await server.app.inject({ method: 'GET', url: '/maps/rspamd/allow-senders.map?token=wrong-token-wrong-token' });
    expect(wrong.statusCode).toBe(401);

    const allow = await server.app.inject({ method: 'GET', url: `/maps/rspamd/allow-senders.map?token=${MAPS_TOKEN}` });
    expect(allow.statusCode).toBe(200);
    expect(allow.body.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['billing@supplier.example']);
    const block = await server.app.inject({ method: 'GET', url: '/maps/rspamd/block-domains.map', headers: { authorization: `Bearer ${MAPS_TOKEN}` } });
    expect(block.body.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['spam.example']);
    const lastModified = allow.headers['last-modified'] as string;
    expect(lastModified).toBe('Sun, 22 Nov 2026 12:00:00 GMT');

    const unchanged = await server.app.inject({ method: 'GET', url: `/maps/rspamd/allow-senders.map?token=${MAPS_TOKEN}`, headers: { 'if-modified-since': lastModified } });
    expect(unchanged.statusCode).toBe(304);

    // The allow entry expires after 7 days: the map changes at that instant, sweep or not.
    server.clock.advance(8 * 86_400_000);
    const afterExpiry = await server.app.inject({ method: 'GET', url: `/maps/rspamd/allow-senders.map?token=${MAPS_TOKEN}`, headers: { 'if-modified-since': lastModified } });
    expect(afterExpiry.statusCode).toBe(200);
    expect(afterExpiry.body.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([]);
    expect(afterExpiry.headers['last-modified']).toBe('Sun, 29 Nov 2026 12:00:00 GMT');

    expect((await server.app.inject({ method: 'GET', url: `/maps/rspamd/nope.map?token=${MAPS_TOKEN}` })).statusCode).toBe(404);
  });

  test('without a maps token configured, the maps are not served', async () => {
    const plain = await startTestServer();
    try {
      expect((await plain.app.inject({ method: 'GET', url: '/maps/rspamd/allow-senders.map?token=anything-at-all-123' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
