/**
 * Structured header values are lists whose separators may also sit inside (comments),
 * "quoted strings" or [brackets]: split them where the separator really separates, and pull
 * the comments out. Each is a single linear scan, so header soup cannot make them slow.
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
