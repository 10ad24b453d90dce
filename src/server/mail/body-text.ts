/**
 * The readable text of a message, for its fingerprint (core/clusters): the text/plain parts,
 * or the text/html parts as text when a message has no plain one. Attachments and attached
 * messages are skipped.
 *
 * A small MIME walker instead of mailparser: a fingerprint needs only the text, and mailparser
 * builds every part, attachment and address object (several times the cost on a 50 KB
 * newsletter). It never throws: what it cannot read is no text.
 *
 * Runs on the fingerprint thread (fingerprint-worker.mts), so it imports only what that
 * thread can load as it is: node: modules and core/clusters, written in erasable TypeScript.
 */
import { fingerprintText, signatureToBytes } from '../../core/clusters/fingerprint';
import { htmlToText } from '../../core/clusters/normalize';

/** Decoded text read from one message at most; the fingerprint keeps its head and tail anyway. */
const MAX_TEXT_BYTES = 4 * 1024 * 1024;
const MAX_DEPTH = 8;
const MAX_PARTS = 200;

interface Entity {
  contentType: string;
  params: Record<string, string>;
  encoding: string;
  attachment: boolean;
  /** Offsets of the body in the message (a latin1 string: one character per byte). */
  bodyStart: number;
  bodyEnd: number;
}

interface Collected {
  plain: string[];
  html: string[];
  bytes: number;
  parts: number;
}

/** `name=value; name2="quoted"` parameters of a header value, names lower-cased. */
function parameters(value: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of value.matchAll(/;\s*([A-Za-z0-9_.*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g)) {
    const name = (m[1] ?? '').toLowerCase().replace(/\*0?\*?$/, '');
    const raw = m[2] ?? '';
    params[name] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw.replace(/^[^']*'[^']*'/, '');
  }
  return params;
}

function headerEnd(message: string, start: number, end: number): { headersEnd: number; bodyStart: number } {
  const crlf = message.indexOf('\r\n\r\n', start);
  const lf = message.indexOf('\n\n', start);
  const candidates = [crlf === -1 || crlf >= end ? undefined : { headersEnd: crlf, bodyStart: crlf + 4 }, lf === -1 || lf >= end ? undefined : { headersEnd: lf, bodyStart: lf + 2 }];
  const found = candidates.filter((c) => c !== undefined).sort((a, b) => a.headersEnd - b.headersEnd)[0];
  // Starts with a blank line: no headers, all body. No blank line at all: all headers.
  if (message.startsWith('\r\n', start)) return { headersEnd: start, bodyStart: start + 2 };
  if (message.startsWith('\n', start)) return { headersEnd: start, bodyStart: start + 1 };
  return found ?? { headersEnd: end, bodyStart: end };
}

function entityAt(message: string, start: number, end: number): Entity {
  const { headersEnd, bodyStart } = headerEnd(message, start, end);
  const fields = new Map<string, string>();
  for (const line of message.slice(start, headersEnd).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  const type = fields.get('content-type') ?? 'text/plain';
  const disposition = (fields.get('content-disposition') ?? '').toLowerCase();
  return {
    contentType: (type.split(';', 1)[0] ?? '').trim().toLowerCase() || 'text/plain',
    params: parameters(type),
    encoding: (fields.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase(),
    attachment: disposition.startsWith('attachment'),
    bodyStart,
    bodyEnd: end,
  };
}

/** Quoted-printable to bytes (RFC 2045 §6.7): soft line breaks joined, `=XX` decoded. */
function fromQuotedPrintable(body: string): Buffer {
  const joined = body.replace(/=\r?\n/g, '');
  const decoded = joined.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(decoded, 'latin1');
}

function decodedBytes(body: string, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(body, 'base64');
  if (encoding === 'quoted-printable') return fromQuotedPrintable(body);
  return Buffer.from(body, 'latin1');
}

/** Bytes in a charset as text; an unknown charset is read as UTF-8 (replacement characters at worst). */
function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').trim().toLowerCase() || 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function walk(message: string, start: number, end: number, depth: number, into: Collected): void {
  if (depth > MAX_DEPTH || into.parts >= MAX_PARTS || into.bytes >= MAX_TEXT_BYTES) return;
  into.parts++;
  const entity = entityAt(message, start, end);
  if (entity.contentType.startsWith('multipart/')) {
    const boundary = entity.params['boundary'];
    if (boundary === undefined || boundary.length === 0) return;
    const delimiter = `--${boundary}`;
    let at = message.indexOf(delimiter, entity.bodyStart);
    while (at !== -1 && at < end) {
      if (message.startsWith('--', at + delimiter.length)) return; // the closing delimiter
      const partStart = message.indexOf('\n', at) + 1;
      if (partStart === 0 || partStart >= end) return;
      const next = message.indexOf(`\n${delimiter}`, partStart);
      const partEnd = next === -1 || next >= end ? end : next;
      walk(message, partStart, partEnd, depth + 1, into);
      at = next === -1 ? -1 : next + 1;
    }
    return;
  }
  if (entity.attachment || (entity.contentType !== 'text/plain' && entity.contentType !== 'text/html')) return;
  const body = message.slice(entity.bodyStart, Math.min(entity.bodyEnd, entity.bodyStart + MAX_TEXT_BYTES * 2));
  const text = decodeCharset(decodedBytes(body, entity.encoding), entity.params['charset']);
  into.bytes += text.length;
  (entity.contentType === 'text/plain' ? into.plain : into.html).push(text);
}

/** The readable text of a whole RFC 5322 message ('' when it has none). */
export function messageText(raw: Uint8Array): string {
  try {
    const message = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
    const collected: Collected = { plain: [], html: [], bytes: 0, parts: 0 };
    walk(message, 0, message.length, 0, collected);
    if (collected.plain.some((t) => t.trim().length > 0)) return collected.plain.join('\n');
    return collected.html.map(htmlToText).join('\n');
  } catch {
    return '';
  }
}

/** What the fingerprint thread answers for one message. */
export interface MessageFingerprint {
  /** signatureToBytes of the MinHash signature; undefined when the message has no text. */
  signature: Uint8Array | undefined;
  shingles: number;
}

export function messageFingerprint(raw: Uint8Array): MessageFingerprint {
  const fingerprint = fingerprintText(messageText(raw));
  return fingerprint === undefined ? { signature: undefined, shingles: 0 } : { signature: signatureToBytes(fingerprint.signature), shingles: fingerprint.shingles };
}
