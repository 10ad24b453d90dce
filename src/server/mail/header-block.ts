/**
 * The internet header block of a message, and its fields. Fields are read by the one header
 * reader the analyzer uses too (core/analysis/header-fields.ts, on mailsplit), so intake and
 * analysis always agree on which fields a message has and in which order.
 */
import type { HeaderField } from '../../contracts/submissions';
import { splitHeaderFields } from '../../core/analysis/header-fields';
import { ProblemLog } from '../../core/analysis/problem-log';

/** RFC 5322 §2.1: the header section ends at the first empty line. */
export function headerBlockOf(message: Buffer): string {
  const crlf = message.indexOf('\r\n\r\n');
  const lf = message.indexOf('\n\n');
  const candidates = [crlf === -1 ? Infinity : crlf + 2, lf === -1 ? Infinity : lf + 1];
  const end = Math.min(...candidates);
  const block = end === Infinity ? message : message.subarray(0, end);
  return block.toString('utf8');
}

/** Unfolded fields in message order; lines that are not `name: value` are skipped. */
export function headerFields(block: string): HeaderField[] {
  return splitHeaderFields(block, new ProblemLog()).map((field) => ({ name: field.name, value: field.value }));
}
