/**
 * The server's configuration: one plain object, built from the environment and an optional
 * JSON file, validated once at start-up. buildApp() takes this object, so tests make their
 * own without touching process.env.
 */
import path from 'node:path';
import { isLoopbackHost } from '../../core/net/addresses';
import { authFromEnv, type AuthConfig } from './auth-config';
import { ConfigError, int, list, url, type Env } from './env-values';
import { mailFromEnv, type MailConfig } from './mail-config';
import { protectionFromEnv, type ProtectionConfig } from './protection-config';
import { quarantineFromEnv, type QuarantineConfig } from './quarantine-config';
import { trustFromEnv } from './trust-config';
import type { TrustSettings } from '../../core/analysis/trust/settings';
import { packageRoot } from './package-root';

export type { AuthConfig } from './auth-config';
export { ConfigError } from './env-values';

export interface TlsConfig {
  certFile: string;
  keyFile: string;
}

export interface Config {
  port: number;
  /** The address to bind. Dev tokens are only ever offered when this is a loopback address. */
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; undefined means the embedded SQLite file in dataDir. */
  databaseUrl: string | undefined;
  /** The URL people and Outlook reach the server at (manifest URLs are rewritten to it). */
  publicUrl: string;
  auth: AuthConfig;
  tls: TlsConfig | undefined;
  /** Largest original message accepted, in bytes of EML (decoded). */
  maxMessageBytes: number;
  /** Where the built add-in pages and the portal are (webpack output). */
  webRoot: string;
  /** Icons and images referenced by the manifest. */
  assetsRoot: string;
  manifestFile: string;
  /** The organisation's own domains: never accepted as a safe or allowed domain. */
  acceptedDomains: string[];
  /** Per-user limit of each of Safe Senders and Blocked Senders (Outlook's is 1,024). */
  userListLimit: number;
  /** Per-action limits of the Tenant Allow/Block List. */
  tenantLimits: { allow: number; block: number };
  /** Shared secret Rspamd presents to fetch the map files; undefined = maps not served. */
  mapsToken: string | undefined;
  /** The anti-spam policy's bulk threshold (BCL 1–9), when known; the analyzer infers it otherwise. */
  bulkThreshold: number | undefined;
  /** Rspamd's controller, for a fresh /checkv2 scan when a message is analysed. */
  rspamd: { url: string; password: string | undefined; timeoutMs: number } | undefined;
  /** How often the server removes expired allow/block entries, in seconds. */
  expirySweepSeconds: number;
  /** Log level for Fastify's pino logger; false silences it (tests). */
  logLevel: string | false;
  protection: ProtectionConfig;
  /** Origins that may frame the add-in's pages (Content-Security-Policy frame-ancestors). */
  addinFrameAncestors: string[];
  /** Where the organisation's boundary is: which headers the analyzer counts as evidence. */
  trust: TrustSettings;
  /** Outgoing mail: the pickup folder or an SMTP relay, and the queue's pace. */
  mail: MailConfig;
  /** The From address of notices to reporters, until an admin sets one in the portal. */
  noticeSender: string;
  /** The quarantine: its SMTP listener, retention per reason, and policy per reason. */
  quarantine: QuarantineConfig;
  portal: {
    /** OpenID sign-in for the portal: the client (application) id and the scopes it asks for. */
    clientId: string;
    scope: string;
    /** Who a one-time sign-in link signs in as (embedded default). */
    linkUser: string;
  };
}

const DEFAULT_MAX_MESSAGE_BYTES = 35 * 1024 * 1024;

/** Where Outlook on the web, new Outlook and Office on the web frame an add-in's pages. */
export const OFFICE_FRAME_ANCESTORS = [
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.live.com',
  'https://outlook.cloud.microsoft',
  'https://*.outlook.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.cloud.microsoft',
  'https://*.officeapps.live.com',
];

/** Outlook's hosts by default; an organisation with its own Outlook host can name it. */
function frameAncestors(env: Env): string[] {
  const named = list(env, 'SECOND_LOOK_FRAME_ANCESTORS');
  for (const origin of named) {
    if (!/^https:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(origin)) {
      throw new ConfigError(`SECOND_LOOK_FRAME_ANCESTORS lists https origins (https://outlook.contoso.example, https://*.contoso.example), got "${origin}"`);
    }
  }
  return named.length > 0 ? named : [...OFFICE_FRAME_ANCESTORS];
}

/**
 * Reads the documented variables (README "Configuration"). `fileValues` are the contents of
 * the optional config file; the environment wins over the file.
 */
export function loadConfig(env: Env, fileValues: Env = {}, cwd = process.cwd()): Config {
  const merged: Env = { ...fileValues, ...env };
  const port = int(merged, 'SECOND_LOOK_PORT', 3000, 0, 65535);
  const host = merged['SECOND_LOOK_HOST'] || '127.0.0.1';
  const dataDir = path.resolve(cwd, merged['SECOND_LOOK_DATA'] || './data');
  const certFile = merged['SECOND_LOOK_TLS_CERT'];
  const keyFile = merged['SECOND_LOOK_TLS_KEY'];
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new ConfigError('SECOND_LOOK_TLS_CERT and SECOND_LOOK_TLS_KEY must be set together');
  }
  const tls = certFile && keyFile ? { certFile: path.resolve(cwd, certFile), keyFile: path.resolve(cwd, keyFile) } : undefined;
  const scheme = tls ? 'https' : 'http';
  const publicUrl = url('SECOND_LOOK_PUBLIC_URL', merged['SECOND_LOOK_PUBLIC_URL'] || `${scheme}://localhost:${port}`);
  const maxMessageBytes = int(merged, 'SECOND_LOOK_MAX_MESSAGE_BYTES', DEFAULT_MAX_MESSAGE_BYTES, 1024, 150 * 1024 * 1024);

  const auth = authFromEnv(merged);

  const mapsToken = merged['SECOND_LOOK_MAPS_TOKEN'] || undefined;
  if (mapsToken !== undefined && mapsToken.length < 16) {
    throw new ConfigError('SECOND_LOOK_MAPS_TOKEN must be at least 16 characters: it is all that protects the map files');
  }
  const root = packageRoot();
  return {
    port,
    host,
    dataDir,
    databaseUrl: merged['DATABASE_URL'] || undefined,
    publicUrl,
    auth,
    tls,
    maxMessageBytes,
    webRoot: path.resolve(cwd, merged['SECOND_LOOK_WEB_ROOT'] || path.join(root, 'build/web')),
    assetsRoot: path.join(root, 'assets'),
    manifestFile: path.join(root, 'manifest.xml'),
    acceptedDomains: list(merged, 'SECOND_LOOK_ACCEPTED_DOMAINS').map((d) => d.toLowerCase()),
    userListLimit: int(merged, 'SECOND_LOOK_USER_LIST_LIMIT', 1024, 1, 100_000),
    tenantLimits: {
      allow: int(merged, 'SECOND_LOOK_TENANT_ALLOW_LIMIT', 1000, 1, 1_000_000),
      block: int(merged, 'SECOND_LOOK_TENANT_BLOCK_LIMIT', 1000, 1, 1_000_000),
    },
    mapsToken,
    bulkThreshold: merged['SECOND_LOOK_BULK_THRESHOLD'] ? int(merged, 'SECOND_LOOK_BULK_THRESHOLD', 7, 1, 9) : undefined,
    rspamd: merged['SECOND_LOOK_RSPAMD_URL']
      ? {
          url: url('SECOND_LOOK_RSPAMD_URL', merged['SECOND_LOOK_RSPAMD_URL']),
          password: merged['SECOND_LOOK_RSPAMD_PASSWORD'] || undefined,
          timeoutMs: int(merged, 'SECOND_LOOK_RSPAMD_TIMEOUT_MS', 10_000, 100, 120_000),
        }
      : undefined,
    expirySweepSeconds: int(merged, 'SECOND_LOOK_EXPIRY_SWEEP_SECONDS', 600, 10, 86_400),
    logLevel: merged['SECOND_LOOK_LOG_LEVEL'] === 'silent' ? false : merged['SECOND_LOOK_LOG_LEVEL'] || 'info',
    protection: protectionFromEnv(merged),
    addinFrameAncestors: frameAncestors(merged),
    trust: trustFromEnv(merged),
    mail: mailFromEnv(merged, dataDir, cwd),
    noticeSender: noticeSender(merged, publicUrl),
    quarantine: quarantineFromEnv(merged, tls !== undefined),
    portal: {
      // The add-in's app registration by default: registering the portal as a single-page
      // application on that same registration gives its ID token the same app roles the API
      // reads from access tokens (a separate registration would not carry them).
      clientId: merged['SECOND_LOOK_PORTAL_CLIENT_ID'] || (auth.kind === 'oidc' ? auth.clientId : auth.audience),
      scope: merged['SECOND_LOOK_PORTAL_SCOPE'] || 'openid profile email offline_access',
      linkUser: (merged['SECOND_LOOK_PORTAL_ADMIN'] || `admin@${noticeSender(merged, publicUrl).split('@')[1] ?? 'localhost.localdomain'}`).toLowerCase(),
    },
  };
}

/**
 * SECOND_LOOK_NOTICE_SENDER, or `second-look@` the public URL's host; a single-label host
 * (localhost) gets `.localdomain`, so the address is one a relay and the portal accept.
 */
function noticeSender(env: Record<string, string | undefined>, publicUrl: string): string {
  const configured = env['SECOND_LOOK_NOTICE_SENDER']?.trim();
  if (configured) {
    if (!/^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/.test(configured)) {
      throw new ConfigError(`SECOND_LOOK_NOTICE_SENDER must be an address such as security@contoso.com, not "${configured}"`);
    }
    return configured.toLowerCase();
  }
  const host = new URL(publicUrl).hostname.toLowerCase();
  return `second-look@${host.includes('.') && !/^[\d.]+$/.test(host) ? host : `${host}.localdomain`}`;
}

/**
 * Why dev tokens are off for this configuration; empty when they are on. Each reason is one a
 * developer can act on. Dev tokens also need each request to come straight from this machine
 * (see dev-token-gate.ts), which no configuration can promise.
 */
export function devTokenRefusals(config: Config): string[] {
  const reasons: string[] = [];
  if (!config.protection.devTokensAllowed) reasons.push('SECOND_LOOK_DEV_TOKENS is off');
  if (config.auth.kind !== 'embedded') reasons.push('an outside identity provider is configured (SECOND_LOOK_JWKS_URL)');
  if (!isLoopbackHost(config.host)) reasons.push(`the server binds to ${config.host}, not to loopback`);
  if (!isLoopbackHost(new URL(config.publicUrl).hostname)) reasons.push(`the public URL ${config.publicUrl} is not a loopback or localhost URL`);
  return reasons;
}

/**
 * Why the portal's one-time sign-in links are off for this configuration; empty when on. A
 * link signs an admin in without a password, so it exists only while the server is its own
 * issuer and listens on loopback alone.
 */
export function signInLinkRefusals(config: Config): string[] {
  const reasons: string[] = [];
  if (config.auth.kind !== 'embedded') reasons.push('an outside identity provider signs in (SECOND_LOOK_JWKS_URL)');
  if (!isLoopbackHost(config.host)) reasons.push(`the server binds to ${config.host}, not to loopback`);
  return reasons;
}

/** Dev tokens: only with the embedded issuer, and only when nothing but this machine can reach us. */
export function devTokensEnabled(config: Config): boolean {
  return devTokenRefusals(config).length === 0;
}
