/**
 * Where outgoing mail goes and how the queue's sender paces itself. By default every mail is
 * written to the pickup folder SECOND_LOOK_DATA/outbox; SECOND_LOOK_SMTP_RELAY sends it to an
 * SMTP relay instead. A relay's password is kept only in this object: every message about the
 * relay (errors, logs, the banner) names it by `relayLabel`, without the password.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isLoopbackHost } from '../../core/net/addresses';
import { ConfigError, int, type Env } from './env-values';

export interface SmtpRelayConfig {
  /** smtps:// (TLS from the first byte) rather than smtp:// (STARTTLS when the relay offers it). */
  implicitTls: boolean;
  host: string;
  port: number;
  /** Present together or not at all. */
  user: string | undefined;
  password: string | undefined;
  /**
   * smtp:// refuses to go on without STARTTLS: set whenever credentials would otherwise cross
   * the network in the clear (a user and password, a relay that is not on loopback).
   */
  requireStartTls: boolean;
  /** PEM file of the certificate authority the relay's certificate chains to, when not a public one. */
  caFile: string | undefined;
}

export type MailDeliveryConfig = { kind: 'pickup'; folder: string } | { kind: 'relay'; relay: SmtpRelayConfig };

export interface MailConfig {
  delivery: MailDeliveryConfig;
  /** How often a server looks for mail that is due, in seconds. */
  pollSeconds: number;
  /** How long a send may go unconfirmed before other servers take its instance for dead, in seconds. */
  leaseSeconds: number;
  /** Tries before a mail is given up as failed (an admin can still resend it). */
  maxAttempts: number;
  /** The wait before the first retry, in seconds; it doubles with each further try, up to an hour. */
  retrySeconds: number;
  /**
   * How many mails one server sends at once: connections to the relay (each kept open and
   * reused), or files written to the pickup folder. A bulk release of thousands of copies
   * needs several; a relay that limits a client's connections needs this at or below its limit.
   */
  concurrency: number;
}

const RELAY_EXAMPLE = 'smtp://relay.contoso.example:587 or smtps://user:password@relay.contoso.example';

/** The relay URL as it may be shown: the password replaced, nothing else changed. */
export function relayLabel(relay: Pick<SmtpRelayConfig, 'implicitTls' | 'host' | 'port' | 'user'>): string {
  const scheme = relay.implicitTls ? 'smtps' : 'smtp';
  const host = relay.host.includes(':') ? `[${relay.host}]` : relay.host;
  return `${scheme}://${relay.user ? `${encodeURIComponent(relay.user)}:***@` : ''}${host}:${relay.port}`;
}

function decoded(name: string, part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ConfigError(`${name}: the ${what} is not valid percent-encoding`);
  }
}

/**
 * Reads SECOND_LOOK_SMTP_RELAY. A refusal never repeats the value: it may hold a password.
 */
export function relayFromUrl(name: string, raw: string, caFile: string | undefined): SmtpRelayConfig {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw new ConfigError(`${name} must be an SMTP relay URL (${RELAY_EXAMPLE}); the value set is not a URL`);
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    const other = raw.trim().toLowerCase().startsWith(`${parsed.protocol}//`) ? `, got a ${parsed.protocol}// URL` : '';
    throw new ConfigError(`${name} must be an smtp:// or smtps:// URL (${RELAY_EXAMPLE})${other}`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (!host) throw new ConfigError(`${name} names no relay host (${RELAY_EXAMPLE})`);
  if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search !== '' || parsed.hash !== '') {
    throw new ConfigError(`${name} is a relay's address only: no path, query or fragment (${RELAY_EXAMPLE})`);
  }
  const user = parsed.username ? decoded(name, parsed.username, 'user name') : undefined;
  const password = parsed.password ? decoded(name, parsed.password, 'password') : undefined;
  if (Boolean(user) !== Boolean(password)) {
    throw new ConfigError(`${name}: give both a user name and a password (smtps://user:password@host), or neither`);
  }
  const implicitTls = parsed.protocol === 'smtps:';
  const port = parsed.port ? Number(parsed.port) : implicitTls ? 465 : 587;
  if (port < 1 || port > 65535) throw new ConfigError(`${name}: the port must be from 1 to 65535, got ${port}`);
  return {
    implicitTls,
    host,
    port,
    user,
    password,
    requireStartTls: !implicitTls && user !== undefined && !isLoopbackHost(host),
    caFile,
  };
}

function caFileOf(env: Env, cwd: string): string | undefined {
  const named = env['SECOND_LOOK_SMTP_RELAY_CA'];
  if (!named) return undefined;
  const file = path.resolve(cwd, named);
  if (!fs.existsSync(file)) throw new ConfigError(`SECOND_LOOK_SMTP_RELAY_CA names ${file}, which does not exist`);
  return file;
}

export function mailFromEnv(env: Env, dataDir: string, cwd: string): MailConfig {
  const relayUrl = env['SECOND_LOOK_SMTP_RELAY'];
  const caFile = caFileOf(env, cwd);
  if (caFile && !relayUrl) throw new ConfigError('SECOND_LOOK_SMTP_RELAY_CA is for a relay: set SECOND_LOOK_SMTP_RELAY too');
  const delivery: MailDeliveryConfig = relayUrl
    ? { kind: 'relay', relay: relayFromUrl('SECOND_LOOK_SMTP_RELAY', relayUrl, caFile) }
    : { kind: 'pickup', folder: path.join(dataDir, 'outbox') };
  return {
    delivery,
    pollSeconds: int(env, 'SECOND_LOOK_MAIL_POLL_SECONDS', 5, 1, 3600),
    leaseSeconds: int(env, 'SECOND_LOOK_MAIL_LEASE_SECONDS', 60, 2, 3600),
    maxAttempts: int(env, 'SECOND_LOOK_MAIL_MAX_ATTEMPTS', 20, 1, 1000),
    retrySeconds: int(env, 'SECOND_LOOK_MAIL_RETRY_SECONDS', 60, 1, 86_400),
    concurrency: int(env, 'SECOND_LOOK_MAIL_CONNECTIONS', 8, 1, 100),
  };
}
