import type { Kysely, Migration } from 'kysely';

/**
 * Users' Safe/Blocked Senders and the Tenant Allow/Block List. Unique indexes back the
 * duplicate rules, so two concurrent adds of one value cannot both succeed.
 */
export const m002Lists: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('user_list_entries')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('owner_email', 'varchar(320)', (c) => c.notNull())
      .addColumn('list', 'varchar(16)', (c) => c.notNull())
      .addColumn('value', 'varchar(400)', (c) => c.notNull())
      .addColumn('display_value', 'text', (c) => c.notNull())
      .addColumn('value_type', 'varchar(16)', (c) => c.notNull())
      .addColumn('created_date_time', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('user_list_entries_unique')
      .on('user_list_entries')
      .columns(['owner_email', 'list', 'value'])
      .unique()
      .execute();

    await db.schema
      .createTable('allow_block_entries')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('value', 'varchar(400)', (c) => c.notNull())
      .addColumn('display_value', 'text', (c) => c.notNull())
      .addColumn('value_type', 'varchar(16)', (c) => c.notNull())
      .addColumn('action', 'varchar(8)', (c) => c.notNull())
      .addColumn('source', 'varchar(16)', (c) => c.notNull())
      .addColumn('submission_id', 'varchar(64)')
      .addColumn('expiration', 'text', (c) => c.notNull())
      .addColumn('expiration_set_date_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('created_by', 'varchar(320)', (c) => c.notNull())
      .addColumn('created_date_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('modified_by', 'varchar(320)', (c) => c.notNull())
      .addColumn('modified_date_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('last_used_date_time', 'varchar(32)')
      .execute();
    await db.schema.createIndex('allow_block_entries_unique').on('allow_block_entries').columns(['action', 'value']).unique().execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('allow_block_entries').execute();
    await db.schema.dropTable('user_list_entries').execute();
  },
};
