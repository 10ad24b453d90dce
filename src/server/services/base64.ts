import { badRequest } from './errors';

/**
 * Strict base64 (RFC 4648 §4). Buffer.from() silently skips characters outside the alphabet,
 * which would store a corrupted message; we refuse instead. Line breaks are allowed, as MIME
 * writes them.
 *
 * Checked without a regular expression over the whole text (measurably slow on megabytes): a
 * valid text of length L with p padding characters decodes to exactly 3L/4 - p bytes, and any
 * character Node skips makes the result shorter. Node also accepts the URL-safe '-' and '_',
 * and '=' anywhere, so those are looked for separately.
 */
export function decodeBase64Strict(text: string, field: string): Buffer {
  const compact = text.includes('\n') || text.includes('\r') ? text.replace(/\r?\n/g, '') : text;
  const invalid = () => badRequest('invalid_base64', `${field} is not valid base64`);
  if (compact.length % 4 !== 0 || compact.includes('-') || compact.includes('_')) throw invalid();
  const firstPad = compact.indexOf('=');
  const padding = firstPad === -1 ? 0 : compact.length - firstPad;
  if (padding > 2 || (padding === 2 && compact[compact.length - 1] !== '=')) throw invalid();
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length !== (compact.length / 4) * 3 - padding) throw invalid();
  return bytes;
}
