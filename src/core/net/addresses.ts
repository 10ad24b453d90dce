/**
 * What kind of address a host or IP is, read by ipaddr.js (never by hand: hand-written
 * checks accepted `:::` as an address and missed `::ffff:10.0.0.1` and 100.64.0.0/10). Pure:
 * text in, a class out.
 */
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Parsed addresses by their text. The same few addresses recur in message after message (a
 * provider's relays, the organisation's own hops), and ipaddr.js's parse and range lookup cost
 * far more than a map lookup: the analyzer reads several per message. Bounded: cleared when full.
 */
const CACHE_LIMIT = 4096;
const parsed = new Map<string, Address | null>();
const ranges = new Map<string, string>();

/** An IP address, IPv4-mapped IPv6 turned into its IPv4; undefined when `text` is not one. */
export function parseIp(text: string): Address | undefined {
  const cached = parsed.get(text);
  if (cached !== undefined) return cached ?? undefined;
  const result = parseUncached(text);
  if (parsed.size >= CACHE_LIMIT) parsed.clear();
  parsed.set(text, result ?? null);
  return result;
}

function parseUncached(text: string): Address | undefined {
  const bare = text.length > 2 && text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (bare.length < 2 || bare.length > 45) return undefined;
  if (!bare.includes(':')) {
    // Only the four-part decimal form: "127.1" or octal forms are not what a mail server writes.
    return ipaddr.IPv4.isValidFourPartDecimal(bare) ? ipaddr.IPv4.parse(bare) : undefined;
  }
  if (!ipaddr.IPv6.isValid(bare)) return undefined;
  const v6 = ipaddr.IPv6.parse(bare);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** Is this whole token an IP address? */
export function isIpAddress(token: string): boolean {
  return parseIp(token) !== undefined;
}

/** The address in a normal textual form (IPv4 dotted, IPv6 compressed), or the text as given. */
export function normalizeIp(text: string): string {
  return parseIp(text)?.toString() ?? text;
}

/** ipaddr.js's name for the range `text` is in ('private', 'loopback' …), or undefined for no address. */
function rangeOf(text: string): string | undefined {
  const cached = ranges.get(text);
  if (cached !== undefined) return cached;
  const range = parseIp(text)?.range();
  if (range === undefined) return undefined;
  if (ranges.size >= CACHE_LIMIT) ranges.clear();
  ranges.set(text, range);
  return range;
}

export function isLoopbackIp(text: string): boolean {
  return rangeOf(text) === 'loopback';
}

/** A host name or address that only this machine can be: `localhost` (and its subdomains) or loopback. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackIp(name);
}

/**
 * The host part of a Host header (`name`, `name:port`, `[v6]:port`), or undefined when it is
 * not one a client could send.
 */
export function hostOfHostHeader(header: string): string | undefined {
  try {
    const url = new URL(`http://${header}`);
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return undefined;
    return url.hostname;
  } catch {
    return undefined;
  }
}

/** Ranges no sender on the Internet connects from: the hops inside a site. */
const INTERNAL_RANGES = new Set(['loopback', 'private', 'linkLocal', 'uniqueLocal', 'carrierGradeNat', 'unspecified']);

/** A parsed CIDR range, as ipaddr.js reads it. */
export type Network = [Address, number];

/** `cidr` (`10.0.0.0/8`, `2001:db8::/32`, or one address) as a range, or undefined when it is not one. */
export function parseNetwork(cidr: string): Network | undefined {
  try {
    if (!cidr.includes('/')) {
      const ip = parseIp(cidr);
      return ip === undefined ? undefined : [ip, ip.kind() === 'ipv4' ? 32 : 128];
    }
    const [address, bits] = ipaddr.parseCIDR(cidr);
    const mapped = address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress();
    return mapped ? [(address as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)] : [address, bits];
  } catch {
    return undefined;
  }
}

/**
 * Loopback, private, link-local, unique-local and carrier-grade NAT addresses (hops inside a
 * site, never the sender), and any address in `networks` (the organisation's own). The
 * documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) count as
 * public: examples stand for the Internet.
 */
export function isInternalIp(text: string, networks: readonly Network[] = []): boolean {
  const range = rangeOf(text);
  if (range === undefined) return false;
  if (INTERNAL_RANGES.has(range)) return true;
  if (networks.length === 0) return false;
  const ip = parseIp(text) as Address;
  return networks.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));
}

const IPV4_IN_TEXT = /(?:^|[^\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.]*\d)/g;
// Starts where no letter, digit or colon precedes, so "IPv6:2001:db8::1" yields the address.
const IPV6_IN_TEXT = /(?<![0-9A-Za-z:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f.]{0,39}){2,}/g;

/** The first IP address in `text` (IPv4 first; brackets, parens, "IPv6:" prefixes are fine). */
export function findIp(text: string): string | undefined {
  if (text.length > 2000) text = text.slice(0, 2000);
  IPV4_IN_TEXT.lastIndex = 0;
  for (let m = IPV4_IN_TEXT.exec(text); m !== null; m = IPV4_IN_TEXT.exec(text)) {
    if (m[1] !== undefined && parseIp(m[1]) !== undefined) return m[1];
  }
  if (!text.includes(':')) return undefined;
  if (text.includes('IPv6:') || text.includes('ipv6:')) text = text.replace(/ipv6:/gi, ' ');
  IPV6_IN_TEXT.lastIndex = 0;
  for (let m = IPV6_IN_TEXT.exec(text); m !== null; m = IPV6_IN_TEXT.exec(text)) {
    const candidate = m[0].endsWith('.') ? m[0].slice(0, -1) : m[0];
    if (parseIp(candidate) !== undefined) return candidate;
  }
  return undefined;
}
