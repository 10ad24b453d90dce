#!/usr/bin/env node
// The `second-look` command. The TypeScript is compiled by `npm run build:server` (npm install
// runs it through the prepare script); without it there is nothing to run.
'use strict';
require('./check-node').check();
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'build', 'src', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('second-look: not built yet; run `npm run build` first\n');
  process.exit(2);
}
require(cli)
  .main(process.argv.slice(2))
  .then(
    (code) => { if (code !== 0) process.exitCode = code; },
    (error) => { process.stderr.write(`second-look: ${error && error.message ? error.message : error}\n`); process.exitCode = 1; },
  );
