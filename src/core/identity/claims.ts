/**
 * Who a verified token names. Pure: the claims of a token whose signature, issuer, audience and
 * times were already checked go in; a principal, or the reason for refusing it, comes out.
 *
 * Two rules keep identity from being claimed (the nOAuth class of flaw):
 * - the principal's id is a stable subject the issuer assigns: `tid` + `oid` for Entra ID,
 *   `iss` + `sub` elsewhere. It never rests on an address.
 * - the mailbox that scopes "my submissions" and "my lists" comes from a claim the tenant
 *   controls. In Entra ID that is `upn` / `preferred_username` (set by the tenant's admins for
 *   work accounts); its `email` claim is unverified and editable by users, so it is never read.
 *   Elsewhere `email` counts only when the issuer says it verified it.
 */
import { ROLES, type Role } from '../../contracts/roles';
import type { Principal } from '../permissions';

export type IdentityProfile = 'entra' | 'oidc';

export interface IdentityRules {
  profile: IdentityProfile;
  /** Entra tenant ids whose tokens are accepted; empty = only the tenant the issuer names. */
  tenantIds: readonly string[];
  /** A claim the admin chose to carry the mailbox, read as-is; undefined = the profile's own. */
  mailboxClaim: string | undefined;
}

export type ClaimsResult = { ok: true; principal: Principal } | { ok: false; reason: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ADDRESS = /^[^\s@<>()[\],;:"]{1,64}@[^\s@<>()[\],;:"]{1,255}$/;

type Claims = Readonly<Record<string, unknown>>;

function text(claims: Claims, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function mailboxIn(claims: Claims, name: string): string | undefined {
  const value = text(claims, name);
  return value !== undefined && ADDRESS.test(value) ? value.toLowerCase() : undefined;
}

function rolesOf(claims: Claims): Role[] {
  const raw = claims['roles'];
  if (!Array.isArray(raw)) return [];
  return raw.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
}

/** The tenant an Entra issuer URL names (`https://login.microsoftonline.com/{tid}/v2.0`). */
export function tenantOfIssuer(issuer: string): string | undefined {
  const segment = issuer.split('/').find((part) => GUID.test(part));
  return segment?.toLowerCase();
}

function entraSubject(claims: Claims, rules: IdentityRules, issuer: string): { id: string; tenantId: string } | string {
  const tid = text(claims, 'tid')?.toLowerCase();
  const oid = text(claims, 'oid')?.toLowerCase();
  if (tid === undefined || !GUID.test(tid) || oid === undefined || !GUID.test(oid)) {
    return 'the token carries no tenant and object id (tid, oid)';
  }
  const allowed = rules.tenantIds.length > 0 ? rules.tenantIds.map((t) => t.toLowerCase()) : [tenantOfIssuer(issuer)].filter((t) => t !== undefined);
  if (!allowed.includes(tid)) return `tenant ${tid} is not configured on this server`;
  return { id: `entra:${tid}:${oid}`, tenantId: tid };
}

function entraMailbox(claims: Claims): string | undefined {
  return mailboxIn(claims, 'upn') ?? mailboxIn(claims, 'preferred_username');
}

function oidcMailbox(claims: Claims): string | undefined {
  return claims['email_verified'] === true ? mailboxIn(claims, 'email') : undefined;
}

/** The principal a verified token names, by `rules`. `issuer` is the token's verified `iss`. */
export function principalFromClaims(claims: Claims, rules: IdentityRules): ClaimsResult {
  const issuer = text(claims, 'iss') ?? '';
  let id: string;
  let tenantId: string | undefined;
  if (rules.profile === 'entra') {
    const subject = entraSubject(claims, rules, issuer);
    if (typeof subject === 'string') return { ok: false, reason: subject };
    ({ id, tenantId } = subject);
  } else {
    const sub = text(claims, 'sub');
    if (sub === undefined) return { ok: false, reason: 'the token carries no subject (sub)' };
    if (rules.tenantIds.length > 0) {
      const tid = text(claims, 'tid')?.toLowerCase();
      if (tid === undefined || !rules.tenantIds.some((t) => t.toLowerCase() === tid)) {
        return { ok: false, reason: `tenant ${tid ?? '(none)'} is not configured on this server` };
      }
      tenantId = tid;
    }
    id = `oidc:${issuer}:${sub}`;
  }
  const email =
    rules.mailboxClaim !== undefined
      ? mailboxIn(claims, rules.mailboxClaim)
      : rules.profile === 'entra'
        ? entraMailbox(claims)
        : oidcMailbox(claims);
  if (email === undefined) {
    const where =
      rules.mailboxClaim ?? (rules.profile === 'entra' ? 'upn or preferred_username' : 'a verified email (email with email_verified: true)');
    return { ok: false, reason: `the token names no mailbox address in ${where}` };
  }
  const principal: Principal = { id, email, roles: rolesOf(claims) };
  const name = text(claims, 'name');
  if (name !== undefined) principal.displayName = name;
  if (tenantId !== undefined) principal.tenantId = tenantId;
  return { ok: true, principal };
}
