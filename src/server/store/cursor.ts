/**
 * Keyset paging: a cursor names the last row of the previous page by (created time, id), so a
 * page never skips or repeats rows when new ones arrive. Opaque to clients (base64url JSON).
 */
export interface CursorPosition {
  t: string;
  id: string;
  /** The row's rowid, where a listing runs in rowid order (a subject search on SQLite). */
  r?: number;
}

export class BadCursorError extends Error {}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof value === 'object' && value !== null &&
      typeof (value as CursorPosition).t === 'string' && typeof (value as CursorPosition).id === 'string'
    ) {
      const r = (value as CursorPosition).r;
      return { t: (value as CursorPosition).t, id: (value as CursorPosition).id, ...(Number.isSafeInteger(r) ? { r: r as number } : {}) };
    }
  } catch {
    // fall through
  }
  throw new BadCursorError('cursor is not one this server issued');
}
