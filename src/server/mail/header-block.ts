/**
 * The internet header block of a message, and its fields. Field parsing (folding, repeated
 * fields) is mailsplit's, the library behind mailparser; we only find where headers end.
 */
import { Headers } from 'mailsplit';
import type { HeaderField } from '../../contracts/submissions';

/** RFC 5322 §2.1: the header section ends at the first empty line. */
export function headerBlockOf(message: Buffer): string {
  const crlf = message.indexOf('\r\n\r\n');
  const lf = message.indexOf('\n\n');
  const candidates = [crlf === -1 ? Infinity : crlf + 2, lf === -1 ? Infinity : lf + 1];
  const end = Math.min(...candidates);
  const block = end === Infinity ? message : message.subarray(0, end);
  return block.toString('utf8');
}

const FIELD_NAME = /^[!-9;-~]+$/;

/** Unfolded fields in message order; lines that are not `name: value` are skipped. */
export function headerFields(block: string): HeaderField[] {
  const lines = new Headers(Buffer.from(block, 'utf8')).getList();
  const fields: HeaderField[] = [];
  for (const { line } of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    if (!FIELD_NAME.test(name)) continue;
    const value = line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    fields.push({ name, value });
  }
  return fields;
}
