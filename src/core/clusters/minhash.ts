/**
 * MinHash (Broder, 1997): a fixed-size signature of a set such that the share of positions two
 * signatures agree on estimates the Jaccard similarity |A ∩ B| / |A ∪ B| of the sets.
 *
 * - Each shingle (a run of SHINGLE_SIZE words) is hashed to 32 bits: FNV-1a over each word's
 *   UTF-16 code units, the word hashes combined FNV-style, then MurmurHash3's 32-bit finaliser
 *   (fmix32) to spread the bits.
 * - Position i of the signature is the minimum of h_i over the shingles, where
 *   h_i(x) = (a_i·x + b_i) mod 2³² with a_i odd: a permutation of the 32-bit values per i
 *   (a_i, b_i drawn once from a fixed seed, so signatures stored today compare with tomorrow's).
 * - k = MINHASH_K = 128 positions: the estimate's standard error is √(J(1−J)/k), at most 0.044
 *   (at J = 0.5) and 0.04 around the threshold; 512 bytes per signature.
 *
 * Changing any constant here changes every signature: bump FINGERPRINT_VERSION with it.
 */

/** Words per shingle. Three keep word order (a template's sentences) without being brittle. */
export const SHINGLE_SIZE = 3;
/** Signature length (number of hash functions). */
export const MINHASH_K = 128;
/** Stored with each signature; signatures of another version are not compared. */
export const FINGERPRINT_VERSION = 1;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits, over the UTF-16 code units of `text`. */
export function fnv1a32(text: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: every input bit affects every output bit. A bijection on 32 bits. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** splitmix32: the fixed sequence the permutations' coefficients are drawn from. */
function* splitmix32(seed: number): Generator<number, never> {
  let state = seed >>> 0;
  for (;;) {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    yield (z ^ (z >>> 15)) >>> 0;
  }
}

const COEFFICIENTS = (() => {
  const random = splitmix32(0x5ec0_1d00);
  const a = new Uint32Array(MINHASH_K);
  const b = new Uint32Array(MINHASH_K);
  for (let i = 0; i < MINHASH_K; i++) {
    a[i] = (random.next().value | 1) >>> 0;
    b[i] = random.next().value;
  }
  return { a, b };
})();

/** The distinct shingle hashes of a token list (all of it as one shingle when shorter). */
export function shingleHashes(tokens: readonly string[], size = SHINGLE_SIZE): Set<number> {
  const words = tokens.map((t) => fnv1a32(t));
  const hashes = new Set<number>();
  if (words.length === 0) return hashes;
  const last = Math.max(0, words.length - size);
  for (let start = 0; start <= last; start++) {
    let h = FNV_OFFSET;
    const end = Math.min(words.length, start + size);
    for (let j = start; j < end; j++) h = Math.imul(h ^ (words[j] ?? 0), FNV_PRIME);
    hashes.add(fmix32(h));
  }
  return hashes;
}

/** The MinHash signature of a set of 32-bit hashes; all 0xffffffff for the empty set. */
export function minhashSignature(hashes: Iterable<number>): Uint32Array {
  const { a, b } = COEFFICIENTS;
  const signature = new Uint32Array(MINHASH_K).fill(0xffffffff);
  for (const x of hashes) {
    for (let i = 0; i < MINHASH_K; i++) {
      const v = (Math.imul(a[i] ?? 1, x) + (b[i] ?? 0)) >>> 0;
      if (v < (signature[i] ?? 0)) signature[i] = v;
    }
  }
  return signature;
}

/** The share of positions two signatures agree on: an estimate of the sets' Jaccard similarity. */
export function agreement(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
