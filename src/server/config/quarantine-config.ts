/**
 * The quarantine's configuration: its SMTP listener (where an MTA hands over quarantined mail),
 * how long each reason is kept, and which policy each reason gets. Every refusal names the
 * variable and what it must be; a password is never repeated in one.
 */
import { QUARANTINE_REASONS, type QuarantineReason } from '../../contracts/quarantine';
import { isLoopbackHost, parseNetwork } from '../../core/net/addresses';
import {
  BUILT_IN_POLICIES,
  DEFAULT_REASON_POLICIES,
  DEFAULT_RETENTION_DAYS,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  isBuiltInPolicyName,
  isQuarantineReason,
  type BuiltInPolicyName,
} from '../../core/quarantine';
import { ConfigError, list, type Env } from './env-values';

export interface SmtpIntakeConfig {
  /** The port to listen on; 0 takes any free one (tests). */
  port: number;
  /** The address to bind (loopback by default). */
  host: string;
  /** AUTH PLAIN/LOGIN is required when set (user and password together). */
  auth: { user: string; password: string } | undefined;
  /** Client networks (CIDR) that may connect; empty = whoever can reach `host`. */
  allow: string[];
}

export interface QuarantineConfig {
  /** The SMTP listener; undefined when SECOND_LOOK_SMTP_PORT is `off`. */
  smtp: SmtpIntakeConfig | undefined;
  /** Days each reason is kept (1–30). */
  retentionDays: Record<QuarantineReason, number>;
  /** The policy each reason gets, at intake. */
  policies: Record<QuarantineReason, BuiltInPolicyName>;
}

const DEFAULT_SMTP_PORT = 2525;
const MIN_PASSWORD_LENGTH = 12;
const REASONS = QUARANTINE_REASONS.join(', ');

function smtpPort(env: Env): number | undefined {
  const raw = (env['SECOND_LOOK_SMTP_PORT'] ?? '').trim();
  if (raw === '') return DEFAULT_SMTP_PORT;
  if (raw.toLowerCase() === 'off') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`SECOND_LOOK_SMTP_PORT must be a port from 0 to 65535, or off, got "${raw}"`);
  return port;
}

/**
 * The listener's settings. A listener that anyone on the network could reach without a
 * password would let anyone put mail in people's quarantines, and a quarantined message can be
 * released to the inbox: so off loopback it needs an allow list or a password, and a password
 * only ever crosses the network inside TLS.
 */
function smtpFromEnv(env: Env, tls: boolean): SmtpIntakeConfig | undefined {
  const port = smtpPort(env);
  const user = env['SECOND_LOOK_SMTP_USER'] || undefined;
  const password = env['SECOND_LOOK_SMTP_PASSWORD'] || undefined;
  if (Boolean(user) !== Boolean(password)) throw new ConfigError('SECOND_LOOK_SMTP_USER and SECOND_LOOK_SMTP_PASSWORD are set together, or neither');
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
    throw new ConfigError(`SECOND_LOOK_SMTP_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const allow = list(env, 'SECOND_LOOK_SMTP_ALLOW');
  for (const cidr of allow) {
    if (parseNetwork(cidr) === undefined) throw new ConfigError(`SECOND_LOOK_SMTP_ALLOW lists networks (10.0.0.0/8, 2001:db8::/32) or addresses, got "${cidr}"`);
  }
  if (port === undefined) return undefined;
  const host = (env['SECOND_LOOK_SMTP_HOST'] || '127.0.0.1').trim();
  const loopback = isLoopbackHost(host);
  if (!loopback && allow.length === 0 && user === undefined) {
    throw new ConfigError(
      `the quarantine's SMTP listener binds to ${host}, where others can reach it: say who may use it with SECOND_LOOK_SMTP_ALLOW (your MTAs' networks) or SECOND_LOOK_SMTP_USER and SECOND_LOOK_SMTP_PASSWORD`,
    );
  }
  if (!loopback && user !== undefined && !tls) {
    throw new ConfigError(`the quarantine's SMTP listener offers AUTH only over TLS off loopback: set SECOND_LOOK_TLS_CERT and SECOND_LOOK_TLS_KEY (or bind SECOND_LOOK_SMTP_HOST to loopback)`);
  }
  return { port, host, auth: user !== undefined && password !== undefined ? { user, password } : undefined, allow };
}

/** `reason:value` pairs (and, where `bare` says, a bare value for every reason). */
function perReason<T>(env: Env, name: string, fallback: Record<QuarantineReason, T>, read: (value: string) => T | undefined, what: string): Record<QuarantineReason, T> {
  const out = { ...fallback };
  for (const item of list(env, name)) {
    const colon = item.indexOf(':');
    const key = colon === -1 ? undefined : item.slice(0, colon);
    const value = read(colon === -1 ? item : item.slice(colon + 1));
    if (value === undefined) throw new ConfigError(`${name}: "${item}" is not ${what}`);
    if (key === undefined) {
      for (const reason of QUARANTINE_REASONS) out[reason] = value;
    } else if (isQuarantineReason(key)) {
      out[key] = value;
    } else {
      throw new ConfigError(`${name}: "${key}" is not a quarantine reason (${REASONS})`);
    }
  }
  return out;
}

export function quarantineFromEnv(env: Env, tls: boolean): QuarantineConfig {
  const days = (value: string): number | undefined => {
    const n = Number(value);
    return Number.isInteger(n) && n >= MIN_RETENTION_DAYS && n <= MAX_RETENTION_DAYS && value.trim() !== '' ? n : undefined;
  };
  const retentionDefaults = Object.fromEntries(QUARANTINE_REASONS.map((r) => [r, DEFAULT_RETENTION_DAYS])) as Record<QuarantineReason, number>;
  // Retention first: a bare number is every reason's, and `reason:days` pairs after it refine it.
  const retentionDays = perReason(env, 'SECOND_LOOK_QUARANTINE_RETENTION_DAYS', retentionDefaults, days, `a number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS} (or reason:days)`);
  const policy = (value: string): BuiltInPolicyName | undefined => (isBuiltInPolicyName(value) ? value : undefined);
  const policies = perReason(env, 'SECOND_LOOK_QUARANTINE_POLICIES', { ...DEFAULT_REASON_POLICIES }, policy, `reason:policy with a policy of ${Object.keys(BUILT_IN_POLICIES).join(', ')}`);
  return { smtp: smtpFromEnv(env, tls), retentionDays, policies };
}
