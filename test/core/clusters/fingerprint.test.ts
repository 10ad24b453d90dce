/**
 * The fuzzy fingerprint and its threshold, on realistic mail: a newsletter's weekly issues, two
 * suppliers' invoice runs, one sender's other mail, and one message as several people got it.
 */
import fc from 'fast-check';
import {
  BANDS,
  EDGE_TOKENS,
  MINHASH_K,
  SIMILARITY_THRESHOLD,
  bandKeys,
  fingerprintText,
  fingerprintTokens,
  htmlToText,
  minhashSignature,
  agreement,
  shingleHashes,
  signatureFromBytes,
  signatureToBytes,
  similarity,
  type Fingerprint,
} from '../../../src/core/clusters';
import { fixtureHtml, fixtureText, personalised } from '../../helpers/cluster-mail';

const ISSUES = ['newsletter-41', 'newsletter-42', 'newsletter-43'];

function fp(text: string): Fingerprint {
  const result = fingerprintText(text);
  if (result === undefined) throw new Error('no fingerprint');
  return result;
}

/** Exact Jaccard similarity of two texts' shingle sets: what the signatures estimate. */
function exactJaccard(a: string, b: string): number {
  const x = shingleHashes(fingerprintTokens(a));
  const y = shingleHashes(fingerprintTokens(b));
  let both = 0;
  for (const h of x) if (y.has(h)) both++;
  return both / (x.size + y.size - both);
}

describe('normalisation', () => {
  test('links keep only their host; tracking paths, queries and fragments go', () => {
    expect(fingerprintTokens('Read more: https://news.northwind.example/r/gumbo?utm_source=newsletter&sub=8f2a91c4#top')).toEqual(['read', 'more', 'news.northwind.example']);
    expect(fingerprintTokens('(see www.Northwind.example/offers/2026)')).toEqual(['see', 'northwind.example']);
    expect(fingerprintTokens('<https://user:pw@portal.fabrikam.example:8443/i?c=1>')).toEqual(['portal.fabrikam.example']);
  });

  test('addresses keep only their domain: the recipient’s own address is personal', () => {
    expect(fingerprintTokens('signed up with anna@contoso.example.')).toEqual(['signed', 'up', 'with', 'contoso.example']);
  });

  test('numbers, dates, months and weekdays vary between issues and are dropped', () => {
    expect(fingerprintTokens('Issue #41 | Friday 6 November 2026, 10:00 CET, +45 70 20 30 40, order NW-5521873')).toEqual(['issue', 'cet', 'order', 'nw']);
    expect(fingerprintTokens('fredag den 6. november; vendredi 6 novembre')).toEqual(['den']);
  });

  test('case, Unicode forms, punctuation and layout do not matter', () => {
    expect(fingerprintTokens('THE   WEEKLY\tLEDGER —\r\n Ｎｏｒｔｈｗｉｎｄ')).toEqual(fingerprintTokens('the weekly ledger northwind'));
  });

  test('a very long text keeps its head and tail, where templates sit', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${'abcdefghij'[i % 10]}${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + ((i / 26) % 26))}`.replace(/\d/g, ''));
    const tokens = fingerprintTokens(words.join(' '));
    expect(tokens).toHaveLength(2 * EDGE_TOKENS);
    expect(tokens[0]).toBe(words[0]);
    expect(tokens.at(-1)).toBe(words.at(-1));
  });

  test('linear on hostile input: long runs of punctuation, addresses and tags', () => {
    const hostile = ['.'.repeat(200_000), 'a.'.repeat(100_000), '@'.repeat(100_000), 'http://'.repeat(30_000), '<'.repeat(100_000), '<style>'.repeat(20_000)];
    const started = Date.now();
    for (const text of hostile) {
      fingerprintTokens(text);
      htmlToText(text);
    }
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('HTML: scripts, styles, the head and comments are dropped, entities decoded', () => {
    const text = htmlToText('<html><head><title>T</title><style>p{color:red}</style></head><body><!-- x --><p>Fish &amp; chips&nbsp;&#233;t&#xE9;</p><script>var a = "<p>no</p>";</script></body></html>');
    expect(fingerprintTokens(text)).toEqual(['fish', 'chips', 'été']);
  });
});

describe('MinHash', () => {
  test(`k = ${MINHASH_K}; the empty text has no fingerprint`, () => {
    expect(fp('hello there world').signature).toHaveLength(MINHASH_K);
    expect(fingerprintText('')).toBeUndefined();
    expect(fingerprintText('12 November 2026, 10:00 — 4,922.50')).toBeUndefined();
  });

  test('signatures are stable (stored ones compare with new ones) and round-trip as bytes', () => {
    const signature = fp(fixtureText('newsletter-41')).signature;
    expect(signatureFromBytes(signatureToBytes(signature))).toEqual(signature);
    expect(signatureToBytes(signature)).toHaveLength(512);
    expect(signatureFromBytes(new Uint8Array(7))).toBeUndefined();
    // A change of hash functions or normalisation changes these: bump FINGERPRINT_VERSION.
    expect(Array.from(fp('the weekly ledger from northwind traders').signature.slice(0, 4))).toEqual([1295970350, 1860883413, 80338472, 341646478]);
  });

  test('the estimate follows the exact Jaccard similarity within its standard error', () => {
    const hashes = (from: number, count: number) => Array.from({ length: count }, (_, i) => Math.imul(from + i, 0x9e3779b1) >>> 0);
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 300 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 }), (shared, onlyA, onlyB) => {
        const common = hashes(1, shared);
        const a = new Set([...common, ...hashes(100_000, onlyA)]);
        const b = new Set([...common, ...hashes(200_000, onlyB)]);
        const exact = shared / (shared + onlyA + onlyB);
        const estimate = agreement(minhashSignature(a), minhashSignature(b));
        const standardError = Math.sqrt((exact * (1 - exact)) / MINHASH_K);
        return Math.abs(estimate - exact) <= 4.5 * standardError + 1 / MINHASH_K;
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe(`the threshold (${SIMILARITY_THRESHOLD})`, () => {
  test('a newsletter’s weekly issues (different articles, same template and sender) are similar', () => {
    for (const a of ISSUES) {
      for (const b of ISSUES) {
        if (a >= b) continue;
        const exact = exactJaccard(fixtureText(a), fixtureText(b));
        expect(exact).toBeGreaterThan(0.15);
        expect(similarity(fp(fixtureText(a)), fp(fixtureText(b)))).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
      }
    }
  });

  test('an issue read from its HTML part is similar to its own text part and to the other issues', () => {
    const html = fp(htmlToText(fixtureHtml('newsletter-43')));
    expect(similarity(html, fp(fixtureText('newsletter-43')))).toBeGreaterThan(0.5);
    expect(similarity(html, fp(fixtureText('newsletter-41')))).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
  });

  test('one message as several recipients got it (their names, addresses and link tokens) is nearly identical', () => {
    const anna = fixtureText('newsletter-42');
    const bo = personalised(anna, 'Bo', 'bo@contoso.example');
    expect(bo).not.toBe(anna);
    expect(similarity(fp(anna), fp(bo))).toBeGreaterThan(0.9);
  });

  test('one supplier’s invoice run is similar; two suppliers’ invoices never are', () => {
    const october = fp(fixtureText('fabrikam-invoice-2026-10'));
    const november = fp(fixtureText('fabrikam-invoice-2026-11'));
    const litware = fp(fixtureText('litware-invoice-2026-11'));
    expect(similarity(october, november)).toBeGreaterThan(0.6);
    expect(exactJaccard(fixtureText('fabrikam-invoice-2026-11'), fixtureText('litware-invoice-2026-11'))).toBe(0);
    expect(similarity(november, litware)).toBeLessThan(SIMILARITY_THRESHOLD / 2);
    expect(similarity(october, litware)).toBeLessThan(SIMILARITY_THRESHOLD / 2);
  });

  test('one sender’s other mail (an order confirmation against its newsletter) is not similar', () => {
    const order = fixtureText('northwind-order-confirmation');
    for (const issue of ISSUES) {
      expect(exactJaccard(order, fixtureText(issue))).toBeLessThan(0.05);
      expect(similarity(fp(order), fp(fixtureText(issue)))).toBeLessThan(SIMILARITY_THRESHOLD);
    }
  });
});

describe('LSH banding', () => {
  test(`${BANDS} keys per signature; similar texts of one sender share one, other senders’ never do`, () => {
    const [a, b] = [fp(fixtureText('newsletter-41')), fp(fixtureText('newsletter-43'))];
    const keysA = bandKeys(a.signature, 'auth:northwind.example');
    expect(keysA).toHaveLength(BANDS);
    expect(keysA.every((k) => Number.isInteger(k) && k >= -(2 ** 31) && k < 2 ** 31)).toBe(true);
    const shared = bandKeys(b.signature, 'auth:northwind.example').filter((k) => keysA.includes(k));
    expect(shared.length).toBeGreaterThan(0);
    const otherSender = bandKeys(a.signature, 'from:northwind.example');
    expect(otherSender.filter((k) => keysA.includes(k))).toEqual([]);
  });
});
