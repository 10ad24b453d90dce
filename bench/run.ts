/**
 * `npm run bench`: every speed target of the product, measured on this machine, printed as a
 * table. Exits non-zero when a target is missed, so a regression is loud. Pass names to run a
 * subset: `npm run bench -- intake`.
 */
import { run as analysis } from './analysis.bench';
import { run as bulk } from './quarantine-bulk.bench';
import { run as clusters } from './clusters.bench';
import { run as decide } from './decide.bench';
import { run as decisions } from './decisions-http.bench';
import { run as intake } from './intake.bench';
import { run as list } from './submissions-list.bench';
import { run as portal } from './portal.bench';
import { run as quarantineList } from './quarantine-list.bench';
import { run as smtp } from './smtp-intake.bench';
import { run as taskpane } from './taskpane.bench';
import type { Bench, BenchResult } from './types';

const BENCHES: Record<string, Bench> = {
  analysis,
  bulk,
  clusters,
  decide,
  decisions,
  intake,
  list,
  portal,
  'quarantine-list': quarantineList,
  smtp,
  taskpane,
};

function format(result: BenchResult): string {
  const target = result.target ? ` (target ${result.target.op} ${result.target.value})` : '';
  const verdict = result.pass === undefined ? '' : result.pass ? '  PASS' : '  MISS';
  const note = result.note ? `\n      ${result.note}` : '';
  return `  ${result.name}: ${result.value} ${result.unit}${target}${verdict}${note}`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(BENCHES);
  let missed = 0;
  for (const name of names) {
    const run = BENCHES[name];
    if (!run) throw new Error(`unknown bench "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    process.stdout.write(`${name}\n`);
    for (const result of await run()) {
      process.stdout.write(`${format(result)}\n`);
      if (result.pass === false) missed++;
    }
  }
  process.stdout.write(`\n${new Date().toISOString()} node ${process.version}\n`);
  if (missed) process.exitCode = 1;
}

void main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
