import { BadCursorError, decodeCursor, type CursorPosition } from '../store/cursor';
import { badRequest } from './errors';

/** A `cursor` query parameter as a position, or a clear 400 when we did not issue it. */
export function cursorPosition(cursor: string | undefined): CursorPosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    return decodeCursor(cursor);
  } catch (error) {
    if (error instanceof BadCursorError) throw badRequest('invalid_cursor', error.message);
    throw error;
  }
}
