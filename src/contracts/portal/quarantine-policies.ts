/**
 * Quarantine policies an admin manages in the portal (Settings): the organisation's own
 * policies beside the four built-in ones, and which policy each quarantine reason uses. A
 * policy's permissions are Exchange Online's bits (delete 1, preview 2, release 4, request
 * release 8, block sender 16, allow sender 32, view headers 128).
 */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime } from '../common';
import { QUARANTINE_REASONS, QuarantinePolicyName, type QuarantineReason } from '../quarantine';

export const QuarantinePolicyBody = Type.Object(
  {
    /** Not a built-in policy's name. */
    name: QuarantinePolicyName,
    /** A sum of the permission bits; release and request release exclude each other. */
    permissions: Type.Integer({ minimum: 0, maximum: 255 }),
    /** Quarantine notifications for messages under this policy. */
    notificationEnabled: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type QuarantinePolicyBody = Static<typeof QuarantinePolicyBody>;

/** Which policy each reason's messages get (a built-in or an own policy's name). */
export const ReasonPolicies = Type.Object(Object.fromEntries(QUARANTINE_REASONS.map((r) => [r, QuarantinePolicyName])) as Record<QuarantineReason, typeof QuarantinePolicyName>, { additionalProperties: false });
export type ReasonPolicies = Record<QuarantineReason, string>;

/** PUT /api/settings/quarantine-policies: the organisation's own policies and the mapping, whole. */
export const QuarantinePolicySettings = Type.Object(
  {
    policies: Type.Array(QuarantinePolicyBody, { maxItems: 50 }),
    reasonPolicies: ReasonPolicies,
  },
  { additionalProperties: false },
);
export type QuarantinePolicySettings = Static<typeof QuarantinePolicySettings>;

export const QuarantinePolicySettingsResponse = Type.Object({
  /** The four built-in policies (Exchange Online's defaults); they cannot be changed. */
  builtIn: Type.Array(QuarantinePolicyBody),
  policies: Type.Array(QuarantinePolicyBody),
  reasonPolicies: ReasonPolicies,
  /** When an admin last saved; null while the environment's mapping applies. */
  modifiedDateTime: Type.Union([IsoDateTime, Type.Null()]),
  modifiedBy: Type.Union([Type.String(), Type.Null()]),
});
export type QuarantinePolicySettingsResponse = Static<typeof QuarantinePolicySettingsResponse>;
