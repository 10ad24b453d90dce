/**
 * How the store indexes text for search (the subject's full-text index). The text is folded
 * (compatibility forms unified with NFKC, lower case, accents dropped: "Köln", "KÖLN" and
 * "koln" are one word) and cut into words of letters and digits here, once, so SQLite's FTS5
 * and PostgreSQL's parser see the same words: left to itself, PostgreSQL keeps "-118" and
 * "a.b" as words. Letters that are not a base letter plus an accent (æ, ø, ß) stay as they are.
 */
const COMBINING_MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
}

/** The words of `text` as the index holds them. */
export function searchWordsOf(text: string): string[] {
  return foldForSearch(text).match(WORD) ?? [];
}

/** What the index reads for a subject: its words, one space apart. */
export function searchableText(text: string): string {
  return searchWordsOf(text).join(' ');
}
