/**
 * Which Received field records the message's entry into the organisation. Fields above it
 * (and it) were written by the organisation's own servers; fields below it were written before
 * the message arrived, by the sender or anyone on the way, and are claims, not evidence.
 *
 * In order:
 * 1. Walking down from the newest Received field through the organisation's own servers
 *    (Exchange Online's, and the configured boundary hosts): the first field written by an
 *    Exchange Online front end or by a configured host, for a connection from outside the
 *    internal networks, is the entry. A front end's field is the entry wherever it sits below
 *    our own servers: a sender can only write below it. (A gateway in front of Exchange Online
 *    is ours when its addresses are in the internal networks; then its field is the entry.)
 * 2. Otherwise (our servers are not known), the newest field whose connecting address is
 *    outside the internal networks: the last hand-over from the Internet.
 * 3. Otherwise (every hop internal), the oldest Received field: the message never left.
 * With no Received field at all (a pasted excerpt) nothing can be placed, and every field is
 * taken as given; the verdict says so.
 */
import { isInternalIp } from '../../net/addresses';
import type { ReceivedHop } from '../types';
import { EXCHANGE_ONLINE_ENTRY_SUFFIXES, EXCHANGE_ONLINE_SUFFIXES, endsWithAny, type CompiledTrust } from './settings';

export type BoundaryBasis = 'exchangeOnline' | 'exchangeOnlineInternal' | 'configuredHost' | 'externalIp' | 'oldestReceived' | 'noReceived';

export interface Boundary {
  /** Position of the entry Received field; fields at or above it count. Undefined: no Received field. */
  entryIndex: number | undefined;
  basis: BoundaryBasis;
  /** The server that wrote the entry field. */
  host?: string;
}

/** A Received field's hop with its position in the header block (0 = newest). */
export interface PlacedHop extends ReceivedHop {
  fieldIndex: number;
}

function isConfiguredHost(host: string, trust: CompiledTrust): boolean {
  return trust.hostNames.has(host) || endsWithAny(host, trust.hostSuffixes);
}

function entry(hop: PlacedHop, basis: BoundaryBasis): Boundary {
  const boundary: Boundary = { entryIndex: hop.fieldIndex, basis };
  if (hop.by !== undefined) boundary.host = hop.by;
  return boundary;
}

/** `hops` newest first. */
export function findBoundary(hops: readonly PlacedHop[], trust: CompiledTrust): Boundary {
  if (hops.length === 0) return { entryIndex: undefined, basis: 'noReceived' };
  let allExchangeOnline = true;
  for (const hop of hops) {
    const by = hop.by?.toLowerCase().replace(/\.$/, '');
    if (by === undefined) {
      allExchangeOnline = false;
      break;
    }
    // A front end taking the message from our own gateway (an internal address) is not where
    // it entered: the gateway's own field, further down, is.
    if (endsWithAny(by, EXCHANGE_ONLINE_ENTRY_SUFFIXES) && (hop.ip === undefined || !isInternalIp(hop.ip, trust.networks))) {
      return entry(hop, 'exchangeOnline');
    }
    const configured = isConfiguredHost(by, trust);
    if (configured && (hop.ip === undefined || !isInternalIp(hop.ip, trust.networks))) return entry(hop, 'configuredHost');
    if (configured) {
      allExchangeOnline = false;
      continue;
    }
    if (!endsWithAny(by, EXCHANGE_ONLINE_SUFFIXES)) {
      allExchangeOnline = false;
      break;
    }
  }
  const oldest = hops[hops.length - 1] as PlacedHop;
  // Never left Exchange Online: mail between its own mailboxes.
  if (allExchangeOnline) return entry(oldest, 'exchangeOnlineInternal');
  for (const hop of hops) {
    if (hop.ip !== undefined && !isInternalIp(hop.ip, trust.networks)) return entry(hop, 'externalIp');
  }
  return entry(oldest, 'oldestReceived');
}

/** Was the field at `index` written inside the boundary? */
export function isInside(boundary: Boundary, index: number): boolean {
  return boundary.entryIndex === undefined || index <= boundary.entryIndex;
}
