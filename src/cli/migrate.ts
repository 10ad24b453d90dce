/** `second-look migrate`: bring the database schema up to date, and say what ran. */
import type { Config } from '../server/config/config';
import { migrateToLatest, openDatabase } from '../server/store/database';
import type { CliIo } from './io';

export async function runMigrate(config: Config, io: CliIo): Promise<number> {
  const db = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const applied = await migrateToLatest(db);
    io.out(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
    return 0;
  } finally {
    await db.destroy();
  }
}
