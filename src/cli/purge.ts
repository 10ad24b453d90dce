/** `second-look purge --now`: run the retention purge once, by hand, and say what went. */
import { parseArgs } from 'node:util';
import { buildApp } from '../server/app';
import type { Config } from '../server/config/config';
import { UsageError, type CliIo } from './io';

export async function runPurge(argv: string[], config: Config, io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { now: { type: 'boolean' } }, strict: true });
  if (!values.now) {
    throw new UsageError(`say --now to delete submissions and messages older than ${config.protection.retention.submissionDays} days (SECOND_LOOK_RETENTION_DAYS) now`);
  }
  const app = await buildApp({ ...config, logLevel: false });
  try {
    const result = await app.services.retention.purge('cli:purge');
    if (!result.ran) {
      io.out('another server instance is purging right now; nothing was done');
      return 0;
    }
    io.out(`purged ${result.submissions} submissions created before ${result.cutoff} and ${result.messages} stored messages${result.files > 0 ? ` (${result.files} message files)` : ''}`);
    // The quarantine's own retention (per reason) runs in the same purge.
    if (result.quarantine.rows > 0) io.out(`purged ${result.quarantine.rows} quarantined messages past their retention and ${result.quarantine.messages} stored messages they used`);
    return 0;
  } finally {
    await app.close();
  }
}
