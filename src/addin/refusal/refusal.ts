/**
 * A server's refusal as data: its HTTP status, the stable `code` of its error body, and each
 * reason with the figures it carries. The server's `message` is English, written for logs; the
 * add-in keeps what it needs to word the refusal in the user's language (see describe.ts).
 */
import type { ErrorBody } from '../../contracts/common';

/** One reason for a refusal; list refusals may give several, each with its own code. */
export interface RefusalReason {
  code: string;
  /** limitReached: entries on the list, and the most allowed. */
  used?: number;
  limit?: number;
  /** expiryTooFar: the longest expiry allowed, in days. */
  maxDays?: number;
}

export interface Refusal {
  /** The HTTP status; null for a refusal stored before statuses were kept. */
  status: number | null;
  /** The error body's code; null when the server (or a proxy in front of it) gave none. */
  code: string | null;
  /** The reasons the body listed (`errors`); empty when it gave only `code`. */
  reasons: RefusalReason[];
}

const FIGURES = ['used', 'limit', 'maxDays'] as const;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function reasonOf(raw: unknown): RefusalReason | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const record = raw as Record<string, unknown>;
  const code = record['code'];
  if (typeof code !== 'string' || code === '') return null;
  const reason: RefusalReason = { code };
  for (const figure of FIGURES) {
    const value = record[figure];
    if (isCount(value)) reason[figure] = value;
  }
  return reason;
}

/** The refusal a response with `status` and (when it was one) an ErrorBody amounts to. */
export function refusalFrom(status: number, body: ErrorBody | null): Refusal {
  const code = typeof body?.code === 'string' && body.code !== '' ? body.code : null;
  const reasons: RefusalReason[] = [];
  for (const raw of body?.errors ?? []) {
    const reason = reasonOf(raw);
    if (reason) reasons.push(reason);
  }
  return { status, code, reasons };
}

/**
 * A refusal read back from storage, whatever shape an earlier version left: anything that is
 * not a refusal reads as one with no status and no code (the add-in then says only that the
 * server did not accept it).
 */
export function readStoredRefusal(raw: unknown): Refusal {
  if (typeof raw !== 'object' || raw === null) return { status: null, code: null, reasons: [] };
  const record = raw as Record<string, unknown>;
  const status = record['status'];
  const code = record['code'];
  const reasons = Array.isArray(record['reasons']) ? record['reasons'].map(reasonOf).filter((r): r is RefusalReason => r !== null) : [];
  return {
    status: typeof status === 'number' && Number.isInteger(status) ? status : null,
    code: typeof code === 'string' && code !== '' ? code : null,
    reasons,
  };
}
