/**
 * Quarantine reasons: how severe each is, which the hard rule covers, which policy each gets by
 * default (Exchange Online's defaults), and how long each is kept. Pure data and functions of it.
 */
import { QUARANTINE_REASONS, type QuarantineReason } from '../../contracts/quarantine';
import type { BuiltInPolicyName } from './permissions';

export { QUARANTINE_REASONS, type QuarantineReason };

export function isQuarantineReason(value: string): value is QuarantineReason {
  return (QUARANTINE_REASONS as readonly string[]).includes(value);
}

/**
 * Malware and high-confidence phishing: whatever the policy says, end users can at most
 * request release (Exchange Online: PermissionToRelease "isn't honored" for them; users are
 * "instead allowed to request the release").
 */
export const HARD_RULE_REASONS: ReadonlySet<QuarantineReason> = new Set<QuarantineReason>(['malware', 'highConfidencePhishing']);

export function underHardRule(reason: QuarantineReason): boolean {
  return HARD_RULE_REASONS.has(reason);
}

/**
 * How severe a reason is, for choosing between verdicts: the more severe one wins. Filter
 * verdicts rank by threat; `organisationRule` (held by the mail flow, no verdict) ranks below
 * every verdict, so it is the reason only when no filter says anything.
 */
export const SEVERITY: Readonly<Record<QuarantineReason, number>> = {
  organisationRule: 0,
  bulk: 1,
  spam: 2,
  highConfidenceSpam: 3,
  phishing: 4,
  highConfidencePhishing: 5,
  malware: 6,
};

/** The more severe of two reasons (the first when equal). */
export function moreSevere(a: QuarantineReason, b: QuarantineReason): QuarantineReason {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/**
 * The policy each reason gets unless the organisation maps it otherwise: Exchange Online's
 * default anti-spam and anti-malware policies. Users act on spam, high-confidence spam, bulk
 * and phishing (DefaultFullAccessPolicy); high-confidence phishing and malware are the admins'
 * (AdminOnlyAccessPolicy); mail held by a mail flow rule is not governed by a quarantine
 * policy in Exchange Online and is admin-only there too.
 */
export const DEFAULT_REASON_POLICIES: Readonly<Record<QuarantineReason, BuiltInPolicyName>> = {
  spam: 'DefaultFullAccessPolicy',
  highConfidenceSpam: 'DefaultFullAccessPolicy',
  bulk: 'DefaultFullAccessPolicy',
  phishing: 'DefaultFullAccessPolicy',
  highConfidencePhishing: 'AdminOnlyAccessPolicy',
  malware: 'AdminOnlyAccessPolicy',
  organisationRule: 'AdminOnlyAccessPolicy',
};

/** Retention: 30 days unless configured, from 1 to 30 (Exchange Online's bounds). */
export const DEFAULT_RETENTION_DAYS = 30;
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 30;

export type RetentionDays = Readonly<Record<QuarantineReason, number>>;

export const DEFAULT_RETENTION: RetentionDays = Object.fromEntries(QUARANTINE_REASONS.map((r) => [r, DEFAULT_RETENTION_DAYS])) as Record<QuarantineReason, number>;

const DAY_MS = 86_400_000;

/** When a message quarantined at `received` for `reason` expires. */
export function expiresAt(received: Date, reason: QuarantineReason, retention: RetentionDays = DEFAULT_RETENTION): Date {
  const days = Math.min(MAX_RETENTION_DAYS, Math.max(MIN_RETENTION_DAYS, retention[reason]));
  return new Date(received.getTime() + days * DAY_MS);
}
