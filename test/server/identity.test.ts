/**
 * Identity that cannot be claimed: a user is their issuer's stable subject, the mailbox comes
 * from a claim the tenant controls, and the token check pins algorithms, tenants and clock skew.
 * Tokens come from a real outside issuer (a JWKS over loopback HTTP), as from Entra ID.
 */
import { generateKeyPair } from 'jose';
import { openDatabase } from '../../src/server/store/database';
import { invoiceReport } from '../helpers/reports';
import { startTestServer, type TestServer } from '../helpers/server';
import { entraClaims, OTHER_TENANT, startTestIssuer, TENANT, type TestIssuer } from '../helpers/test-issuer';

const ANNA_OID = '11111111-1111-4111-8111-111111111111';
const MALLORY_OID = '22222222-2222-4222-8222-222222222222';

describe('identity from an Entra ID issuer', () => {
  let issuer: TestIssuer;
  let server: TestServer;
  beforeEach(async () => {
    const now = () => server?.clock.now() ?? new Date('2026-11-22T12:00:00Z');
    issuer = await startTestIssuer(now);
    server = await startTestServer('sqlite', issuer.env());
  });
  afterEach(async () => {
    await server.close();
    await issuer.close();
  });

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

  test("a token whose email names another user never sees that user's data", async () => {
    const anna = await issuer.sign(entraClaims('anna@contoso.example', ANNA_OID));
    const created = await call(anna, 'POST', '/api/submissions', invoiceReport());
    expect(created.statusCode).toBe(201);
    expect(created.json().createdBy.email).toBe('anna@contoso.example');
    expect((await call(anna, 'POST', '/api/me/safe-senders', { value: 'billing@supplier.example' })).statusCode).toBe(201);

    // Mallory sets her (unverified, user-editable) email claim to Anna's address.
    const mallory = await issuer.sign(entraClaims('mallory@contoso.example', MALLORY_OID, { email: 'anna@contoso.example' }));
    const mine = await call(mallory, 'GET', '/api/me/submissions');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toEqual([]);
    expect((await call(mallory, 'GET', `/api/submissions/${created.json().id as string}`)).statusCode).toBe(403);
    expect((await call(mallory, 'GET', `/api/submissions/${created.json().id as string}/message`)).statusCode).toBe(403);
    expect((await call(mallory, 'GET', '/api/me/safe-senders')).json().items).toEqual([]);
    // Anna still sees her own.
    expect((await call(anna, 'GET', '/api/me/submissions')).json().items).toHaveLength(1);
  });

  test('the mailbox comes from upn/preferred_username; an email claim alone is refused', async () => {
    const onlyEmail = await issuer.sign({ tid: TENANT, oid: ANNA_OID, email: 'anna@contoso.example' });
    const response = await call(onlyEmail, 'GET', '/api/me/submissions');
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toMatch(/upn or preferred_username/);
  });

  test('the stable subject is recorded with each submission and audit row', async () => {
    const anna = await issuer.sign(entraClaims('anna@contoso.example', ANNA_OID));
    const created = await call(anna, 'POST', '/api/submissions', invoiceReport());
    expect(created.statusCode).toBe(201);
    await call(anna, 'POST', '/api/me/safe-senders', { value: 'billing@supplier.example' });
    const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: undefined });
    try {
      const row = await db.selectFrom('submissions').select(['created_by_subject', 'created_by_email']).executeTakeFirstOrThrow();
      expect(row).toEqual({ created_by_subject: `entra:${TENANT}:${ANNA_OID}`, created_by_email: 'anna@contoso.example' });
      const audit = await db.selectFrom('audit_log').select(['actor', 'actor_subject']).executeTakeFirstOrThrow();
      expect(audit).toEqual({ actor: 'anna@contoso.example', actor_subject: `entra:${TENANT}:${ANNA_OID}` });
    } finally {
      await db.destroy();
    }
  });

  test.each([
    ['another tenant', async (i: TestIssuer) => i.sign(entraClaims('eve@fabrikam.example', ANNA_OID, { tid: OTHER_TENANT })), /tenant .* is not configured/],
    ['no tenant or object id', async (i: TestIssuer) => i.sign({ upn: 'anna@contoso.example' }), /tid, oid/],
    ['another issuer', async (i: TestIssuer) => i.sign(entraClaims('anna@contoso.example', ANNA_OID), { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }), /iss claim/],
    ['another audience', async (i: TestIssuer) => i.sign(entraClaims('anna@contoso.example', ANNA_OID), { audience: 'api://other' }), /aud claim/],
    ['an unpinned algorithm (PS256)', async (i: TestIssuer) => i.sign(entraClaims('anna@contoso.example', ANNA_OID), { alg: 'PS256', key: i.keyObject }), /algorithm/],
    ['HS256 keyed with the public JWKS (algorithm confusion)', async (i: TestIssuer) => {
      const jwks = (await (await fetch(i.jwksUrl)).json()) as { keys: Array<{ n: string }> };
      return i.sign(entraClaims('anna@contoso.example', ANNA_OID), { alg: 'HS256', key: new TextEncoder().encode(jwks.keys[0]?.n ?? '') });
    }, /algorithm|could not be verified/],
    ['the right key with another RSA algorithm (RS384)', async (i: TestIssuer) => i.sign(entraClaims('anna@contoso.example', ANNA_OID), { alg: 'RS384', key: i.keyObject }), /algorithm/],
    ['a key the issuer never published', async (i: TestIssuer) => i.sign(entraClaims('anna@contoso.example', ANNA_OID), { key: (await generateKeyPair('RS256')).privateKey }), /could not be verified/],
  ])('a token from %s is refused with 401', async (_name, make, message) => {
    const response = await call(await make(issuer), 'GET', '/api/me/submissions');
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toMatch(message);
  });

  test('clock skew is bounded to 60 s either way', async () => {
    const now = Math.floor(server.clock.now().getTime() / 1000);
    const claims = entraClaims('anna@contoso.example', ANNA_OID);
    const expiredJustNow = await issuer.sign(claims, { issuedAt: now - 3600 - 50, expiresIn: 3600 });
    const expiredLongAgo = await issuer.sign(claims, { issuedAt: now - 3600 - 70, expiresIn: 3600 });
    const fromNearFuture = await issuer.sign(claims, { issuedAt: now + 50 });
    const fromFarFuture = await issuer.sign(claims, { issuedAt: now + 120 });
    expect((await call(expiredJustNow, 'GET', '/api/me/submissions')).statusCode).toBe(200);
    expect((await call(expiredLongAgo, 'GET', '/api/me/submissions')).statusCode).toBe(401);
    expect((await call(fromNearFuture, 'GET', '/api/me/submissions')).statusCode).toBe(200);
    const future = await call(fromFarFuture, 'GET', '/api/me/submissions');
    expect(future.statusCode).toBe(401);
    expect(future.json().message).toMatch(/iat|nbf/);
  });
});

describe('identity from a multi-tenant Entra ID issuer', () => {
  test('only the listed tenants are accepted', async () => {
    const issuer = await startTestIssuer(() => new Date('2026-11-22T12:00:00Z'), 'https://login.microsoftonline.com/{tenantid}/v2.0');
    const server = await startTestServer('sqlite', issuer.env({ SECOND_LOOK_TENANT_IDS: TENANT }));
    try {
      const ours = await issuer.sign(entraClaims('anna@contoso.example', ANNA_OID), { issuer: `https://login.microsoftonline.com/${TENANT}/v2.0` });
      const theirs = await issuer.sign(entraClaims('eve@fabrikam.example', ANNA_OID, { tid: OTHER_TENANT }), { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` });
      const mismatched = await issuer.sign(entraClaims('anna@contoso.example', ANNA_OID), { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` });
      const get = (token: string) => server.app.inject({ method: 'GET', url: '/api/me/submissions', headers: { authorization: `Bearer ${token}` } });
      expect((await get(ours)).statusCode).toBe(200);
      expect((await get(theirs)).statusCode).toBe(401);
      expect((await get(mismatched)).statusCode).toBe(401);
    } finally {
      await server.close();
      await issuer.close();
    }
  });
});

describe('identity from a generic OpenID provider', () => {
  let issuer: TestIssuer;
  let server: TestServer;
  beforeEach(async () => {
    issuer = await startTestIssuer(() => server?.clock.now() ?? new Date('2026-11-22T12:00:00Z'), 'https://idp.contoso.example');
    server = await startTestServer('sqlite', issuer.env());
  });
  afterEach(async () => {
    await server.close();
    await issuer.close();
  });

  test('email counts only when the provider verified it', async () => {
    const get = async (claims: Record<string, unknown>) =>
      server.app.inject({ method: 'GET', url: '/api/me/submissions', headers: { authorization: `Bearer ${await issuer.sign(claims)}` } });
    expect((await get({ sub: 'u-1', email: 'anna@contoso.example', email_verified: true })).statusCode).toBe(200);
    expect((await get({ sub: 'u-1', email: 'anna@contoso.example' })).statusCode).toBe(401);
    expect((await get({ sub: 'u-1', email: 'anna@contoso.example', email_verified: 'true' })).statusCode).toBe(401);
    expect((await get({ email: 'anna@contoso.example', email_verified: true })).statusCode).toBe(401);
  });
});
