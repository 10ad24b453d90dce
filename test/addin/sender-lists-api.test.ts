/**
 * The API client's list calls: paths, bearer token, URL-encoded values on DELETE, and how
 * each kind of failure comes out (the server's refusal with its message and code, "this
 * server has no such route", "already gone", no answer at all). Against the real server:
 * what it stored is read back with the user's own token.
 */
import {
  ApiError,
  FeatureUnavailableError,
  NetworkError,
  createApiClient,
  isMissingRoute,
  type TokenSource,
} from '../../src/addin/api';
import { ACCEPTED_DOMAIN, startAddinServer, type AddinServer } from './helpers/addin-server';

const ANNA = 'anna@contoso.example';

describe('sender lists over the API, against the real server', () => {
  let server: AddinServer;
  let token: string;

  async function setup(env: Record<string, string> = {}) {
    server = await startAddinServer(env);
    token = await server.token(ANNA);
    const tokens: TokenSource = { token: async () => token, invalidate: () => undefined };
    return createApiClient({ baseUrl: server.origin, fetch: server.fetch, tokens });
  }
  afterEach(async () => server.close());

  it.each([
    ['safe', '/api/me/safe-senders'],
    ['blocked', '/api/me/blocked-senders'],
  ] as const)('lists the %s senders at %s, as the user, with used and limit', async (list, path) => {
    const api = await setup();
    const added = await api.addSender(list, 'a@x.example');
    await expect(api.listSenders(list)).resolves.toEqual({
      items: [{ value: 'a@x.example', displayValue: 'a@x.example', valueType: 'address', createdDateTime: server.test.clock.now().toISOString() }],
      used: 1,
      limit: 1024,
    });
    await expect(server.senderList(ANNA, list)).resolves.toMatchObject({ items: [added] });
    const [get] = server.sentTo('GET', path);
    expect(get?.path).toBe(path);
    expect(get?.headers.get('authorization')).toBe(`Bearer ${token}`);
    expect(get?.headers.get('accept')).toBe('application/json');
  });

  it('adds with JSON { value } and resolves with the entry the server stored', async () => {
    const api = await setup();
    await expect(api.addSender('blocked', 'Spam.Example')).resolves.toEqual({
      value: 'spam.example',
      displayValue: 'spam.example',
      valueType: 'domain',
      createdDateTime: server.test.clock.now().toISOString(),
    });
    const [post] = server.sentTo('POST', '/api/me/blocked-senders');
    expect(post?.body).toEqual({ value: 'Spam.Example' });
    expect(post?.headers.get('content-type')).toBe('application/json');
    await expect(server.senderList(ANNA, 'blocked')).resolves.toMatchObject({ used: 1, items: [{ value: 'spam.example' }] });
    await expect(server.senderList(ANNA, 'safe')).resolves.toMatchObject({ used: 0, items: [] });
  });

  it.each([
    ['a duplicate', 409, 'duplicate', 'a@x.example', 'a@x.example is already on the list.'],
    ['an own accepted domain', 400, 'ownAcceptedDomain', ACCEPTED_DOMAIN, "contoso.example is one of the organisation's own domains; list individual addresses instead."],
  ])('rejects %s with an ApiError carrying the server message and code', async (_case, status, code, value, message) => {
    const api = await setup();
    await api.addSender('safe', 'a@x.example');
    const error = await api.addSender('safe', value).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, code, message });
    await expect(server.senderList(ANNA, 'safe')).resolves.toMatchObject({ used: 1, items: [{ value: 'a@x.example' }] });
  });

  it('refuses past the limit with the count in the message', async () => {
    const api = await setup({ SECOND_LOOK_USER_LIST_LIMIT: '1' });
    await api.addSender('safe', 'a@x.example');
    await expect(api.addSender('safe', 'b@x.example')).rejects.toMatchObject({
      status: 409,
      code: 'limitReached',
      message: 'The list is full: 1 of 1 entries are used. Remove one first.',
    });
    await expect(server.senderList(ANNA, 'safe')).resolves.toMatchObject({ used: 1, limit: 1 });
  });

  it('removes by the URL-encoded value: 204 is "removed"', async () => {
    const api = await setup();
    await api.addSender('safe', "o'brien+news/x@x.example");
    await expect(api.removeSender('safe', "o'brien+news/x@x.example")).resolves.toBe('removed');
    const [del] = server.sentTo('DELETE', '/api/me/safe-senders/');
    expect(del?.path).toBe("/api/me/safe-senders/o'brien%2Bnews%2Fx%40x.example");
    expect(del?.headers.get('authorization')).toBe(`Bearer ${token}`);
    await expect(server.senderList(ANNA, 'safe')).resolves.toMatchObject({ used: 0, items: [] });
  });

  it('treats a 404 about the value as "already gone"', async () => {
    const api = await setup();
    await expect(api.removeSender('blocked', 'nobody@x.example')).resolves.toBe('alreadyGone');
  });

  it('turns a missing route into FeatureUnavailableError for every call, naming the list', async () => {
    const api = await setup();
    server.senderListRoutes = false; // a server from before the users' own lists
    await expect(api.listSenders('safe')).rejects.toEqual(new FeatureUnavailableError('safe senders'));
    await expect(api.addSender('blocked', 'a@x.example')).rejects.toEqual(new FeatureUnavailableError('blocked senders'));
    await expect(api.removeSender('safe', 'a@x.example')).rejects.toBeInstanceOf(FeatureUnavailableError);
    await expect(api.addSafeSender('a@x.example')).rejects.toBeInstanceOf(FeatureUnavailableError);
  });

  it('reports no answer as a NetworkError', async () => {
    const api = await setup();
    server.down = true;
    await expect(api.listSenders('safe')).rejects.toBeInstanceOf(NetworkError);
    await expect(api.removeSender('safe', 'a@x.example')).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('isMissingRoute', () => {
  const body = (code?: string) => ({ statusCode: 404, error: 'Not Found', message: 'm', ...(code ? { code } : {}) });

  it('is true for a 404 with code no_route, or with no code at all (an older server)', () => {
    expect(isMissingRoute(new ApiError(404, 'm', body('no_route')))).toBe(true);
    expect(isMissingRoute(new ApiError(404, 'm', body()))).toBe(true);
    expect(isMissingRoute(new ApiError(404, 'm', null))).toBe(true);
  });

  it('is false for a 404 about a resource, another status, or another error', () => {
    expect(isMissingRoute(new ApiError(404, 'm', body('not_found')))).toBe(false);
    expect(isMissingRoute(new ApiError(409, 'm', body('no_route')))).toBe(false);
    expect(isMissingRoute(new Error('404'))).toBe(false);
  });
});
