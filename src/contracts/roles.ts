/**
 * Roles carried in the token's `roles` claim. Names follow Microsoft Entra ID's built-in
 * roles so an Entra app registration can emit them unchanged. No role = an end user.
 */
export const ROLES = ['SecurityAdministrator', 'SecurityReader'] as const;
export type Role = (typeof ROLES)[number];
