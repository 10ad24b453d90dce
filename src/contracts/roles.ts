/**
 * Roles carried in the token's `roles` claim. Names follow Microsoft Entra ID's built-in
 * roles so an Entra app registration can emit them unchanged. No role = an end user.
 * SecurityAdministrator does everything; SecurityReader reads everything and changes nothing;
 * QuarantineAdministrator takes the quarantine actions; QuarantineIntake (an MTA or another
 * integration, not a person) may only hand messages to the quarantine (POST /api/quarantine).
 */
import type { Static } from '@sinclair/typebox';
import { literalUnion } from './common';

export const ROLES = ['SecurityAdministrator', 'SecurityReader', 'QuarantineAdministrator', 'QuarantineIntake'] as const;
export const Role = literalUnion(ROLES);
export type Role = Static<typeof Role>;
