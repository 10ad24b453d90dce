/**
 * A raw header block (as the quarantine stores it) as decoded fields, in order: folded lines
 * joined, and RFC 2047 encoded words (=?utf-8?B?…?=, =?iso-8859-1?Q?…?=) decoded in their
 * charset. Never throws: a word that does not decode stays as it was.
 */
import type { HeaderField } from '../../contracts/submissions';

const MAX_FIELDS = 1000;

function decodeBytes(bytes: Uint8Array, charset: string): string {
  const label = charset.toLowerCase().replace(/\*.*$/, '');
  try {
    return new TextDecoder(label === 'us-ascii' ? 'utf-8' : label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function bytesOfBinary(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) & 0xff;
  return bytes;
}

function decodeWord(charset: string, encoding: string, text: string): string | null {
  try {
    let binary: string;
    if (encoding.toUpperCase() === 'B') {
      const clean = text.replace(/[^A-Za-z0-9+/=]/g, '');
      binary = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, '='));
    } else {
      binary = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
    return decodeBytes(bytesOfBinary(binary), charset);
  } catch {
    return null;
  }
}

const WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** A header value with its encoded words decoded; whitespace between two encoded words goes. */
export function decodeEncodedWords(value: string): string {
  const joined = value.replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)/g, '$1');
  return joined.replace(WORD, (whole, charset: string, encoding: string, text: string) => decodeWord(charset, encoding, text) ?? whole);
}

/** Every header field of the block, in order, unfolded and decoded. */
export function headerFields(raw: string): HeaderField[] {
  const fields: HeaderField[] = [];
  const unfolded = raw.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    if (fields.length >= MAX_FIELDS) break;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) continue;
    // Raw 8-bit header bytes arrive as text already; only the encoded words need decoding.
    fields.push({ name, value: decodeEncodedWords(line.slice(colon + 1).trim()) });
  }
  return fields;
}
