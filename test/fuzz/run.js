#!/usr/bin/env node
/**
 * `npm run fuzz`: the OpenAPI fuzzer at full length (200,000 cases, or the number given:
 * `npm run fuzz -- 500000`). `npm test` runs the same test with 20,000. Record the result in
 * FUZZING.md. FUZZ_SEED replays a run.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const cases = process.argv[2] ?? '200000';
if (!/^\d+$/.test(cases)) {
  process.stderr.write('usage: npm run fuzz [-- CASES]\n');
  process.exit(2);
}
const seed = process.env.FUZZ_SEED ?? String(Date.now() % 1_000_000_000);
process.stdout.write(`fuzzing ${cases} cases, seed ${seed} (FUZZ_SEED=${seed} replays this run)\n`);
const jest = path.join(__dirname, '..', '..', 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning', jest, '--runTestsByPath', 'test/server/openapi-fuzz.test.ts', '--testTimeout', '86400000'],
  { stdio: 'inherit', env: { ...process.env, FUZZ_CASES: cases, FUZZ_SEED: seed } },
);
process.exit(result.status ?? 1);
