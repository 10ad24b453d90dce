/**
 * fingerprintTokens reads only the pieces its head and tail come from; its answer must be what
 * reading every piece and keeping EDGE_TOKENS from each end gives. The reference reads a text
 * in short chunks (split at white space, each well under 2 × EDGE_TOKENS tokens, so each is
 * answered whole) and keeps the edges of all of them together.
 */
import fc from 'fast-check';
import { EDGE_TOKENS, fingerprintTokens } from '../../../src/core/clusters';

function reference(text: string): string[] {
  const words = text.split(/(\s+)/);
  const all: string[] = [];
  for (let i = 0; i < words.length; i += 200) all.push(...fingerprintTokens(words.slice(i, i + 200).join('')));
  return all.length <= 2 * EDGE_TOKENS ? all : [...all.slice(0, EDGE_TOKENS), ...all.slice(all.length - EDGE_TOKENS)];
}

const piece = fc.oneof(
  fc.constantFrom('the', 'garden', 'club', 'meets', 'on', 'Thursday', 'a', 'x', '2026', 'Løsning', 'été', 'unsubscribe', '—', '...', 'invoice#4411'),
  fc.constantFrom('https://news.example/a?b=1', 'www.shop.example/x', 'anna@contoso.example', 'mailto:bo@example.org', '<b>bold</b>'),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const space = fc.constantFrom(' ', '  ', '\n', '\t', '\r\n', '\u00a0 ');

describe('fingerprintTokens reads only the edges of a long text', () => {
  test('the same tokens as reading it all, for texts short, at the edge size, and long', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, space), { minLength: 0, maxLength: 6000 }), (parts) => {
        const text = parts.map(([word, gap]) => word + gap).join('');
        expect(fingerprintTokens(text)).toEqual(reference(text));
      }),
      { numRuns: 150 },
    );
  });

  test('exactly 2 × EDGE_TOKENS words, and one more', () => {
    for (const count of [2 * EDGE_TOKENS - 1, 2 * EDGE_TOKENS, 2 * EDGE_TOKENS + 1]) {
      const words = Array.from({ length: count }, (_, i) => `q${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}z`);
      const tokens = fingerprintTokens(words.join(' '));
      expect(tokens).toEqual(count <= 2 * EDGE_TOKENS ? words : [...words.slice(0, EDGE_TOKENS), ...words.slice(count - EDGE_TOKENS)]);
    }
  });
});
