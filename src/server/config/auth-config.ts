/**
 * Which tokens the server accepts: its own embedded issuer, or an outside OpenID provider
 * (Entra ID or any other) by its JWKS. Everything a token check rests on is pinned here: the
 * key source (https only, loopback excepted), the algorithms, the tolerated clock skew, the
 * tenants, and which claim carries the mailbox.
 */
import type { IdentityProfile, IdentityRules } from '../../core/identity/claims';
import { isLoopbackHost } from '../../core/net/addresses';
import { ConfigError, httpUrl, int, list, url, type Env } from './env-values';

export type AuthConfig =
  /** The server is its own issuer: key in the data folder, JWKS published at /.well-known/jwks.json. */
  | { kind: 'embedded'; issuer: string; audience: string; algorithms: string[]; clockSkewSeconds: number; identity: IdentityRules }
  /** Any OIDC issuer (Entra ID): tokens verified against its JWKS. */
  | {
      kind: 'oidc';
      /** May hold `{tenantid}` (an Entra multi-tenant issuer); then `identity.tenantIds` lists the tenants. */
      issuer: string;
      audience: string;
      jwksUrl: string;
      algorithms: string[];
      clockSkewSeconds: number;
      identity: IdentityRules;
      /** For the add-in's nested app authentication. */
      clientId: string;
      authority: string;
      apiScopes: string[];
    };

export const EMBEDDED_ISSUER = 'urn:second-look:embedded';
export const EMBEDDED_ALGORITHM = 'ES256';
const DEFAULT_AUDIENCE = 'api://second-look';
/** Asymmetric algorithms only: a shared-secret (HS*) or `none` token could be made by anyone holding the key. */
const ACCEPTABLE_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** Entra ID's sign-in hosts (public and national clouds). */
const ENTRA_HOSTS = ['login.microsoftonline.com', 'sts.windows.net', 'login.windows.net', 'login.microsoftonline.us', 'login.partner.microsoftonline.cn'];

function profileOf(env: Env, issuer: string): IdentityProfile {
  const named = env['SECOND_LOOK_IDENTITY_PROFILE'];
  if (named === 'entra' || named === 'oidc') return named;
  if (named) throw new ConfigError(`SECOND_LOOK_IDENTITY_PROFILE must be entra or oidc, got "${named}"`);
  let host = '';
  try {
    host = new URL(issuer.replace('{tenantid}', 'common')).hostname;
  } catch {
    // A non-URL issuer (urn:…) is not Entra.
  }
  return ENTRA_HOSTS.includes(host) ? 'entra' : 'oidc';
}

function algorithms(env: Env): string[] {
  const named = list(env, 'SECOND_LOOK_TOKEN_ALGORITHMS');
  const chosen = named.length > 0 ? named : ['RS256'];
  for (const alg of chosen) {
    if (!ACCEPTABLE_ALGORITHMS.includes(alg)) {
      throw new ConfigError(`SECOND_LOOK_TOKEN_ALGORITHMS: ${alg} is not accepted; choose from ${ACCEPTABLE_ALGORITHMS.join(', ')}`);
    }
  }
  return chosen;
}

/** The key set's URL: https, except on this machine (a test or a local provider). */
function jwksUrl(raw: string): string {
  const parsed = httpUrl('SECOND_LOOK_JWKS_URL', raw);
  if (parsed.protocol !== 'https:' && !isLoopbackHost(parsed.hostname)) {
    throw new ConfigError('SECOND_LOOK_JWKS_URL must be an https URL: keys fetched over plain http can be swapped by anyone on the path');
  }
  return url('SECOND_LOOK_JWKS_URL', raw);
}

export function authFromEnv(env: Env): AuthConfig {
  const audience = env['SECOND_LOOK_AUDIENCE'] || DEFAULT_AUDIENCE;
  const clockSkewSeconds = int(env, 'SECOND_LOOK_CLOCK_SKEW_SECONDS', 60, 0, 300);
  const mailboxClaim = env['SECOND_LOOK_MAILBOX_CLAIM'] || undefined;
  const tenantIds = list(env, 'SECOND_LOOK_TENANT_IDS').map((t) => t.toLowerCase());
  const rawJwks = env['SECOND_LOOK_JWKS_URL'];
  if (!rawJwks) {
    // Our own issuer signs the `email` claim itself, so that claim is the mailbox.
    return {
      kind: 'embedded',
      issuer: env['SECOND_LOOK_ISSUER'] || EMBEDDED_ISSUER,
      audience,
      algorithms: [EMBEDDED_ALGORITHM],
      clockSkewSeconds,
      identity: { profile: 'oidc', tenantIds: [], mailboxClaim: 'email' },
    };
  }
  const issuer = env['SECOND_LOOK_ISSUER'];
  const clientId = env['SECOND_LOOK_CLIENT_ID'];
  if (!issuer) throw new ConfigError('SECOND_LOOK_ISSUER is required when SECOND_LOOK_JWKS_URL is set');
  if (!clientId) throw new ConfigError('SECOND_LOOK_CLIENT_ID is required when SECOND_LOOK_JWKS_URL is set');
  if (issuer.includes('{tenantid}') && tenantIds.length === 0) {
    throw new ConfigError('SECOND_LOOK_ISSUER names {tenantid} (a multi-tenant issuer): list the accepted tenants in SECOND_LOOK_TENANT_IDS');
  }
  return {
    kind: 'oidc',
    issuer,
    audience,
    jwksUrl: jwksUrl(rawJwks),
    algorithms: algorithms(env),
    clockSkewSeconds,
    identity: { profile: profileOf(env, issuer), tenantIds, mailboxClaim },
    clientId,
    authority: env['SECOND_LOOK_AUTHORITY'] || 'https://login.microsoftonline.com/organizations',
    apiScopes: (env['SECOND_LOOK_API_SCOPES'] || `${audience}/access_as_user`).split(/[\s,]+/).filter(Boolean),
  };
}
