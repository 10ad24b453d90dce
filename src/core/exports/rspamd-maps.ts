/**
 * Rspamd multimap map files from the Tenant Allow/Block List: plain maps, one entry per
 * line, `#` comments, for multimap rules of type "from" (addresses) and type "from" with
 * `filter = "email:domain"` (domains).
 *
 * - allowSenders / allowDomains / blockSenders / blockDomains: the four plain maps.
 * - blockDomainPatterns: a regexp map (`regexp = true`) for `*.domain` block entries, which
 *   cover every subdomain; a plain domain map matches exact domains only. The base domain
 *   of such an entry is also in blockDomains.
 *
 * Rules carried over: expired entries are left out; an allow entry that a block entry
 * shadows is left out of the allow maps (block beats allow, whatever the scores of the
 * Rspamd rules); values are the normalised one form (lower case, punycode domains).
 * A value Rspamd's map syntax cannot hold (whitespace, `#`, quotes: only quoted local parts
 * have them) is left out and reported. Output is sorted, so an unchanged list gives the
 * same bytes (no timestamp inside: good for If-Modified-Since, ETags and caches). Pure.
 */
import { isExpired } from '../lists/expiry';
import { buildTenantIndex, findMatch, findWildcardMatch } from '../lists/matching-index';
import type { TenantEntry } from '../lists/types';
import { storedValueKey } from '../lists/value-keys';

export interface RspamdMaps {
  readonly allowSenders: string;
  readonly allowDomains: string;
  readonly blockSenders: string;
  readonly blockDomains: string;
  readonly blockDomainPatterns: string;
  /** Ids of entries left out because the map syntax cannot hold their value. */
  readonly skipped: readonly string[];
}

/** What Rspamd map lines may contain: no whitespace, comment marks, quotes or controls. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
const UNREPRESENTABLE = /[\s#"\u0000-\u001f\u007f-\u009f]/u;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function mapFile(title: string, values: Iterable<string>, kind = 'map'): string {
  const lines = [...new Set(values)].sort();
  return [
    `# Second Look: ${title} (Rspamd multimap ${kind})`,
    `# Entries: ${lines.length}. Expired entries are left out.`,
    ...lines,
    '',
  ].join('\n');
}

export function generateRspamdMaps(entries: readonly TenantEntry[], now: Date): RspamdMaps {
  const live = entries.filter((e) => !isExpired(e, now));
  const index = buildTenantIndex(live);
  const nowMs = now.getTime();
  const out = {
    allowSenders: [] as string[],
    allowDomains: [] as string[],
    blockSenders: [] as string[],
    blockDomains: [] as string[],
    blockDomainPatterns: [] as string[],
  };
  const skipped: string[] = [];
  for (const e of live) {
    const v = storedValueKey(e.value);
    if (v === null || UNREPRESENTABLE.test(v.value)) {
      skipped.push(e.id);
      continue;
    }
    if (e.action === 'block') {
      if (v.kind === 'address') out.blockSenders.push(v.value);
      else {
        out.blockDomains.push(v.domain);
        if (v.wildcard) out.blockDomainPatterns.push(`/(^|\\.)${escapeRegExp(v.domain)}$/i`);
      }
      continue;
    }
    // Allow: left out when a block entry covers it.
    const keys = v.kind === 'address' ? { address: v.value, domain: v.domain } : { address: null, domain: v.domain };
    const shadowed =
      v.kind === 'domain' && v.wildcard
        ? findWildcardMatch(index, 'block', v.domain, nowMs)
        : findMatch(index, 'block', keys, nowMs);
    if (shadowed !== null) continue;
    // A *.domain allow is refused by validation; if one is stored, only its base domain is
    // exported (narrower is the safe direction for an allow).
    if (v.kind === 'address') out.allowSenders.push(v.value);
    else out.allowDomains.push(v.domain);
  }
  return {
    allowSenders: mapFile('allow senders', out.allowSenders),
    allowDomains: mapFile('allow domains', out.allowDomains),
    blockSenders: mapFile('block senders', out.blockSenders),
    blockDomains: mapFile('block domains', out.blockDomains),
    blockDomainPatterns: mapFile('block domains and all their subdomains', out.blockDomainPatterns, 'regexp map'),
    skipped,
  };
}
