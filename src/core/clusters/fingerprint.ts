/**
 * A message's fuzzy content fingerprint: its text normalised (normalize.ts), cut into
 * three-word shingles and summarised as a 128-position MinHash signature (minhash.ts). Two
 * fingerprints estimate how much of their text two messages share (Jaccard similarity of their
 * shingle sets), whatever the dates, numbers, tracking links and personal greetings in them.
 *
 * SIMILARITY_THRESHOLD is where "similar" starts. Measured on the fixtures in
 * test/fixtures/clusters (exact Jaccard of the shingle sets):
 *
 * - one newsletter's weekly issues (new articles, same masthead, sections and footer): 0.16–0.18;
 * - one invoice run (the same supplier's invoices, other lines and amounts): 0.79;
 * - one message sent to two people (greeting, address and links personal): 0.98;
 * - one sender's other mail (an order confirmation against its newsletter): 0.02;
 * - two suppliers' invoices, or a newsletter against an invoice: 0.00.
 *
 * 0.10 sits between the last two groups and the first with room for the estimate's error
 * (standard error √(J(1−J)/128): 0.033 at J = 0.17, 0.012 at J = 0.02). It can be that low
 * because similarity is only ever asked between reports of one authenticated sender (see
 * sender.ts and rule.ts): it separates a sender's mailings, not the world's mail.
 */
import { fingerprintTokens } from './normalize';
import { agreement, FINGERPRINT_VERSION, MINHASH_K, minhashSignature, shingleHashes } from './minhash';

export const SIMILARITY_THRESHOLD = 0.1;

export interface Fingerprint {
  version: number;
  signature: Uint32Array;
  /** Distinct shingles the signature summarises. */
  shingles: number;
}

/** The fingerprint of a message's text; undefined when it has no words to compare. */
export function fingerprintText(text: string): Fingerprint | undefined {
  const shingles = shingleHashes(fingerprintTokens(text));
  if (shingles.size === 0) return undefined;
  return { version: FINGERPRINT_VERSION, signature: minhashSignature(shingles), shingles: shingles.size };
}

/** The estimated Jaccard similarity of two fingerprints' texts (0 across versions). */
export function similarity(a: Fingerprint, b: Fingerprint): number {
  if (a.version !== b.version) return 0;
  return agreement(a.signature, b.signature);
}

export function isSimilar(a: Fingerprint, b: Fingerprint): boolean {
  return similarity(a, b) >= SIMILARITY_THRESHOLD;
}

/** A signature as bytes for storage: little-endian 32-bit values, 512 bytes. */
export function signatureToBytes(signature: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(signature.length * 4);
  const view = new DataView(bytes.buffer);
  signature.forEach((value, i) => view.setUint32(i * 4, value, true));
  return bytes;
}

/** The signature stored by signatureToBytes; undefined when the bytes are not one. */
export function signatureFromBytes(bytes: Uint8Array): Uint32Array | undefined {
  if (bytes.length !== MINHASH_K * 4) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = new Uint32Array(MINHASH_K);
  for (let i = 0; i < MINHASH_K; i++) signature[i] = view.getUint32(i * 4, true);
  return signature;
}
