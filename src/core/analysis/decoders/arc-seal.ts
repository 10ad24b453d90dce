/**
 * ARC-Seal (RFC 8617 §4.1.3): a tag list `i=1; a=rsa-sha256; cv=none; d=example.org; s=...;
 * b=...`. The analyzer only needs who sealed each instance (`d=` by `i=`), to tell a trusted
 * sealer's ARC-Authentication-Results from anyone else's. Signatures are not verified here:
 * the boundary's own Authentication-Results says whether the chain held (arc=pass).
 */
import type { HeaderField } from '../types';
import type { ProblemLog } from '../problem-log';

const TAG = /(?:^|;)\s*([a-z]+)\s*=\s*([^;]*)/gi;

/** Sealing domain (lower-cased) by ARC instance. */
export function arcSealers(fields: readonly HeaderField[], log: ProblemLog): Map<number, string> {
  const sealers = new Map<number, string>();
  for (const field of fields) {
    let instance: number | undefined;
    let domain: string | undefined;
    TAG.lastIndex = 0;
    for (let m = TAG.exec(field.value); m !== null; m = TAG.exec(field.value)) {
      const tag = (m[1] ?? '').toLowerCase();
      const value = (m[2] ?? '').trim();
      if (tag === 'i' && /^\d{1,2}$/.test(value)) instance = Number(value);
      else if (tag === 'd' && value.length > 0 && value.length <= 253) domain = value.toLowerCase();
    }
    if (instance === undefined || domain === undefined) {
      log.add(field.name, 'unreadableValue', 'an ARC-Seal without i= or d=');
      continue;
    }
    if (!sealers.has(instance)) sealers.set(instance, domain);
  }
  return sealers;
}
