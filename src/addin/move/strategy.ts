/**
 * Moves a reported message, using the best means this client has:
 *   1. Microsoft Graph reportMessage with a nested-app-auth token (needs the NestedAppAuth
 *      1.1 and Mailbox 1.3 requirement sets, checked at run time);
 *   2. inside the spam-reporting event, event.completed's moveItemTo (Junk Email or Deleted
 *      Items; it has no Inbox, so Not junk stays put);
 *   3. otherwise, tell the user how to move it themselves.
 */
import type { FetchLike, TokenSource } from '../api/types';
import type { OfficeMailbox, SpamMoveTarget } from '../office/types';
import { CATEGORY_FACTS, type Destination, type ReportCategory } from '../report/categories';
import { graphReportMessage } from './graph';

export type MoveMethod = 'graph' | 'spamEvent' | 'manual';

export interface MoveOutcome {
  destination: Destination;
  method: MoveMethod;
  /** What the spam-reporting event's completed() must do: 'none' unless method is 'spamEvent'. */
  eventMoveTo: SpamMoveTarget;
  /** Why Graph was not used (for the console; not shown to users). */
  graphSkipped: string | null;
}

export interface MoveDeps {
  mailbox: Pick<OfficeMailbox, 'supports' | 'restId'>;
  graphTokens: TokenSource | null;
  fetch: FetchLike;
}

/** Where the reported message is being moved from. */
export type MoveContext = 'command' | 'spamEvent';

/** What the spam-reporting event can do for each destination (it has no Inbox). */
export const EVENT_MOVE_TARGET: Readonly<Record<Destination, SpamMoveTarget>> = {
  inbox: 'none',
  junk: 'junk',
  deletedItems: 'deletedItems',
};

/** The reason Graph cannot be used here, or null when it can. */
export function graphUnavailableReason(deps: MoveDeps, itemId: string): string | null {
  if (!deps.graphTokens) return 'no Graph token source (dev mode or no graphScopes)';
  if (!deps.mailbox.supports('NestedAppAuth', '1.1')) return 'NestedAppAuth 1.1 not supported';
  if (!deps.mailbox.supports('Mailbox', '1.3')) return 'Mailbox 1.3 (convertToRestId) not supported';
  if (itemId === '') return 'the item has no id';
  return null;
}

export async function moveReportedMessage(
  category: ReportCategory,
  itemId: string,
  context: MoveContext,
  deps: MoveDeps,
): Promise<MoveOutcome> {
  const { destination, graphAction } = CATEGORY_FACTS[category];
  let graphSkipped = graphUnavailableReason(deps, itemId);
  if (graphSkipped === null && deps.graphTokens) {
    try {
      const restId = deps.mailbox.restId(itemId);
      const token = await deps.graphTokens.token();
      await graphReportMessage(deps.fetch, token, restId, graphAction);
      return { destination, method: 'graph', eventMoveTo: 'none', graphSkipped: null };
    } catch (error) {
      graphSkipped = `Graph failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const eventMoveTo = EVENT_MOVE_TARGET[destination];
  if (context === 'spamEvent' && eventMoveTo !== 'none') {
    return { destination, method: 'spamEvent', eventMoveTo, graphSkipped };
  }
  return { destination, method: 'manual', eventMoveTo: 'none', graphSkipped };
}
