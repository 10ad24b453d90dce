/**
 * Match keys: the one form of a sender's address and domain (see values.ts), computed fast
 * enough to run for every decision.
 */
import { MAX_ADDRESS_LENGTH, MAX_LOCAL_OCTETS, normaliseAddress, normaliseDomain, type ParsedListValue } from './values';

/** Inputs longer than this skip the memo (the full parser refuses them anyway). */
const MAX_MEMO_INPUT = 1024;

// ---------------------------------------------------------------------------------------
// Hot path for decide(): most senders are plain ASCII dot-atom addresses whose one form is
// just their lower case. The scanners below accept only inputs for which that is provably
// the same answer as the full parser: an atext dot-atom local part of at most 64
// characters; LDH labels of 1–63 characters with no hyphen at either end and no "--"
// anywhere (which could be punycode or a reserved label); at least two labels; a last
// label that starts with a letter; RFC 5321 sizes. Anything else takes the full path. A
// property test checks the two agree. Hand-written rather than regular expressions because
// this runs for every decision, and when the input is already lower case the answer is
// the input string itself (no copy).
// ---------------------------------------------------------------------------------------

/** RFC 5322 atext symbols (letters and digits are tested separately). */
const ATEXT_SYMBOL = new Uint8Array(128);
for (const c of "!#$%&'*+/=?^_`{|}~-") ATEXT_SYMBOL[c.charCodeAt(0)] = 1;

const FAST_FAIL = -1;
const FAST_LOWER = 0;
const FAST_UPPER = 1;
type FastScan = typeof FAST_FAIL | typeof FAST_LOWER | typeof FAST_UPPER;

const isLower = (c: number) => c >= 97 && c <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Scans raw[start, end) as a domain: FAST_FAIL, or whether it has upper-case letters. */
function scanDomain(raw: string, start: number, end: number): FastScan {
  if (end - start > 253 || end <= start) return FAST_FAIL;
  let upper = false;
  let labels = 0;
  let labelStart = start;
  let prevHyphen = false;
  for (let i = start; i < end; i += 1) {
    const c = raw.charCodeAt(i);
    if (c === 46) {
      const len = i - labelStart;
      if (len === 0 || len > 63 || prevHyphen) return FAST_FAIL;
      labels += 1;
      labelStart = i + 1;
      continue;
    }
    if (c === 45) {
      if (i === labelStart || prevHyphen) return FAST_FAIL;
      prevHyphen = true;
      continue;
    }
    prevHyphen = false;
    if (isLower(c) || isDigit(c)) continue;
    if (isUpper(c)) {
      upper = true;
      continue;
    }
    return FAST_FAIL;
  }
  const len = end - labelStart;
  if (len === 0 || len > 63 || prevHyphen || labels < 1) return FAST_FAIL;
  const first = raw.charCodeAt(labelStart);
  if (!isLower(first) && !isUpper(first)) return FAST_FAIL;
  return upper ? FAST_UPPER : FAST_LOWER;
}

/** Scans raw[0, end) as a dot-atom local part. */
function scanLocal(raw: string, end: number): FastScan {
  let upper = false;
  let prevDot = true; // no leading dot
  for (let i = 0; i < end; i += 1) {
    const c = raw.charCodeAt(i);
    if (c === 46) {
      if (prevDot) return FAST_FAIL;
      prevDot = true;
      continue;
    }
    prevDot = false;
    if (isLower(c) || isDigit(c)) continue;
    if (isUpper(c)) {
      upper = true;
      continue;
    }
    if (c < 128 && ATEXT_SYMBOL[c] === 1) continue;
    return FAST_FAIL;
  }
  if (prevDot) return FAST_FAIL; // no trailing dot (or empty)
  return upper ? FAST_UPPER : FAST_LOWER;
}

/**
 * The full parsers are slow (tens to hundreds of microseconds: tr46 and email-addresses),
 * so decide() remembers their answers for recent senders. A memo of a pure function: it
 * never changes an answer, only how soon it comes. Bounded; the oldest half is dropped.
 */
const SLOW_PATH_MEMO_SIZE = 8192;
function memoised<T>(compute: (raw: string) => T): (raw: string) => T {
  const memo = new Map<string, T>();
  return (raw) => {
    if (raw.length > MAX_MEMO_INPUT) return compute(raw);
    const hit = memo.get(raw);
    if (hit !== undefined || memo.has(raw)) return hit as T;
    const value = compute(raw);
    if (memo.size >= SLOW_PATH_MEMO_SIZE) {
      let drop = SLOW_PATH_MEMO_SIZE / 2;
      for (const k of memo.keys()) {
        if (drop-- <= 0) break;
        memo.delete(k);
      }
    }
    memo.set(raw, value);
    return value;
  };
}

const slowDomainKey = memoised((raw: string): string | null => {
  const full = normaliseDomain(raw);
  return full.ok ? full.value : null;
});

const slowAddressKey = memoised((raw: string): { address: string; domain: string } | null => {
  const full = normaliseAddress(raw);
  return full.ok ? Object.freeze({ address: full.value.value, domain: full.value.domain }) : null;
});

/** The one form of a domain, or null when it is not a valid domain. */
export function domainKey(raw: string): string | null {
  const scan = scanDomain(raw, 0, raw.length);
  if (scan === FAST_LOWER) return raw;
  if (scan === FAST_UPPER) return raw.toLowerCase();
  return slowDomainKey(raw);
}

/** The one form of an address and its domain, or null when it is not a valid address. */
export function addressKey(raw: string): { address: string; domain: string } | null {
  const at = raw.lastIndexOf('@');
  if (at > 0 && at <= MAX_LOCAL_OCTETS && raw.length <= MAX_ADDRESS_LENGTH) {
    const local = scanLocal(raw, at);
    const domain = local === FAST_FAIL ? FAST_FAIL : scanDomain(raw, at + 1, raw.length);
    if (domain !== FAST_FAIL) {
      const address = local === FAST_UPPER || domain === FAST_UPPER ? raw.toLowerCase() : raw;
      return { address, domain: address.slice(at + 1) };
    }
  }
  return slowAddressKey(raw);
}

/**
 * The one form of a value that was stored earlier (normally already in that form). Cheap
 * for the usual case, so indexes over thousands of entries build quickly. Null when the
 * value is not a valid list value at all.
 */
export function storedValueKey(value: string): ParsedListValue | null {
  if (value.startsWith('*.')) {
    const domain = domainKey(value.slice(2));
    return domain === null ? null : { kind: 'domain', value: `*.${domain}`, domain, wildcard: true };
  }
  const at = value.lastIndexOf('@');
  if (at > 0) {
    const key = addressKey(value);
    if (key === null) return null;
    const keyAt = key.address.lastIndexOf('@');
    return { kind: 'address', value: key.address, local: key.address.slice(0, keyAt), domain: key.domain };
  }
  const domain = domainKey(at === 0 ? value.slice(1) : value);
  return domain === null ? null : { kind: 'domain', value: domain, domain, wildcard: false };
}
