/**
 * Small lexical helpers shared by the structured-header decoders: splitting on a
 * separator outside comments, quotes and brackets; pulling comments out; finding IPs.
 * Each is a single linear scan so header soup cannot make them slow.
 */

export interface SplitResult {
  segments: string[];
  /** A comment, quoted string or bracket was still open at the end of the value. */
  unterminated: boolean;
}

/** Splits on `separator` where it is not inside (comments), "quotes" or [brackets]. */
export function splitTopLevel(value: string, separator: string): SplitResult {
  if (!value.includes('"') && !value.includes('[')) return splitOutsideComments(value, separator);
  const sep = separator.charCodeAt(0);
  const segments: string[] = [];
  let depthParen = 0;
  let depthBracket = 0;
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 92 /* \ */ && (inQuote || depthParen > 0)) {
      i++;
      continue;
    }
    if (inQuote) {
      if (c === 34) inQuote = false;
      continue;
    }
    if (c === 40 /* ( */) depthParen++;
    else if (c === 41 /* ) */ && depthParen > 0) depthParen--;
    else if (depthParen > 0) continue;
    else if (c === 34) inQuote = true;
    else if (c === 91 /* [ */) depthBracket++;
    else if (c === 93 /* ] */ && depthBracket > 0) depthBracket--;
    else if (c === sep && depthBracket === 0) {
      pushTrimmed(segments, value.slice(start, i));
      start = i + 1;
    }
  }
  pushTrimmed(segments, value.slice(start));
  return { segments, unterminated: depthParen > 0 || depthBracket > 0 || inQuote };
}

/**
 * The common case (no quotes, no brackets): jump from separator to separator with
 * indexOf, walking character by character only through comments.
 */
function splitOutsideComments(value: string, separator: string): SplitResult {
  const segments: string[] = [];
  const n = value.length;
  let start = 0;
  let pos = 0;
  // Next separator and next "(" at or after pos, found again only once passed, so that a
  // character that never comes is not searched for again and again (that would be quadratic).
  let sep = value.indexOf(separator);
  let open = value.indexOf('(');
  while (pos < n) {
    if (sep !== -1 && sep < pos) sep = value.indexOf(separator, pos);
    if (open !== -1 && open < pos) open = value.indexOf('(', pos);
    if (open !== -1 && (sep === -1 || open < sep)) {
      const after = commentEnd(value, open);
      if (after === -1) {
        pushTrimmed(segments, value.slice(start));
        return { segments, unterminated: true };
      }
      pos = after;
      continue;
    }
    if (sep === -1) break;
    pushTrimmed(segments, value.slice(start, sep));
    start = sep + 1;
    pos = start;
  }
  pushTrimmed(segments, value.slice(start));
  return { segments, unterminated: false };
}

/**
 * The index just past the ')' that closes the comment opened at `open` (nested comments and
 * backslash escapes respected), or -1 when the value ends first.
 */
function commentEnd(value: string, open: number): number {
  let depth = 1;
  let i = open + 1;
  for (; i < value.length && depth > 0; i++) {
    const c = value.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 40) depth++;
    else if (c === 41) depth--;
  }
  return depth === 0 ? i : -1;
}

function pushTrimmed(into: string[], piece: string): void {
  const t = piece.trim();
  if (t.length > 0) into.push(t);
}

export interface Uncommented {
  text: string;
  comments: string[];
}

/** Removes RFC 5322 comments (nested, with escapes) and returns them separately. */
export function stripComments(value: string): Uncommented {
  let open = value.indexOf('(');
  if (open === -1) return { text: value.trim(), comments: [] };
  // A quoted string may hold a "(": take the careful path when there are quotes.
  if (value.includes('"')) return stripCommentsQuoted(value);
  const comments: string[] = [];
  let text = '';
  let last = 0;
  const n = value.length;
  while (open !== -1) {
    text += `${value.slice(last, open)} `;
    const after = commentEnd(value, open);
    const closed = after !== -1;
    const inner = value.slice(open + 1, closed ? after - 1 : n);
    const comment = (inner.includes('\\') ? inner.replace(/\\(.)/g, '$1') : inner).trim();
    if (comment.length > 0 || closed) comments.push(comment);
    last = closed ? after : n;
    open = last < n ? value.indexOf('(', last) : -1;
  }
  text += value.slice(last);
  // Removing a comment can leave two spaces; every caller splits on runs of whitespace.
  return { text: text.trim(), comments };
}

/** The character-by-character version, aware of quoted strings. */
function stripCommentsQuoted(value: string): Uncommented {
  let text = '';
  const comments: string[] = [];
  let depth = 0;
  let inQuote = false;
  let comment = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    if (depth > 0) {
      if (ch === '\\' && i + 1 < value.length) {
        comment += value[++i] ?? '';
      } else if (ch === '(') {
        depth++;
        comment += ch;
      } else if (ch === ')') {
        depth--;
        if (depth === 0) {
          comments.push(comment.trim());
          comment = '';
          text += ' ';
        } else comment += ch;
      } else comment += ch;
      continue;
    }
    if (ch === '"') inQuote = !inQuote;
    if (ch === '(' && !inQuote) {
      depth = 1;
      continue;
    }
    text += ch;
  }
  if (depth > 0 && comment.trim().length > 0) comments.push(comment.trim());
  return { text: text.replace(/\s+/g, ' ').trim(), comments };
}

export interface KeyValue {
  key: string;
  value: string;
}

/**
 * Reads `key=value` words separated by whitespace; values may be "quoted". Words without
 * `=` are returned with an empty key so callers can tell garbage from data.
 */
export function readKeyValues(text: string): KeyValue[] {
  const out: KeyValue[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 61) i++;
    const key = text.slice(start, i);
    if (i < n && text.charCodeAt(i) === 61) {
      i++;
      let value: string;
      if (text.charCodeAt(i) === 34) {
        const close = text.indexOf('"', i + 1);
        const end = close === -1 ? n : close;
        value = text.slice(i + 1, end);
        i = close === -1 ? n : close + 1;
      } else {
        const vs = i;
        while (i < n && !isSpace(text.charCodeAt(i))) i++;
        value = text.slice(vs, i);
      }
      out.push({ key, value });
    } else {
      out.push({ key: '', value: key });
    }
  }
  return out;
}

/** `s` lower-cased, without a copy when it already is (nearly always in stamped headers). */
export function lowerCased(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return s.toLowerCase();
  }
  return s;
}

/** `s` upper-cased, without a copy when it already is. */
export function upperCased(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c > 127) return s.toUpperCase();
  }
  return s;
}

/**
 * A table of names that maps each to itself. A name cut out of a header is a fresh string,
 * and V8 interns a fresh string on every keyed property access; swapping it for the table's
 * constant first made the keyed decoders several times faster. Unknown names pass through.
 */
export function nameTable(names: readonly string[]): (name: string) => string {
  const table = new Map(names.map((n) => [n, n]));
  return (name) => table.get(name) ?? name;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6_CHARS = /^[0-9A-Fa-f:.]+$/;

/** Is this whole token an IP address? IPv6 needs '::' or 3+ colons, so times never match. */
export function isIpAddress(token: string): boolean {
  if (IPV4.test(token)) return true;
  if (token.length < 3 || token.length > 45 || !IPV6_CHARS.test(token)) return false;
  let colons = 0;
  for (let i = 0; i < token.length; i++) if (token.charCodeAt(i) === 58) colons++;
  return colons >= 3 || (colons >= 2 && token.includes('::'));
}

const IPV4_IN_TEXT = /(?:^|[^\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.]*\d)/g;
// Starts where no letter, digit or colon precedes, so "IPv6:2001:db8::1" yields the address.
const IPV6_IN_TEXT = /(?<![0-9A-Za-z:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f.]{0,39}){2,}/g;

/** The first IP address in `text` (IPv4 first; brackets, parens, "IPv6:" prefixes are fine). */
export function findIp(text: string): string | undefined {
  if (text.length > 2000) text = text.slice(0, 2000);
  IPV4_IN_TEXT.lastIndex = 0;
  for (let m = IPV4_IN_TEXT.exec(text); m !== null; m = IPV4_IN_TEXT.exec(text)) {
    if (m[1] !== undefined && IPV4.test(m[1])) return m[1];
  }
  if (!text.includes(':')) return undefined;
  if (text.includes('IPv6:') || text.includes('ipv6:')) text = text.replace(/ipv6:/gi, ' ');
  IPV6_IN_TEXT.lastIndex = 0;
  for (let m = IPV6_IN_TEXT.exec(text); m !== null; m = IPV6_IN_TEXT.exec(text)) {
    const candidate = m[0].endsWith('.') ? m[0].slice(0, -1) : m[0];
    if (isIpAddress(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Walks a `KEY:value;` list (Microsoft's headers) by index: blanks are trimmed without copies,
 * and only the tokens `keep` names are cut out, so long opaque tokens are never copied.
 * `keep` gets the key as written and returns the name to store it under (a constant from a
 * nameTable), or undefined to skip the token. Returns how many tokens had a key.
 */
export function scanColonTokens(
  value: string,
  keep: (key: string) => string | undefined,
  onToken: (name: string, value: string, text: string) => void,
  onBad: (text: string) => void,
): number {
  const n = value.length;
  let start = 0;
  let count = 0;
  // The next ':' is searched for again only once passed: a list of colon-free tokens must
  // not be scanned to its end once per token (quadratic).
  let colon = value.indexOf(':');
  while (start < n) {
    let end = value.indexOf(';', start);
    if (end === -1) end = n;
    if (colon !== -1 && colon < start) colon = value.indexOf(':', start);
    const keyStart = skipBlanks(value, start, end);
    // The whole token, trimmed: the evidence text.
    const textEnd = trimBlanksEnd(value, keyStart, end);
    if (colon === -1 || colon > end) {
      if (textEnd > keyStart) onBad(value.slice(keyStart, textEnd));
    } else {
      count++;
      // ":value" has an empty key: counted, never kept (no decoder reads a nameless token).
      const name = colon === keyStart ? undefined : keep(value.slice(keyStart, trimBlanksEnd(value, keyStart, colon)));
      if (name !== undefined) {
        const valueStart = skipBlanks(value, colon + 1, end);
        onToken(name, value.slice(valueStart, trimBlanksEnd(value, valueStart, end)), value.slice(keyStart, textEnd));
      }
    }
    start = end + 1;
  }
  return count;
}

function skipBlanks(text: string, from: number, to: number): number {
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  return from;
}

function trimBlanksEnd(text: string, from: number, to: number): number {
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  return to;
}

/** Parses a decimal number the way filters write them ("7.9", "-0.50", "+1"), else undefined. */
export function parseNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Parses an integer within [min, max], else undefined. */
export function parseIntIn(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !/^\s*[+-]?\d{1,3}\s*$/.test(text)) return undefined;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : undefined;
}

/**
 * Loopback, private and link-local addresses: hops inside the receiving site, never the
 * sender. (The documentation ranges 192.0.2/24, 198.51.100/24, 203.0.113/24 count as public.)
 */
export function isInternalIp(ip: string): boolean {
  const lower = ip.toLowerCase();
  if (lower.includes(':')) {
    return lower === '::1' || lower.startsWith('fe80:') || lower.startsWith('fc') || lower.startsWith('fd');
  }
  const [a = 0, b = 0] = lower.split('.').map(Number);
  return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}
