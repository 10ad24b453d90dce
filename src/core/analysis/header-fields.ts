/**
 * The one reader of header fields, for the analyzer and for intake alike (server/mail/
 * header-block.ts): two parsers of one format disagree on hostile input, and deciding which
 * fields sit above the organisation's boundary needs both sides to see the same fields in the
 * same order.
 *
 * Splits a raw header block (or a whole message: we stop at the first empty line) into
 * fields: keeps repeated headers in order, records lines that are not headers instead of
 * throwing, and unfolds a value only when a decoder asks for it. Most of a real header
 * block's bytes are signatures and opaque Microsoft blobs nobody reads, so building their
 * values eagerly would cost more than everything else together.
 *
 * Why not mailsplit's Headers (@zone-eu/mailsplit), the library parser: measured on our
 * fixtures it takes 8–13 µs a block before any field is used, and 15–20 µs once its folded
 * lines are read, against 4 µs here, which would take the analyzer under its 20,000 blocks a
 * second. So this reader stays, and a differential test holds it to the library: on every
 * fixture and on generated well-formed blocks both must read the same fields and values.
 *
 * One forward pass with native indexOf; no backtracking, so the cost is linear.
 */
import type { HeaderField } from './types';
import type { ProblemLog } from './problem-log';

const CRLF = /\r\n/g;
const SP = 32;
const HT = 9;
const CR = 13;

/** A field whose value is cut out of the block (and unfolded) on first use. */
class LazyField implements HeaderField {
  private unfolded: string | undefined;

  constructor(
    readonly name: string,
    readonly lowerName: string,
    private readonly source: string,
    private readonly start: number,
    private readonly end: number,
    readonly index: number,
  ) {}

  /** Unfolded (CRLF + WSP joined, RFC 5322 2.2.3), trimmed. */
  get value(): string {
    if (this.unfolded === undefined) {
      const { source, start, end } = this;
      let nl = source.indexOf('\n', start);
      if (nl === -1 || nl >= end) {
        // One line (most fields): trimmed by index, one slice. (Past ASCII, trim() decides
        // what is white space.)
        let from = start;
        let to = end;
        while (from < to && isAsciiSpace(source.charCodeAt(from))) from++;
        while (to > from && isAsciiSpace(source.charCodeAt(to - 1))) to--;
        const line = source.slice(from, to);
        this.unfolded = from < to && (source.charCodeAt(from) > 127 || source.charCodeAt(to - 1) > 127) ? line.trim() : line;
        return this.unfolded;
      }
      let out = '';
      let last = start;
      while (nl !== -1 && nl < end) {
        out += source.slice(last, nl > last && source.charCodeAt(nl - 1) === CR ? nl - 1 : nl);
        last = nl + 1;
        nl = source.indexOf('\n', last);
      }
      this.unfolded = (out + source.slice(last, end)).trim();
    }
    return this.unfolded;
  }

  /** The value with its line breaks (as LF), for line-oriented formats. */
  get folded(): string {
    return this.source.slice(this.start, this.end).replace(CRLF, '\n').replace(/^[ \t]+/, '').trimEnd();
  }
}

/**
 * Which fields to keep. Without it every field is returned; with it, only fields whose
 * lower-cased name it holds (the others are still checked and counted, never cut out).
 */
export interface FieldFilter {
  /**
   * The lower-cased names by length: most fields are rejected on length alone, the rest by
   * comparing in place, so a field's name is never copied or lower-cased unless it is kept,
   * and a kept field's lowerName is the filter's own constant (cheap to look up by).
   */
  byLength: ReadonlyMap<number, readonly string[]>;
}

export function fieldFilter(names: Iterable<string>): FieldFilter {
  const byLength = new Map<number, string[]>();
  for (const name of new Set([...names].map((n) => n.toLowerCase()))) {
    // keptName's case folding is exact only for these characters.
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`fieldFilter: "${name}" is not a letters-digits-hyphens field name`);
    byLength.set(name.length, [...(byLength.get(name.length) ?? []), name]);
  }
  return { byLength };
}

/**
 * The filter's name equal, ignoring case, to text[from, from + length), if any. Among
 * printable characters (> 32), `| 0x20` lower-cases exactly the letters A-Z and maps nothing
 * else onto a letter, digit or '-' (the only characters a filter name has); control
 * characters could, so they never match.
 */
function keptName(text: string, from: number, candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) {
    let i = 0;
    for (; i < candidate.length; i++) {
      const c = text.charCodeAt(from + i);
      if (c <= 32 || (c | 0x20) !== candidate.charCodeAt(i)) break;
    }
    if (i === candidate.length) return candidate;
  }
  return undefined;
}

export interface SplitResult {
  fields: HeaderField[];
  /** All well-formed fields, kept or not. */
  count: number;
}

export function splitHeaderFields(input: string, log: ProblemLog): HeaderField[] {
  return splitHeaderBlock(input, log, undefined).fields;
}

export function splitHeaderBlock(input: string, log: ProblemLog, filter: FieldFilter | undefined): SplitResult {
  const fields: HeaderField[] = [];
  let count = 0;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const n = text.length;
  let pos = 0;
  // An mbox "From " separator line is not a header.
  if (text.startsWith('From ')) pos = lineEnd(text, 0) + 1;
  let seenField = false;
  // The next ':' at or after pos, searched again only once passed: a block of colon-free
  // garbage must not be scanned to its end once per line.
  let colon = text.indexOf(':');

  while (pos < n) {
    let end = lineEnd(text, pos);
    const first = text.charCodeAt(pos);
    if (end === pos || (first === CR && end === pos + 1)) {
      // Blank lines before the first header are paste noise; after it, the body starts.
      if (seenField) break;
      pos = end + 1;
      continue;
    }
    // The field runs on over continuation lines (those starting with SP or HT).
    while (end + 1 < n) {
      const next = text.charCodeAt(end + 1);
      if (next !== SP && next !== HT) break;
      end = lineEnd(text, end + 1);
    }
    if (first === SP || first === HT) {
      const orphan = text.slice(pos, end).trim();
      if (orphan.length > 0) log.add('(none)', 'continuationWithoutHeader', orphan);
    } else {
      if (colon !== -1 && colon < pos) colon = text.indexOf(':', pos);
      if (colon === -1 || colon >= end || colon === pos) {
        log.add('(none)', 'malformedLine', firstLine(text, pos, end));
      } else {
        // Obsolete syntax allows whitespace before the colon ("Subject :").
        let nameEnd = colon;
        while (nameEnd > pos && isBlank(text.charCodeAt(nameEnd - 1))) nameEnd--;
        // A name the filter keeps is valid by construction (keptName compares printable
        // characters only), so only the other names are checked character by character.
        const candidates = nameEnd === pos ? undefined : filter?.byLength.get(nameEnd - pos);
        const kept = candidates === undefined ? undefined : keptName(text, pos, candidates);
        if (kept === undefined && (nameEnd === pos || !isFieldName(text, pos, nameEnd))) {
          log.add(text.slice(pos, nameEnd), 'invalidHeaderName', firstLine(text, pos, end));
        } else {
          seenField = true;
          count++;
          const lower = filter === undefined ? text.slice(pos, nameEnd).toLowerCase() : kept;
          if (lower !== undefined) {
            const valueEnd = end > colon && text.charCodeAt(end - 1) === CR ? end - 1 : end;
            fields.push(new LazyField(text.slice(pos, nameEnd), lower, text, colon + 1, valueEnd, count - 1));
          }
        }
      }
    }
    pos = end + 1;
  }
  return { fields, count };
}

/** The ASCII characters String.prototype.trim removes: SP, HT, LF, VT, FF, CR. */
function isAsciiSpace(c: number): boolean {
  return c === SP || (c >= HT && c <= CR);
}

function isBlank(c: number): boolean {
  return c === SP || c === HT;
}

/** RFC 5322 ftext: printable US-ASCII except ':' (33-57, 59-126). */
function isFieldName(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 33 || c > 126 || c === 58) return false;
  }
  return true;
}

function firstLine(text: string, pos: number, end: number): string {
  return text.slice(pos, Math.min(lineEnd(text, pos), end)).replace(/\r$/, '');
}

/** Index of the LF ending the line that starts at `from` (or the end of the text). */
function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl;
}
