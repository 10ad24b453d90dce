import type { Kysely, Migration } from 'kysely';

/** Tables for one-time sign-in links for the portal. */
export const m009SignInLinks: Migration = {
  async up(_db: Kysely<unknown>) {
    // Written with the tables' first use.
  },
  async down(_db: Kysely<unknown>) {},
};
