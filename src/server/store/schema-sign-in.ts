/** One-time sign-in links for the portal (migration 009). */

export interface PortalSignInLinksTable {
  /** SHA-256 (hex) of the link's code; the code itself is never stored. */
  code_sha256: string;
  email: string;
  /** JSON array of roles. */
  roles: string;
  created_date_time: string;
  expires_date_time: string;
  used_date_time: string | null;
}

export interface SignInTables {
  portal_sign_in_links: PortalSignInLinksTable;
}
