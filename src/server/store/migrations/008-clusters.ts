import type { Kysely, Migration } from 'kysely';

/** Tables for clusters of similar reports. */
export const m008Clusters: Migration = {
  async up(_db: Kysely<unknown>) {
    // Written with the tables' first use.
  },
  async down(_db: Kysely<unknown>) {},
};
