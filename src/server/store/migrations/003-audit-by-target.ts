import type { Kysely, Migration } from 'kysely';

/** "The newest change to one kind of target" (list fingerprints, map Last-Modified) by index. */
export const m003AuditByTarget: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target_type', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('audit_log_target').execute();
  },
};
