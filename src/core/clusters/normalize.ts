/**
 * A message's text as the words a fingerprint is made of. What varies between two copies of
 * one mailing (a newsletter's weekly issues, an invoice run, one message sent to many people)
 * is dropped, so that what stays is the template and the words:
 *
 * - case and Unicode forms (NFKC, lower case);
 * - links keep only their host (`news.northwind.example`): paths, query strings and fragments
 *   carry tracking ids, per-recipient tokens and issue numbers;
 * - email addresses keep only their domain (the recipient's own address is personal);
 * - every token with a digit in it (dates, amounts, issue, order and invoice numbers, times,
 *   phone numbers) and the names of months and weekdays (en, da, fr);
 * - punctuation, layout and whitespace (tokens are runs of letters), and one-letter tokens.
 *
 * Pure functions of strings.
 */

/** Tokens kept from the start and from the end of a long text: where templates sit. */
export const EDGE_TOKENS = 1000;

/** Month and weekday names and their common abbreviations in the catalogs' languages. */
const DATE_WORDS: ReadonlySet<string> = new Set([
  // en-US
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  // da-DK
  'januar', 'februar', 'marts', 'maj', 'juni', 'juli', 'oktober',
  'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag',
  // fr-FR
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
  'janv', 'févr', 'juil', 'déc',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
]);

const WHITE_SPACE = /\s+/u;
const LINK_START = /https?:\/\/|www\./;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const DIGIT = /\p{N}/u;
/** The characters a host or mail domain is made of (IDNs included). */
const DOMAIN = /^[\p{L}\p{M}\p{N}.-]+/u;

/** Pushes the words of `text` that are kept: no digits, no date names, two letters or more. */
function pushWords(text: string, into: string[]): void {
  for (const [word] of text.matchAll(WORD)) {
    if (word.length > 1 && !DIGIT.test(word) && !DATE_WORDS.has(word)) into.push(word);
  }
}

/** A host or domain as one token: without `www.`, credentials, port or trailing dots. */
function pushDomain(text: string, into: string[]): void {
  const domain = DOMAIN.exec(text)?.[0].replace(/^\.+|\.+$/g, '') ?? '';
  if (domain.length > 0) into.push(domain.startsWith('www.') ? domain.slice(4) : domain);
}

/** The tokens of one piece of text between white space: a link's domain, an address's domain, or its words. */
function pushPiece(piece: string, tokens: string[]): void {
  if (piece.length === 0) return;
  const link = piece.search(LINK_START);
  if (link !== -1) {
    pushWords(piece.slice(0, link), tokens);
    const rest = piece.slice(link).replace(/^https?:\/\//, '');
    const authority = rest.split(/[/?#\\]/, 1)[0] ?? '';
    pushDomain(authority.slice(authority.lastIndexOf('@') + 1), tokens);
    return;
  }
  const at = piece.lastIndexOf('@');
  if (at !== -1) {
    // The local part is personal (the recipient's own address): only the domain is kept.
    pushDomain(piece.slice(at + 1), tokens);
    return;
  }
  pushWords(piece, tokens);
}

/**
 * The words of `text` that a fingerprint is made of, in order (see the file comment). Linear
 * in the text: it is split at white space first, and each piece is a link, an address, or
 * words, so no pattern can backtrack across a long run of punctuation.
 *
 * A very long text keeps only its head and tail (EDGE_TOKENS each): they carry the template
 * (greeting, masthead, footer, legal lines); the middle is content. Only the pieces those come
 * from are read for words (from the front, then from the back), so a 50 KB newsletter costs
 * what its edges cost; when the two meet, the text is short enough to read whole.
 */
export function fingerprintTokens(text: string): string[] {
  const pieces = text.normalize('NFKC').toLowerCase().split(WHITE_SPACE);
  const head: string[] = [];
  let next = 0;
  for (; next < pieces.length && head.length < EDGE_TOKENS; next++) pushPiece(pieces[next] ?? '', head);
  // The tail, piece by piece from the end, each piece's tokens in their order.
  const tail: string[][] = [];
  let tailCount = 0;
  let last = pieces.length - 1;
  for (; last >= next && tailCount < EDGE_TOKENS; last--) {
    const own: string[] = [];
    pushPiece(pieces[last] ?? '', own);
    tail.push(own);
    tailCount += own.length;
  }
  const tailTokens = tail.reverse().flat();
  if (tailCount < EDGE_TOKENS) {
    // Head and tail met: every piece was read once, in order.
    const tokens = [...head, ...tailTokens];
    if (tokens.length <= 2 * EDGE_TOKENS) return tokens;
    return [...tokens.slice(0, EDGE_TOKENS), ...tokens.slice(tokens.length - EDGE_TOKENS)];
  }
  // The pieces between (from `next` to `last`) are the middle: their words would be dropped anyway.
  return [...head.slice(0, EDGE_TOKENS), ...tailTokens.slice(tailTokens.length - EDGE_TOKENS)];
}

/** Elements whose content is not text a reader sees. */
const DROPPED_ELEMENTS: ReadonlyMap<string, RegExp> = new Map(
  ['script', 'style', 'head', 'title', 'template', 'noscript'].map((name) => [name, new RegExp(`</${name}`, 'gi')]),
);
const TAG_NAME = /^<\s*([a-z][a-z0-9]*)/i;
const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', trade: '™',
  ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“',
  aelig: 'æ', oslash: 'ø', aring: 'å', AElig: 'Æ', Oslash: 'Ø', Aring: 'Å', eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç', euro: '€',
};

function decodeEntity(whole: string, body: string): string {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  }
  return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
}

/**
 * The readable text of an HTML part, for a message without a plain-text one: comments and
 * the content of scripts, styles and the head dropped, tags as spaces, entities decoded. Good
 * enough for a fingerprint (it is never shown to anyone), a fraction of the cost of a full
 * HTML parser, and linear: one scan, whatever is unterminated.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open === -1) {
      parts.push(html.slice(at));
      break;
    }
    parts.push(html.slice(at, open), ' ');
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      at = end === -1 ? html.length : end + 3;
      continue;
    }
    const close = html.indexOf('>', open + 1);
    if (close === -1) break; // an unterminated tag: nothing after it is text
    at = close + 1;
    const name = TAG_NAME.exec(html.slice(open, Math.min(close, open + 32)))?.[1]?.toLowerCase();
    const endTag = name === undefined ? undefined : DROPPED_ELEMENTS.get(name);
    if (endTag !== undefined) {
      endTag.lastIndex = at;
      const end = endTag.exec(html)?.index ?? -1;
      const endClose = end === -1 ? -1 : html.indexOf('>', end);
      at = endClose === -1 ? html.length : endClose + 1;
    }
  }
  return parts.join('').replace(ENTITY, (whole: string, body: string) => decodeEntity(whole, body));
}
