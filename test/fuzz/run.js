#!/usr/bin/env node
/**
 * `npm run fuzz`: the OpenAPI fuzzer at full length (200,000 cases, or the number given:
 * `npm run fuzz -- 500000`). `npm test` runs the same test with 20,000. Record the result in
 * FUZZING.md.
 */
const { run } = require('jest');

const cases = process.argv[2] ?? '200000';
if (!/^\d+$/.test(cases)) {
  process.stderr.write('usage: npm run fuzz [-- CASES]\n');
  process.exit(2);
}
process.env.FUZZ_CASES = cases;
process.env.FUZZ_SEED = process.env.FUZZ_SEED ?? String(Date.now() % 1_000_000_000);
process.stdout.write(`fuzzing ${cases} cases, seed ${process.env.FUZZ_SEED} (set FUZZ_SEED to replay)\n`);
run(['--runTestsByPath', 'test/server/openapi-fuzz.test.ts', '--testTimeout', '86400000']).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
