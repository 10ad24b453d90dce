/**
 * Microsoft Graph's message reportMessage action: reports the message to Microsoft's filters
 * and, with IsMessageMoveRequested, moves it (notJunk → Inbox, junk → Junk Email,
 * phish → Deleted Items). It needs Mail.ReadWrite and the message's REST id.
 */
import type { FetchLike } from '../api/types';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

export type GraphReportAction = 'notJunk' | 'junk' | 'phish';

export async function graphReportMessage(
  fetch: FetchLike,
  token: string,
  restId: string,
  action: GraphReportAction,
): Promise<void> {
  const url = `${GRAPH_BASE_URL}/me/messages/${encodeURIComponent(restId)}/reportMessage`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ IsMessageMoveRequested: true, ReportAction: action }),
  });
  if (!response.ok) {
    throw new Error(`Graph reportMessage answered HTTP ${response.status}`);
  }
}
