/**
 * Who may do what. Pure: a principal and a resource in, yes or no out. Roles follow Entra ID:
 * SecurityAdministrator reads and changes everything, SecurityReader reads everything and
 * changes nothing, QuarantineAdministrator takes the quarantine actions, everyone else is an
 * end user who sees only their own reports.
 */
import type { Role } from '../contracts/roles';

export interface Principal {
  /**
   * The stable subject the issuer assigned (`entra:TID:OID`, `oidc:ISS:SUB`): who did a thing,
   * in the audit trail, the quotas and the rate limits. Never derived from an address.
   */
  id: string;
  /** Lower-cased mailbox address, from a claim the tenant controls: scopes "my" reports and lists. */
  email: string;
  /** The Entra tenant, when the token names one. */
  tenantId?: string;
  displayName?: string;
  roles: readonly Role[];
}

export function isAdmin(principal: Principal): boolean {
  return principal.roles.includes('SecurityAdministrator');
}

/** May see every user's submissions, lists and verdicts. */
export function canReadAll(principal: Principal): boolean {
  return isAdmin(principal) || principal.roles.includes('SecurityReader');
}

/** May change organisation-wide state: analyse, release, allow/block entries. */
export function canAdminister(principal: Principal): boolean {
  return isAdmin(principal);
}

/** May take the quarantine actions (release, delete, approve or deny requests). */
export function canManageQuarantine(principal: Principal): boolean {
  return isAdmin(principal) || principal.roles.includes('QuarantineAdministrator');
}

/**
 * May read the quarantine: every row, its message and preview, the bulk release jobs. The
 * security team, and quarantine administrators: they act on what they see, as Defender's
 * Quarantine Administrator does, without reading reports, lists or settings.
 */
export function canReadQuarantine(principal: Principal): boolean {
  return canReadAll(principal) || principal.roles.includes('QuarantineAdministrator');
}

/**
 * May hand messages to the quarantine (POST /api/quarantine): an MTA or another integration.
 * Only this role: an administrator releases mail, and need not also be able to put it there.
 */
export function canIntakeQuarantine(principal: Principal): boolean {
  return principal.roles.includes('QuarantineIntake');
}

export function canReadSubmissionOf(principal: Principal, createdByEmail: string): boolean {
  return canReadAll(principal) || principal.email === createdByEmail.toLowerCase();
}
