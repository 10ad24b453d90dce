/**
 * What kind of address a host or IP is, read by ipaddr.js (never by hand: hand-written
 * checks accept `:::` and miss `::ffff:127.0.0.1`). Pure: text in, a class out.
 */
import ipaddr from 'ipaddr.js';

/** An IP address in canonical form, IPv4-mapped IPv6 turned into its IPv4; undefined if none. */
export function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!ipaddr.isValid(bare)) return undefined;
  // ipaddr.isValid accepts forms no mail server or browser writes (octal, short IPv4 like
  // "127.1"); only the four-part decimal IPv4 and real IPv6 count.
  if (!bare.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(bare)) return undefined;
  const parsed = ipaddr.parse(bare);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
}

export function isLoopbackIp(text: string): boolean {
  return parseIp(text)?.range() === 'loopback';
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
