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
import { FakeServer } from './helpers/fake-server';
import { aSubmission } from './helpers/submissions';

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

describe('API client', () => {
  it('uses the header name the server contract names', () => {
    expect(IDEMPOTENCY_KEY_HEADER.toLowerCase()).toBe(IDEMPOTENCY_HEADER);
  });

  it('reads the add-in config without a token', async () => {
    const server = new FakeServer();
    const api = createApiClient({ baseUrl: `${server.origin}/`, fetch: server.fetch });
    await expect(api.getConfig()).resolves.toEqual(server.config);
    const [request] = server.requests;
    expect(request?.url).toBe('https://localhost:3000/api/addin/config');
    expect(request?.headers.get('authorization')).toBeNull();
  });

  it('asks for a dev token with the user and display name', async () => {
    const server = new FakeServer();
    const api = createApiClient({ baseUrl: server.origin, fetch: server.fetch });
    const response = await api.requestDevToken({ user: 'alice@contoso.example', displayName: 'Alice' });
    expect(response.token).toBe('dev-token-1');
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      body: { user: 'alice@contoso.example', displayName: 'Alice' },
    });
    expect(server.requests[0]?.headers.get('content-type')).toBe('application/json');
  });

  it('creates a submission with the bearer token and the Idempotency-Key; 201 then 200 on retry', async () => {
    const server = new FakeServer();
    const api = createApiClient({ baseUrl: server.origin, fetch: server.fetch, tokens: staticTokens('t1').source });
    const first = await api.createSubmission(aSubmission(), 'key-1');
    const again = await api.createSubmission(aSubmission(), 'key-1');
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.submission.id).toBe(first.submission.id);
    expect(server.submissions.size).toBe(1);
    const request = server.requestsTo('POST', '/api/submissions')[0];
    expect(request?.headers.get('idempotency-key')).toBe('key-1');
    expect(request?.headers.get('authorization')).toBe('Bearer t1');
    expect(request?.body).toEqual(aSubmission());
  });

  it('lists my submissions for one message, with the id URL-encoded', async () => {
    const server = new FakeServer();
    const api = createApiClient({ baseUrl: server.origin, fetch: server.fetch, tokens: staticTokens('t').source });
    await expect(api.listMySubmissions({ internetMessageId: '<a+b@x.example>' })).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
    expect(server.requests[0]?.url).toBe(
      'https://localhost:3000/api/me/submissions?internetMessageId=%3Ca%2Bb%40x.example%3E',
    );
  });

  it('turns an ErrorBody into an ApiError carrying the server message and code', async () => {
    const server = new FakeServer();
    server.nextSubmissionResponse = {
      status: 413,
      body: { statusCode: 413, error: 'Payload Too Large', message: 'The EML is over 35 MB.', code: 'TOO_LARGE' },
    };
    const api = createApiClient({ baseUrl: server.origin, fetch: server.fetch, tokens: staticTokens('t').source });
    const error = await api.createSubmission(aSubmission(), 'k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 413, message: 'The EML is over 35 MB.', code: 'TOO_LARGE' });
  });

  it('gets a fresh token and retries once after a 401', async () => {
    const calls: string[] = [];
    const fetch = async (_url: string, init: RequestInit = {}) => {
      const auth = new Headers(init.headers).get('authorization') ?? '';
      calls.push(auth);
      return auth === 'Bearer fresh'
        ? new Response(JSON.stringify({ items: [], nextCursor: null }), { status: 200 })
        : new Response(JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'expired' }), { status: 401 });
    };
    const tokens = staticTokens('stale', 'fresh');
    const api = createApiClient({ baseUrl: 'https://s', fetch, tokens: tokens.source });
    await api.listMySubmissions();
    expect(calls).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(tokens.invalidations()).toBe(1);
  });

  it('reports a dropped connection as a NetworkError', async () => {
    const server = new FakeServer();
    server.down = true;
    const api = createApiClient({ baseUrl: server.origin, fetch: server.fetch });
    const error = await api.getConfig().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(isRetryable(error)).toBe(true);
  });

  it('turns a 404 from the safe-senders route into a clear FeatureUnavailableError', async () => {
    const server = new FakeServer();
    const api = createApiClient({ baseUrl: server.origin, fetch: server.fetch, tokens: staticTokens('t').source });
    await expect(api.addSafeSender('newsletter@shop.example')).rejects.toBeInstanceOf(FeatureUnavailableError);
    server.senderListsAvailable = true;
    await expect(api.addSafeSender('newsletter@shop.example')).resolves.toMatchObject({
      value: 'newsletter@shop.example',
    });
    expect(server.requestsTo('POST', '/api/me/safe-senders')[1]?.body).toEqual({ value: 'newsletter@shop.example' });
  });

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

  it('classifies permanent 4xx as rejected with the server message', async () => {
    await expect(senderThrowing(new ApiError(400, 'server says no', body))(aSubmission(), 'k')).resolves.toEqual({
      kind: 'rejected',
      status: 400,
      message: 'server says no',
    });
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
