import { sql } from 'kysely';
import type { Db } from '../store/database';

export type HealthResult = { ok: true; database: string; version: string } | { ok: false; message: string };

export class HealthService {
  constructor(
    private readonly db: Db,
    private readonly databaseKind: 'sqlite' | 'postgresql',
    private readonly version: string,
  ) {}

  async check(): Promise<HealthResult> {
    try {
      await sql`select 1`.execute(this.db);
      return { ok: true, database: this.databaseKind, version: this.version };
    } catch (error) {
      return { ok: false, message: `the database did not answer: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
