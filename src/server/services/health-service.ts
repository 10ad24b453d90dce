import type { Store } from '../store/unit-of-work';

export type HealthResult = { ok: true; database: string; version: string } | { ok: false; message: string };

export class HealthService {
  constructor(
    private readonly store: Store,
    private readonly databaseKind: 'sqlite' | 'postgresql',
    private readonly version: string,
  ) {}

  async check(): Promise<HealthResult> {
    try {
      await this.store.ping();
      return { ok: true, database: this.databaseKind, version: this.version };
    } catch (error) {
      return { ok: false, message: `the database did not answer: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
