/**
 * What the recipient of a quarantined message may do with it: the policy's permissions, under
 * the hard rule. The server asks this before every end-user action, not only to draw buttons.
 */
import type { QuarantineAction, QuarantineReason } from '../../contracts/quarantine';
import { ACTIONS_BY_BIT, hasPermission, PERMISSION_BITS, type QuarantinePolicy } from './permissions';
import { underHardRule } from './reasons';

/**
 * Whether the recipient sees the message in their quarantine at all. As in Exchange Online, a
 * No access policy (no permission but View headers) hides it, unless the policy sends
 * notifications: then the message is listed, and headers are all the recipient can see.
 */
export function visibleToRecipient(policy: QuarantinePolicy): boolean {
  return (policy.permissions & ~PERMISSION_BITS.viewHeaders) !== 0 || policy.notificationEnabled;
}

/**
 * The actions the recipient may take, in bit order:
 * - none when the message is not visible to them (see visibleToRecipient);
 * - otherwise each action whose bit the policy sets, except that release and request release
 *   are one choice: release when the policy allows it, else request release when it allows that;
 * - the hard rule: for malware and high-confidence phishing, release becomes request release
 *   (Exchange Online: the permission "isn't honored"; users "are instead allowed to request
 *   the release"), so end users can at most request release, whatever the policy says.
 */
export function allowedActions(reason: QuarantineReason, policy: QuarantinePolicy): QuarantineAction[] {
  if (!visibleToRecipient(policy)) return [];
  const permissions = policy.permissions;
  const mayRelease = hasPermission(permissions, 'release');
  const mayRequest = hasPermission(permissions, 'requestRelease');
  const release: QuarantineAction | undefined = mayRelease && !underHardRule(reason) ? 'release' : mayRelease || mayRequest ? 'requestRelease' : undefined;
  return ACTIONS_BY_BIT.filter((action) => {
    if (action === 'release' || action === 'requestRelease') return action === release;
    return hasPermission(permissions, action);
  });
}

/** May the recipient take `action` on a message quarantined for `reason` under `policy`? */
export function mayTake(action: QuarantineAction, reason: QuarantineReason, policy: QuarantinePolicy): boolean {
  return allowedActions(reason, policy).includes(action);
}
