/**
 * Locality-sensitive hashing over MinHash signatures: the signature is cut into BANDS bands of
 * ROWS_PER_BAND positions, and each band is hashed to one key. Two signatures that agree on a
 * whole band share that band's key, so the clusters worth comparing a new report with are the
 * ones sharing a key with it: an index lookup, not a scan. A pair with Jaccard similarity J
 * shares at least one key with probability 1 − (1 − J^r)^b.
 *
 * Every key also hashes the cluster's sender key (see sender.ts): a report is only ever
 * compared with clusters of its own authenticated sender, so the sender does the narrowing
 * that more rows per band would otherwise do, and one row per band keeps recall high at our
 * low threshold. With b = 32, r = 1:
 *
 *   J = 0.05 → 0.81,  J = 0.10 (the threshold) → 0.966,  J = 0.17 → 0.9975,  J ≥ 0.25 → 0.9999.
 *
 * The bands use the signature's first 32 positions; the whole signature (k = 128) decides.
 * Keys are signed 32-bit integers (they fit every database's `integer`); a collision only adds
 * a candidate, which the full comparison then turns away.
 */
import { fmix32, fnv1a32, MINHASH_K } from './minhash';

export const BANDS = 32;
export const ROWS_PER_BAND = 1;

/** The index keys of a signature, scoped to one sender key. */
export function bandKeys(signature: Uint32Array, senderKey: string): number[] {
  const scope = fnv1a32(senderKey);
  const keys: number[] = [];
  for (let band = 0; band < BANDS && (band + 1) * ROWS_PER_BAND <= Math.min(signature.length, MINHASH_K); band++) {
    let h = Math.imul(scope ^ band, 0x01000193);
    for (let row = 0; row < ROWS_PER_BAND; row++) h = Math.imul(h ^ (signature[band * ROWS_PER_BAND + row] ?? 0), 0x01000193);
    keys.push(fmix32(h) | 0);
  }
  return keys;
}
