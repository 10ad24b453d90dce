/**
 * The quarantine's rules, pure: the reasons and their severity, the permission bits and the
 * built-in policies (Exchange Online's), the default reason → policy mapping, the hard rule,
 * what a recipient may do, retention, the envelope-recipient tag, and the reason read from a
 * message's decoded filter headers.
 */
export {
  ACTIONS_BY_BIT,
  ALL_PERMISSION_BITS,
  BUILT_IN_POLICIES,
  PERMISSION_BITS,
  PERMISSION_GROUPS,
  builtInPolicy,
  hasPermission,
  isBuiltInPolicyName,
  permissionActions,
  permissionProblems,
  permissionsOf,
  type BuiltInPolicyName,
  type QuarantinePolicy,
} from './permissions';
export {
  DEFAULT_REASON_POLICIES,
  DEFAULT_RETENTION,
  DEFAULT_RETENTION_DAYS,
  HARD_RULE_REASONS,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  QUARANTINE_REASONS,
  SEVERITY,
  expiresAt,
  isQuarantineReason,
  moreSevere,
  underHardRule,
  type QuarantineReason,
  type RetentionDays,
} from './reasons';
export { allowedActions, mayTake, visibleToRecipient } from './actions';
export { REASON_TAGS, TAG_PREFIX, parseEnvelopeRecipient, taggedRecipient, type EnvelopeRecipient } from './envelope-tag';
export { reasonFromHeaders, reasonFromVerdict, type ReasonDecision, type ReasonEvidenceText, type VerdictEvidence } from './verdict-reason';
export {
  MAX_ADDRESS,
  MAX_MESSAGE_ID,
  MAX_NAME,
  MAX_SUBJECT,
  checkRecipient,
  distinctMailboxes,
  quarantineFields,
  storableLine,
  storableToken,
  type QuarantineFields,
  type RecipientCheck,
  type RecipientRefusal,
} from './intake';
