/**
 * The server's configuration: one plain object, built from the environment and an optional
 * JSON file, validated once at start-up. buildApp() takes this object, so tests make their
 * own without touching process.env.
 */
import path from 'node:path';
import { packageRoot } from './package-root';

export type AuthConfig =
  /** The server is its own issuer: key in the data folder, JWKS published at /.well-known/jwks.json. */
  | { kind: 'embedded'; issuer: string; audience: string }
  /** Any OIDC issuer (Entra ID): tokens verified against its JWKS. */
  | {
      kind: 'oidc';
      issuer: string;
      audience: string;
      jwksUrl: string;
      /** For the add-in's nested app authentication. */
      clientId: string;
      authority: string;
      apiScopes: string[];
    };

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
}

export class ConfigError extends Error {}

const DEFAULT_MAX_MESSAGE_BYTES = 35 * 1024 * 1024;
const EMBEDDED_ISSUER = 'urn:second-look:embedded';
const DEFAULT_AUDIENCE = 'api://second-look';

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function url(name: string, raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
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

  const audience = merged['SECOND_LOOK_AUDIENCE'] || DEFAULT_AUDIENCE;
  const jwksUrl = merged['SECOND_LOOK_JWKS_URL'];
  let auth: AuthConfig;
  if (jwksUrl) {
    const issuer = merged['SECOND_LOOK_ISSUER'];
    const clientId = merged['SECOND_LOOK_CLIENT_ID'];
    if (!issuer) throw new ConfigError('SECOND_LOOK_ISSUER is required when SECOND_LOOK_JWKS_URL is set');
    if (!clientId) throw new ConfigError('SECOND_LOOK_CLIENT_ID is required when SECOND_LOOK_JWKS_URL is set');
    auth = {
      kind: 'oidc',
      issuer,
      audience,
      jwksUrl: url('SECOND_LOOK_JWKS_URL', jwksUrl),
      clientId,
      authority: merged['SECOND_LOOK_AUTHORITY'] || 'https://login.microsoftonline.com/organizations',
      apiScopes: (merged['SECOND_LOOK_API_SCOPES'] || `${audience}/access_as_user`).split(/[\s,]+/).filter(Boolean),
    };
  } else {
    auth = { kind: 'embedded', issuer: merged['SECOND_LOOK_ISSUER'] || EMBEDDED_ISSUER, audience };
  }

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
    acceptedDomains: (merged['SECOND_LOOK_ACCEPTED_DOMAINS'] || '').split(/[\s,]+/).map((d) => d.trim().toLowerCase()).filter(Boolean),
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
  };
}

/** Dev tokens: only with the embedded issuer, and only when nothing but this machine can reach us. */
export function devTokensEnabled(config: Config): boolean {
  return config.auth.kind === 'embedded' && isLoopback(config.host);
}
