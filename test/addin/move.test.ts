import type { TokenSource } from '../../src/addin/api';
import { GRAPH_BASE_URL, moveReportedMessage, type MoveDeps } from '../../src/addin/move';
import type { OfficeMailbox } from '../../src/addin/office';

const ITEM_ID = 'AAMk/item+1=';

/**
 * Microsoft Graph's reportMessage, as far as the move needs it: it records the call and answers
 * with `status` (202 Accepted when it takes the report). Graph is Microsoft's service, not
 * ours, so a stand-in is all a unit test can have.
 */
class GraphStub {
  status = 202;
  readonly requests: Array<{ method: string; url: string; headers: Headers; body: unknown }> = [];
  readonly fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    this.requests.push({ method: init.method ?? 'GET', url, headers: new Headers(init.headers), body });
    return new Response(null, { status: this.status });
  };
}

function deps(options: { sets?: string[]; graph?: boolean; graphApi?: GraphStub; tokenFails?: boolean } = {}) {
  const graphApi = options.graphApi ?? new GraphStub();
  const sets = new Set(options.sets ?? ['NestedAppAuth 1.1', 'Mailbox 1.3']);
  const mailbox: Pick<OfficeMailbox, 'supports' | 'restId'> = {
    supports: (name, version) => sets.has(`${name} ${version}`),
    restId: (id) => `REST-${id}`,
  };
  const graphTokens: TokenSource = {
    token: async () => {
      if (options.tokenFails) throw new Error('consent required');
      return 'graph-token';
    },
    invalidate: () => undefined,
  };
  const result: MoveDeps = { mailbox, graphTokens: options.graph === false ? null : graphTokens, fetch: graphApi.fetch };
  return { deps: result, graphApi };
}

describe('moving a reported message', () => {
  it.each([
    ['notJunk', 'notJunk', 'inbox'],
    ['junk', 'junk', 'junk'],
    ['phishing', 'phish', 'deletedItems'],
  ] as const)('%s uses Graph reportMessage with ReportAction %s when NAA is available', async (category, action, destination) => {
    const { deps: moveDeps, graphApi } = deps();
    const outcome = await moveReportedMessage(category, ITEM_ID, 'command', moveDeps);
    expect(outcome).toEqual({ destination, method: 'graph', eventMoveTo: 'none', graphSkipped: null });
    const [request] = graphApi.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`${GRAPH_BASE_URL}/me/messages/${encodeURIComponent('REST-AAMk/item+1=')}/reportMessage`);
    expect(request?.headers.get('authorization')).toBe('Bearer graph-token');
    expect(request?.body).toEqual({ IsMessageMoveRequested: true, ReportAction: action });
  });

  it('checks the requirement sets at run time before using Graph', async () => {
    const { deps: moveDeps, graphApi } = deps({ sets: ['Mailbox 1.3'] });
    const outcome = await moveReportedMessage('junk', ITEM_ID, 'spamEvent', moveDeps);
    expect(graphApi.requests).toHaveLength(0);
    expect(outcome).toMatchObject({ method: 'spamEvent', eventMoveTo: 'junk', graphSkipped: 'NestedAppAuth 1.1 not supported' });
  });

  it('in the spam-reporting event, without Graph, moves Junk to Junk Email and Phishing to Deleted Items', async () => {
    const { deps: moveDeps } = deps({ graph: false });
    await expect(moveReportedMessage('junk', ITEM_ID, 'spamEvent', moveDeps)).resolves.toMatchObject({
      method: 'spamEvent',
      eventMoveTo: 'junk',
      destination: 'junk',
    });
    await expect(moveReportedMessage('phishing', ITEM_ID, 'spamEvent', moveDeps)).resolves.toMatchObject({
      method: 'spamEvent',
      eventMoveTo: 'deletedItems',
      destination: 'deletedItems',
    });
  });

  it('Not junk without Graph is NoMove plus an instruction, even in the spam-reporting event', async () => {
    const { deps: moveDeps } = deps({ graph: false });
    await expect(moveReportedMessage('notJunk', ITEM_ID, 'spamEvent', moveDeps)).resolves.toEqual({
      destination: 'inbox',
      method: 'manual',
      eventMoveTo: 'none',
      graphSkipped: 'no Graph token source (dev mode or no graphScopes)',
    });
  });

  it('a ribbon command without Graph tells the user what to do', async () => {
    const { deps: moveDeps } = deps({ graph: false });
    await expect(moveReportedMessage('phishing', ITEM_ID, 'command', moveDeps)).resolves.toMatchObject({
      method: 'manual',
      destination: 'deletedItems',
    });
  });

  it('falls back when Graph refuses or no token can be had', async () => {
    const graphApi = new GraphStub();
    graphApi.status = 403;
    const refused = await moveReportedMessage('junk', ITEM_ID, 'spamEvent', deps({ graphApi }).deps);
    expect(refused).toMatchObject({ method: 'spamEvent', graphSkipped: 'Graph failed: Graph reportMessage answered HTTP 403' });

    const noToken = await moveReportedMessage('notJunk', ITEM_ID, 'command', deps({ tokenFails: true }).deps);
    expect(noToken).toMatchObject({ method: 'manual', graphSkipped: 'Graph failed: consent required' });
  });
});
