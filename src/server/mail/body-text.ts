/**
 * The readable text of a message, for its fingerprint (core/clusters): the text/plain parts,
 * or the text/html parts as text when a message has no plain one. Attachments and attached
 * messages are skipped.
 *
 * Mail is parsed by a library, never by hand: the MIME structure by mailsplit (@zone-eu/
 * mailsplit, the streaming splitter under mailparser, kept up for hostile mail). Its Splitter
 * finds the parts (headers, parameters, boundaries, nesting, unclosed multiparts), each part's
 * MimeNode says its type, disposition and charset and gives the decoder of its transfer
 * encoding (libbase64, libqp). Text is read in its charset by the WHATWG decoder (TextDecoder,
 * as a browser or mail client reads it), and by libmime when the label is not a WHATWG one.
 * Not mailparser itself: a fingerprint needs only the text, and mailparser builds every part,
 * attachment and address object (several times the cost on a 50 KB newsletter). Here the
 * bytes of attachments are passed over, never decoded, and the HTML parts are decoded only
 * when there is no plain text. A message of one part is not split into lines at all: its body
 * is what follows the header block the splitter read. The splitter is a stream, so this is
 * asynchronous (the fingerprint thread awaits it).
 *
 * Bounded: at most MAX_TEXT_BYTES of encoded text are decoded, text parts deeper than
 * MAX_DEPTH are not read, and a message of more than MAX_PARTS parts is read up to there (the
 * splitter stops). It never throws nor rejects: what it cannot read is no text.
 *
 * Runs on the fingerprint thread (fingerprint-worker.mts), so it imports only what that
 * thread can load as it is: node: modules, npm packages and core/clusters, written in
 * erasable TypeScript.
 */
import type { Transform } from 'node:stream';
import { Splitter } from '@zone-eu/mailsplit';
import type { ContentStream, MimeNode, SplitterChunk } from '@zone-eu/mailsplit';
import { decode as decodeWithLibmime } from 'libmime/lib/charset';
import { fingerprintText, signatureToBytes } from '../../core/clusters/fingerprint';
import { htmlToText } from '../../core/clusters/normalize';

/** Encoded text read from one message at most (its decoded text is no longer); the fingerprint keeps its head and tail anyway. */
const MAX_TEXT_BYTES = 4 * 1024 * 1024;
/** Text parts nested deeper than this (the message itself is 0) are not read. */
const MAX_DEPTH = 8;
/** Parts of a message read at most (the splitter stops after them). */
const MAX_PARTS = 200;
/** The message goes to the splitter in pieces, each twice the one before (see textParts). */
const FIRST_PIECE_BYTES = 1024;
const MAX_PIECE_BYTES = 64 * 1024;

interface TextPart {
  node: MimeNode;
  html: boolean;
  /** The part's body as it is in the message (transfer-encoded): views of the message's bytes. */
  body: Buffer[];
}

/** Bytes in a charset as text. An unknown charset is read as UTF-8 (replacement characters at worst). */
function decodeCharset(bytes: Buffer, charset: string | false): string {
  const label = (charset || 'utf-8').trim().toLowerCase() || 'utf-8';
  let decoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    // Not a WHATWG label (cp850, win-1257, …): libmime knows more names, and reads what it does not know as UTF-8.
    return decodeWithLibmime(bytes, label);
  }
  return decoder.decode(bytes);
}

function depthOf(node: MimeNode): number {
  let depth = 0;
  for (let parent = node.parentNode; parent !== false; parent = parent.parentNode) depth++;
  return depth;
}

/** A text/plain or text/html part, not an attachment, not too deep: whether its text is read. */
function isReadableText(node: MimeNode): boolean {
  if (node.multipart !== false || node.disposition === 'attachment') return false;
  const type = node.contentType || 'text/plain';
  return (type === 'text/plain' || type === 'text/html') && depthOf(node) <= MAX_DEPTH;
}

/** A part's text: its body through the decoder of its transfer encoding, read in its charset ('' when that fails). */
function decodedText(part: TextPart): Promise<string> {
  return new Promise((resolve) => {
    try {
      const decoder: ContentStream = part.node.getDecoder();
      const chunks: Buffer[] = [];
      decoder.on('data', (chunk: Buffer) => chunks.push(chunk));
      decoder.on('end', () => {
        try {
          resolve(decodeCharset(Buffer.concat(chunks), part.node.charset));
        } catch {
          resolve('');
        }
      });
      decoder.on('error', () => resolve(''));
      for (const piece of part.body) decoder.write(piece);
      decoder.end();
    } catch {
      resolve('');
    }
  });
}

/**
 * The text parts of a message, in order, with their bodies still encoded (only those whose text
 * is used are decoded); those found before an error when the splitter stops on one.
 */
function textParts(message: Buffer): Promise<TextPart[]> {
  return new Promise((resolve) => {
    const parts: TextPart[] = [];
    let open: TextPart | undefined;
    let fed = 0;
    let done = false;
    // An attached message/rfc822 is a part like an attachment (not read), not a message to walk into.
    const splitter = new Splitter({ ignoreEmbedded: true, maxChildNodes: MAX_PARTS });
    // (Its typings declare only 'data' listeners; it is a Transform stream like any other.)
    const stream = splitter as unknown as Transform;

    const finish = (): void => {
      if (done) return;
      done = true;
      // Not destroyed: it is handed no more input, and what it already has is soon split.
      // (Destroyed mid-piece, it would make an error object to discard for the piece.)
      resolve(parts);
    };
    const take = (body: Buffer): void => {
      if (open === undefined) return;
      const room = MAX_TEXT_BYTES - fed;
      const value = body.length > room ? body.subarray(0, room) : body;
      fed += value.length;
      open.body.push(value);
      if (fed >= MAX_TEXT_BYTES) finish();
    };

    splitter.on('data', (chunk: SplitterChunk) => {
      if (done) return;
      try {
        if (chunk.type === 'node') {
          // A part's body ends where the next part (or a delimiter of a part above it) begins.
          open = undefined;
          if (isReadableText(chunk)) {
            open = { node: chunk, html: (chunk.contentType || 'text/plain') === 'text/html', body: [] };
            parts.push(open);
          }
          if (chunk.root && chunk.multipart === false) {
            // A message of one part: all that follows its header block (_headerlen bytes, as the
            // splitter counted them) is its body, with no delimiter to look for. Taken whole
            // rather than split into lines, which is most of the splitter's work.
            take(message.subarray(chunk._headerlen));
            finish();
          }
        } else if (chunk.type === 'body' && open !== undefined && chunk.node === open.node) {
          take(chunk.value);
        }
        // Anything else is a multipart's preamble, delimiters and epilogue, or the body of a
        // part that is not read: passed over, never decoded.
      } catch {
        finish();
      }
    });
    stream.on('end', finish);
    // Too many parts, a header block too large, …: the parts found until then.
    stream.on('error', finish);

    // Written in pieces, so that a splitter stopped early (a message of one part) has not been
    // handed the rest of the message to split: small at first, where the header block ends.
    // Each is written once the one before is split (none wait in the stream to be discarded).
    let at = 0;
    let piece = FIRST_PIECE_BYTES;
    const writeNext = (error?: Error | null): void => {
      if (done || error) return;
      if (at >= message.length) {
        stream.end();
        return;
      }
      const next = message.subarray(at, at + piece);
      at += piece;
      piece = Math.min(piece * 2, MAX_PIECE_BYTES);
      stream.write(next, writeNext);
    };
    writeNext();
  });
}

/** The readable text of a whole RFC 5322 message ('' when it has none). Never rejects. */
export async function messageText(raw: Uint8Array): Promise<string> {
  try {
    const parts = await textParts(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
    const plain = await Promise.all(parts.filter((p) => !p.html).map(decodedText));
    if (plain.some((t) => t.trim().length > 0)) return plain.join('\n');
    // No plain text: the HTML parts (only now decoded), as text.
    const html = await Promise.all(parts.filter((p) => p.html).map(decodedText));
    return html.map(htmlToText).join('\n');
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

export async function messageFingerprint(raw: Uint8Array): Promise<MessageFingerprint> {
  const fingerprint = fingerprintText(await messageText(raw));
  return fingerprint === undefined ? { signature: undefined, shingles: 0 } : { signature: signatureToBytes(fingerprint.signature), shingles: fingerprint.shingles };
}
