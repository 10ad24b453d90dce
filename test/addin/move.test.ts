import type { TokenSource } from '../../src/addin/api';
import { GRAPH_BASE_URL, moveReportedMessage, type MoveDeps } from '../../src/addin/move';
import type { OfficeMailbox } from '../../src/addin/office';
import { FakeServer } from './helpers/fake-server';

const ITEM_ID = 'AAMk/item+1=';

function deps(options: { sets?: string[]; graph?: boolean; server?: FakeServer; tokenFails?: boolean } = {}) {
  const server = options.server ?? new FakeServer();
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
  const result: MoveDeps = { mailbox, graphTokens: options.graph === false ? null : graphTokens, fetch: server.fetch };
  return { deps: result, server };
}

describe('moving a reported message', () => {
  it.each([
    ['notJunk', 'notJunk', 'inbox'],
    ['junk', 'junk', 'junk'],
    ['phishing', 'phish', 'deletedItems'],
  ] as const)('%s uses Graph reportMessage with ReportAction %s when NAA is available', async (category, action, destination) => {
    const { deps: moveDeps, server } = deps();
    const outcome = await moveReportedMessage(category, ITEM_ID, 'command', moveDeps);
    expect(outcome).toEqual({ destination, method: 'graph', eventMoveTo: 'none', graphSkipped: null });
    const [request] = server.graphRequests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`${GRAPH_BASE_URL}/me/messages/${encodeURIComponent('REST-AAMk/item+1=')}/reportMessage`);
    expect(request?.headers.get('authorization')).toBe('Bearer graph-token');
    expect(request?.body).toEqual({ IsMessageMoveRequested: true, ReportAction: action });
  });

  it('checks the requirement sets at run time before using Graph', async () => {
    const { deps: moveDeps, server } = deps({ sets: ['Mailbox 1.3'] });
    const outcome = await moveReportedMessage('junk', ITEM_ID, 'spamEvent', moveDeps);
    expect(server.graphRequests).toHaveLength(0);
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
    const server = new FakeServer();
    server.graphStatus = 403;
    const refused = await moveReportedMessage('junk', ITEM_ID, 'spamEvent', deps({ server }).deps);
    expect(refused).toMatchObject({ method: 'spamEvent', graphSkipped: 'Graph failed: Graph reportMessage answered HTTP 403' });

    const noToken = await moveReportedMessage('notJunk', ITEM_ID, 'command', deps({ tokenFails: true }).deps);
    expect(noToken).toMatchObject({ method: 'manual', graphSkipped: 'Graph failed: consent required' });
  });
});
