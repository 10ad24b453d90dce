import { badRequest } from './errors';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Strict base64 (RFC 4648 §4). Buffer.from() silently skips bad characters, which would store
 * a corrupted message; we refuse instead. Line breaks are allowed, as MIME writes them.
 */
export function decodeBase64Strict(text: string, field: string): Buffer {
  const compact = text.includes('\n') || text.includes('\r') ? text.replace(/\r?\n/g, '') : text;
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw badRequest('invalid_base64', `${field} is not valid base64`);
  }
  return Buffer.from(compact, 'base64');
}
