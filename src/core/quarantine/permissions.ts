/**
 * Quarantine policies: what the recipient of a quarantined message may do with it, as a set of
 * permission bits with Exchange Online's meaning, and whether the policy sends quarantine
 * notifications. Pure data and functions of it.
 *
 * The bits are Exchange Online's `EndUserQuarantinePermissionsValue` as Get-QuarantinePolicy
 * reports it and the quarantine-policies article tabulates it (ViewHeader 128 … Delete 1).
 * (The New-QuarantinePolicy reference lists the same permissions in the opposite bit order;
 * its decimal values, such as 106 and 236, are not these.) Download (64) is not used by
 * Exchange Online, and not here.
 *
 * One difference, on purpose: Exchange Online ignores PermissionToViewHeader (headers of a
 * visible message are always shown). Here the bit is honoured, like every other; every preset
 * group sets it, so the built-in policies behave exactly as Exchange Online's.
 */
import { QUARANTINE_PERMISSION_BITS, type QuarantineAction } from '../../contracts/quarantine';

/** The bit of each action (Exchange Online's EndUserQuarantinePermissionsValue). */
export const PERMISSION_BITS: Readonly<Record<QuarantineAction, number>> = QUARANTINE_PERMISSION_BITS;

/** Actions in bit order: the order allowedActions lists them in. */
export const ACTIONS_BY_BIT: readonly QuarantineAction[] = (Object.keys(PERMISSION_BITS) as QuarantineAction[]).sort((a, b) => PERMISSION_BITS[a] - PERMISSION_BITS[b]);

/** Every bit a policy may set. */
export const ALL_PERMISSION_BITS = ACTIONS_BY_BIT.reduce((all, action) => all | PERMISSION_BITS[action], 0);

/**
 * The preset permission groups (quarantine-policies, Appendix): No access sees headers only;
 * Limited access may request release, delete, preview, see headers and allow the sender; Full
 * access the same with release instead of request release. No group has Block sender.
 */
export const PERMISSION_GROUPS = {
  noAccess: PERMISSION_BITS.viewHeaders,
  limitedAccess: PERMISSION_BITS.viewHeaders | PERMISSION_BITS.allowSender | PERMISSION_BITS.requestRelease | PERMISSION_BITS.preview | PERMISSION_BITS.delete,
  fullAccess: PERMISSION_BITS.viewHeaders | PERMISSION_BITS.allowSender | PERMISSION_BITS.release | PERMISSION_BITS.preview | PERMISSION_BITS.delete,
} as const;

export interface QuarantinePolicy {
  name: string;
  /** A sum of PERMISSION_BITS. */
  permissions: number;
  /** Quarantine notifications (the digest) for messages under this policy. */
  notificationEnabled: boolean;
}

/**
 * The built-in policies, as Exchange Online's default quarantine policies (which cannot be
 * changed there either). NotificationEnabledPolicy exists in Exchange Online only for
 * organisations older than quarantine policies; here it is simply the same as
 * DefaultFullAccessWithNotificationPolicy under its older name.
 */
export const BUILT_IN_POLICIES = {
  AdminOnlyAccessPolicy: { name: 'AdminOnlyAccessPolicy', permissions: PERMISSION_GROUPS.noAccess, notificationEnabled: false },
  DefaultFullAccessPolicy: { name: 'DefaultFullAccessPolicy', permissions: PERMISSION_GROUPS.fullAccess, notificationEnabled: false },
  DefaultFullAccessWithNotificationPolicy: { name: 'DefaultFullAccessWithNotificationPolicy', permissions: PERMISSION_GROUPS.fullAccess, notificationEnabled: true },
  NotificationEnabledPolicy: { name: 'NotificationEnabledPolicy', permissions: PERMISSION_GROUPS.fullAccess, notificationEnabled: true },
} as const satisfies Record<string, QuarantinePolicy>;

export type BuiltInPolicyName = keyof typeof BUILT_IN_POLICIES;

export function isBuiltInPolicyName(name: string): name is BuiltInPolicyName {
  return Object.prototype.hasOwnProperty.call(BUILT_IN_POLICIES, name);
}

/** The built-in policy called `name`, or undefined. */
export function builtInPolicy(name: string): QuarantinePolicy | undefined {
  return isBuiltInPolicyName(name) ? BUILT_IN_POLICIES[name] : undefined;
}

/** Does `permissions` set the bit of `action`? */
export function hasPermission(permissions: number, action: QuarantineAction): boolean {
  return (permissions & PERMISSION_BITS[action]) !== 0;
}

/** The actions whose bits `permissions` sets, in bit order. */
export function permissionActions(permissions: number): QuarantineAction[] {
  return ACTIONS_BY_BIT.filter((action) => hasPermission(permissions, action));
}

/** The permission value of a set of actions. */
export function permissionsOf(actions: Iterable<QuarantineAction>): number {
  let value = 0;
  for (const action of actions) value |= PERMISSION_BITS[action];
  return value;
}

/**
 * What is wrong with a permission value for a policy an organisation defines; empty when
 * nothing. Release and request release exclude each other (Exchange Online: "Don't set both").
 */
export function permissionProblems(permissions: number): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(permissions) || permissions < 0) return ['the permissions must be a whole number of at least 0'];
  const unknown = permissions & ~ALL_PERMISSION_BITS;
  if (unknown !== 0) problems.push(`bits ${unknown} are no permission (known: ${ACTIONS_BY_BIT.map((a) => `${a} ${PERMISSION_BITS[a]}`).join(', ')})`);
  if (hasPermission(permissions, 'release') && hasPermission(permissions, 'requestRelease')) {
    problems.push('release and requestRelease exclude each other: a policy lets recipients release, or request release, or neither');
  }
  return problems;
}
