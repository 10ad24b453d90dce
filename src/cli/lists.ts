/** `second-look lists expire --now`: run the expiry sweep once, by hand, and say what went. */
import { parseArgs } from 'node:util';
import { buildApp } from '../server/app';
import type { Config } from '../server/config/config';
import { UsageError, type CliIo } from './io';

export async function runLists(argv: string[], config: Config, io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'expire') throw new UsageError('usage: second-look lists expire --now');
  const { values } = parseArgs({ args: rest, options: { now: { type: 'boolean' } }, strict: true });
  if (!values.now) throw new UsageError('say --now to remove every expired allow/block entry now');
  const app = await buildApp({ ...config, logLevel: false });
  try {
    const removed = await app.services.entries.expire('cli:lists-expire');
    io.out(removed.length === 0 ? 'no allow/block entries have expired' : removed.map((e) => `expired ${e.action} ${e.displayValue} (${e.id}, expiry ${e.expirationDateTime ?? 'never'})`).join('\n'));
    return 0;
  } finally {
    await app.close();
  }
}
