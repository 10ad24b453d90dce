/**
 * Where the organisation's own mail servers end and the rest of the Internet begins, as the
 * analyzer needs to know it: only fields written inside that boundary are evidence
 * (RFC 8601 §5 and §7). Everything here is configuration; the defaults fit an organisation
 * on Exchange Online and are documented in the README ("Evidence and the boundary").
 */
import { parseNetwork, type Network } from '../../net/addresses';

export interface TrustSettings {
  /**
   * authserv-ids whose Authentication-Results count (SECOND_LOOK_TRUSTED_AUTHSERV_IDS). Empty:
   * every Authentication-Results field above the boundary counts.
   */
  authservIds: readonly string[];
  /**
   * The organisation's own mail servers (SECOND_LOOK_BOUNDARY_HOSTS): exact host names, or
   * suffixes written with a leading dot (".contoso.example"). A Received field written by one
   * of them for a connection from outside the internal networks records entry.
   */
  boundaryHosts: readonly string[];
  /** The organisation's own networks beyond the private ranges (SECOND_LOOK_INTERNAL_NETWORKS). */
  internalNetworks: readonly string[];
  /** ARC sealers (the `d=` of ARC-Seal) whose ARC-Authentication-Results count (SECOND_LOOK_TRUSTED_ARC_SEALERS). */
  arcSealers: readonly string[];
  /**
   * Filter families the organisation's own servers run and that replace any copy of their
   * headers arriving from outside (SECOND_LOOK_TRUSTED_FILTERS: `rspamd`, `spamAssassin`,
   * `proofpoint` ...). Their headers count wherever the filter put them: milters append theirs
   * below everything the sender wrote, where position alone cannot vouch for them.
   */
  filters: readonly string[];
}

export const DEFAULT_TRUST: TrustSettings = { authservIds: [], boundaryHosts: [], internalNetworks: [], arcSealers: [], filters: [] };

/**
 * Exchange Online Protection's inbound front ends: the Received field one of them writes is
 * where mail from the Internet entered an Exchange Online organisation. EOP writes its
 * Authentication-Results (with no authserv-id) and its X-Forefront-Antispam-Report above it.
 */
export const EXCHANGE_ONLINE_ENTRY_SUFFIXES = [
  '.mail.protection.outlook.com',
  '.mail.protection.outlook.de',
  '.mail.protection.partner.outlook.cn',
  '.mail.protection.office365.us',
] as const;

/** Exchange Online's own servers, which pass a message along after the front end took it in. */
export const EXCHANGE_ONLINE_SUFFIXES = [
  '.outlook.com',
  '.exchangelabs.com',
  '.outlook.office365.com',
  '.outlook.de',
  '.partner.outlook.cn',
  '.office365.us',
] as const;

/** The settings compiled for matching: names lower-cased, networks parsed once. */
export interface CompiledTrust {
  authservIds: ReadonlySet<string>;
  hostNames: ReadonlySet<string>;
  hostSuffixes: readonly string[];
  networks: readonly Network[];
  arcSealers: ReadonlySet<string>;
  filters: ReadonlySet<string>;
}

const compiledCache = new WeakMap<Partial<TrustSettings>, CompiledTrust>();

/** `given` over the defaults, compiled once per settings object. */
export function compileTrust(given: Partial<TrustSettings>): CompiledTrust {
  const cached = compiledCache.get(given);
  if (cached !== undefined) return cached;
  const settings: TrustSettings = { ...DEFAULT_TRUST, ...given };
  const hosts = settings.boundaryHosts.map((h) => h.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean);
  const compiled: CompiledTrust = {
    authservIds: new Set(settings.authservIds.map((id) => id.trim().toLowerCase()).filter(Boolean)),
    hostNames: new Set(hosts.filter((h) => !h.startsWith('.'))),
    hostSuffixes: hosts.filter((h) => h.startsWith('.')),
    networks: settings.internalNetworks.map((n) => parseNetwork(n.trim())).filter((n): n is Network => n !== undefined),
    arcSealers: new Set(settings.arcSealers.map((d) => d.trim().toLowerCase()).filter(Boolean)),
    filters: new Set(settings.filters.map((f) => f.trim()).filter(Boolean)),
  };
  compiledCache.set(given, compiled);
  return compiled;
}

export function endsWithAny(host: string, suffixes: readonly string[]): boolean {
  for (const suffix of suffixes) if (host.endsWith(suffix)) return true;
  return false;
}
