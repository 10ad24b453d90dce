import type { Kysely, Migration } from 'kysely';

/**
 * One-time sign-in links for the portal on the embedded default. Only the SHA-256 of a link's
 * code is kept: the database alone cannot sign anyone in. A link is consumed by one
 * conditional update, so two browsers opening it at once cannot both get a session.
 */
export const m009SignInLinks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('portal_sign_in_links')
      .addColumn('code_sha256', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('email', 'varchar(320)', (c) => c.notNull())
      /** JSON array of roles. */
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('created_date_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('expires_date_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('used_date_time', 'varchar(32)')
      .execute();
    await db.schema.createIndex('portal_sign_in_links_expires').on('portal_sign_in_links').column('expires_date_time').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('portal_sign_in_links').execute();
  },
};
