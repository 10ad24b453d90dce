/** RFC 2047 encoded words, decoded by libmime; garbage is recorded, never thrown. */
import libmime from 'libmime';
import type { ProblemLog } from './problem-log';

export function decodeEncodedWords(value: string, header: string, log: ProblemLog): string {
  if (!value.includes('=?')) return value;
  try {
    return libmime.decodeWords(value);
  } catch (error) {
    log.add(header, 'badEncodedWord', error instanceof Error ? error.message : String(error));
    return value;
  }
}
