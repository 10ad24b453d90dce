/** One-time sign-in links for the portal (migration 009). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in with the tables
export interface SignInTables {}
