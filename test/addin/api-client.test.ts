import { IDEMPOTENCY_HEADER } from '../../src/contracts/submissions';
import {
  ApiError,
  FeatureUnavailableError,
  IDEMPOTENCY_KEY_HEADER,
  NetworkError,
  createApiClient,
  isRetryable,
  isRetryableStatus,
  serverOrigin,
  type TokenSource,
} from '../../src/addin/api';
import { senderFromApi } from '../../src/addin/outbox';
import { ORIGIN, startAddinServer, type AddinServer } from './helpers/addin-server';
import { aSubmission, anAcceptedSubmission } from './helpers/submissions';

/** A token source that hands out the given tokens in turn, moving on after each invalidate(). */
function staticTokens(...tokens: string[]) {
  const issued: string[] = [];
  let invalidations = 0;
  const source: TokenSource = {
    async token() {
      const token = tokens[Math.min(invalidations, tokens.length - 1)] ?? 'none';
      issued.push(token);
      return token;
    },
    invalidate() {
      invalidations += 1;
    },
  };
  return { source, issued, invalidations: () => invalidations };
}

/** The claims of a JWT, read without checking it (the server checks it). */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('API client against the real server', () => {
  let server: AddinServer;
  let alice: string;
  beforeEach(async () => {
    server = await startAddinServer({ SECOND_LOOK_MAX_MESSAGE_BYTES: '1024' });
    alice = await server.token('alice@contoso.example');
  });
  afterEach(async () => server.close());

  it('uses the header name the server contract names', () => {
    expect(IDEMPOTENCY_KEY_HEADER.toLowerCase()).toBe(IDEMPOTENCY_HEADER);
  });

  it('reads the add-in config without a token', async () => {
    const api = createApiClient({ baseUrl: `${server.origin}/`, fetch: server.fetch });
    await expect(api.getConfig()).resolves.toEqual({ auth: { mode: 'dev' }, moreInfoUrl: `${ORIGIN}/addin/help.html` });
    const [request] = server.sent;
    expect(request?.path).toBe('/api/addin/config');
    expect(request?.headers.get('authorization')).toBeNull();
  });

  it('asks for a dev token with the user and display name, and the server accepts it as that user', async () => {
    const api = createApiClient({ baseUrl: server.origin, fetch: server.fetch });
    const response = await api.requestDevToken({ user: 'alice@contoso.example', displayName: 'Alice' });
    expect(server.sent[0]).toMatchObject({ method: 'POST', path: '/api/dev/token', body: { user: 'alice@contoso.example', displayName: 'Alice' } });
    expect(server.sent[0]?.headers.get('content-type')).toBe('application/json');
    expect(claimsOf(response.token)).toMatchObject({ email: 'alice@contoso.example', name: 'Alice' });
    expect(Date.parse(response.expiresAt)).toBeGreaterThan(server.test.clock.now().getTime());

    const asAlice = createApiClient({ baseUrl: server.origin, fetch: server.fetch, tokens: staticTokens(response.token).source });
    const { submission } = await asAlice.createSubmission(aSubmission(), 'dev-token-report');
    expect(submission.createdBy).toEqual({ email: 'alice@contoso.example', displayName: 'Alice' });
  });

  it('creates a submission with the bearer token and the Idempotency-Key; 201 then 200 on retry', async () => {
    const api = createApiClient({ baseUrl: server.origin, fetch: server.fetch, tokens: staticTokens(alice).source });
    const first = await api.createSubmission(aSubmission(), 'idempotency-key-1');
    const again = await api.createSubmission(aSubmission(), 'idempotency-key-1');
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.submission).toEqual(first.submission);
    const request = server.sentTo('POST', '/api/submissions')[0];
    expect(request?.headers.get('idempotency-key')).toBe('idempotency-key-1');
    expect(request?.headers.get('authorization')).toBe(`Bearer ${alice}`);
    expect(request?.body).toEqual(aSubmission());

    // The server holds one report, as Alice's, with what she sent.
    // (Clustering runs after intake, so the stored row may already name its cluster.)
    const stored = await server.submissions();
    const withoutCluster = ({ clusterId: _cluster, ...rest }: typeof first.submission) => rest;
    expect(stored.map(withoutCluster)).toEqual([withoutCluster(first.submission)]);
    expect(stored[0]).toMatchObject({
      category: 'notJunk',
      internetMessageId: '<m1@example.com>',
      sender: 'newsletter@shop.example',
      createdBy: { email: 'alice@contoso.example' },
      createdDateTime: server.test.clock.now().toISOString(),
      hasMessage: true,
    });
  });

  it('lists my submissions for one message, with the id URL-encoded', async () => {
    const api = createApiClient({ baseUrl: server.origin, fetch: server.fetch, tokens: staticTokens(alice).source });
    await expect(api.listMySubmissions({ internetMessageId: '<a+b@x.example>' })).resolves.toEqual({ items: [], nextCursor: null });
    const { submission } = await api.createSubmission(aSubmission({ internetMessageId: '<a+b@x.example>' }), 'plus-sign-key');
    await api.createSubmission(aSubmission({ internetMessageId: '<a b@x.example>' }), 'space-key-01');
    // "+" reaches the server as itself, not as a space: only the one report matches.
    const page = await api.listMySubmissions({ internetMessageId: '<a+b@x.example>' });
    expect(page.items.map((item) => item.id)).toEqual([submission.id]);
    expect(page.nextCursor).toBeNull();
    expect(server.sentTo('GET', '/api/me/submissions')[0]?.path).toBe('/api/me/submissions?internetMessageId=%3Ca%2Bb%40x.example%3E');
  });

  it('turns an ErrorBody into an ApiError carrying the server message and code', async () => {
    const api = createApiClient({ baseUrl: server.origin, fetch: server.fetch, tokens: staticTokens(alice).source });
    // This server takes messages of up to 1024 bytes.
    const error = await api.createSubmission(aSubmission({ message: Buffer.alloc(2048, 'a').toString('base64') }), 'too-large-key').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 413, message: 'the message is larger than the 1024 byte limit', code: 'too_large' });
    expect((error as ApiError).refusal).toEqual({ status: 413, code: 'too_large', reasons: [] });
    await expect(server.submissions()).resolves.toEqual([]);
  });

  it('gets a fresh token and retries once after a 401', async () => {
    const stale = await server.test.token('alice@contoso.example', [], { lifetime: 60 });
    server.test.clock.advance(120_000); // the first token has expired on the server's clock
    const fresh = await server.token('alice@contoso.example');
    const tokens = staticTokens(stale, fresh);
    const api = createApiClient({ baseUrl: server.origin, fetch: server.fetch, tokens: tokens.source });
    await expect(api.listMySubmissions()).resolves.toEqual({ items: [], nextCursor: null });
    expect(server.sent.map((request) => request.headers.get('authorization'))).toEqual([`Bearer ${stale}`, `Bearer ${fresh}`]);
    expect(tokens.invalidations()).toBe(1);
  });

  it('reports a dropped connection as a NetworkError', async () => {
    server.down = true;
    const api = createApiClient({ baseUrl: server.origin, fetch: server.fetch });
    const error = await api.getConfig().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(isRetryable(error)).toBe(true);
  });

  it('turns a 404 from the safe-senders route into a clear FeatureUnavailableError', async () => {
    const api = createApiClient({ baseUrl: server.origin, fetch: server.fetch, tokens: staticTokens(alice).source });
    server.senderListRoutes = false; // a server from before the users' own lists
    await expect(api.addSafeSender('newsletter@shop.example')).rejects.toBeInstanceOf(FeatureUnavailableError);
    server.senderListRoutes = true;
    await expect(api.addSafeSender('newsletter@shop.example')).resolves.toMatchObject({ value: 'newsletter@shop.example' });
    expect(server.sentTo('POST', '/api/me/safe-senders')[1]?.body).toEqual({ value: 'newsletter@shop.example' });
    await expect(server.senderList('alice@contoso.example', 'safe')).resolves.toMatchObject({ used: 1, items: [{ value: 'newsletter@shop.example' }] });
  });
});

describe('retryable statuses', () => {
  it.each([
    [401, true],
    [408, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [403, false],
    [404, false],
    [409, false],
    [413, false],
    [422, false],
  ])('status %i retryable = %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});

describe('senderFromApi', () => {
  function senderThrowing(error: unknown) {
    return senderFromApi({
      createSubmission: async () => {
        throw error;
      },
    });
  }
  const body = { statusCode: 0, error: 'x', message: 'server says no' };

  it('classifies permanent 4xx as rejected, keeping the status and code (and the message for diagnostics)', async () => {
    const refusedBody = { ...body, statusCode: 400, code: 'invalid_headers' };
    await expect(senderThrowing(new ApiError(400, 'server says no', refusedBody))(aSubmission(), 'k')).resolves.toEqual({
      kind: 'rejected',
      refusal: { status: 400, code: 'invalid_headers', reasons: [] },
      message: 'server says no',
    });
    // A body without a code (a proxy in front of the server) keeps the status alone.
    await expect(senderThrowing(new ApiError(400, 'server says no', body))(aSubmission(), 'k')).resolves.toMatchObject({
      refusal: { status: 400, code: null, reasons: [] },
    });
  });

  it('gives a stored report without a language the display language before sending it', async () => {
    const sent: unknown[] = [];
    const send = senderFromApi(
      {
        createSubmission: async (submission) => {
          sent.push(submission);
          return { submission: anAcceptedSubmission(), created: true };
        },
      },
      { displayLanguage: () => 'fr-FR' },
    );
    await send(aSubmission(), 'k1');
    await send(aSubmission({ locale: 'da-DK' }), 'k2');
    expect(sent).toEqual([aSubmission({ locale: 'fr-FR' }), aSubmission({ locale: 'da-DK' })]);
  });

  it.each([401, 408, 429, 502])('classifies %i as retry', async (status) => {
    await expect(senderThrowing(new ApiError(status, 'later', body))(aSubmission(), 'k')).resolves.toMatchObject({
      kind: 'retry',
    });
  });

  it('classifies network trouble and token failures as retry', async () => {
    await expect(senderThrowing(new NetworkError('fetch failed'))(aSubmission(), 'k')).resolves.toMatchObject({
      kind: 'retry',
      reason: 'fetch failed',
    });
    await expect(senderThrowing(new Error('popup blocked'))(aSubmission(), 'k')).resolves.toMatchObject({
      kind: 'retry',
    });
  });
});

describe('serverOrigin', () => {
  it('uses the page origin', () => {
    expect(serverOrigin({ location: { origin: 'https://localhost:3000' } })).toBe('https://localhost:3000');
  });

  it('prefers an origin the server announced (JavaScript-only runtime)', () => {
    expect(
      serverOrigin({ SECOND_LOOK_ORIGIN: 'https://triage.contoso.example/', location: { origin: 'null' } }),
    ).toBe('https://triage.contoso.example');
  });

  it('fails loudly when it cannot tell', () => {
    expect(() => serverOrigin({})).toThrow(/which server/);
  });
});
