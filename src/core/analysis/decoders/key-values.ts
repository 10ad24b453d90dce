/**
 * `key=value` words (Authentication-Results, Received-SPF) and `KEY:value;` lists (Microsoft's
 * headers), read by index with as few copies as possible, plus case helpers that do not copy
 * a name that is already in the wanted case.
 */

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

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
