#!/usr/bin/env node
// Refuses, in one sentence, to go on under a Node.js that Second Look does not support. Runs
// before `npm install` and `npm start`, and first thing in the `second-look` command, so a
// newcomer on an old Node reads what to do instead of a stack trace from deep inside a build.
'use strict';
const SUPPORTED = { major: 22, minor: 12 };

function supported(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > SUPPORTED.major || (major === SUPPORTED.major && minor >= SUPPORTED.minor);
}

function check() {
  if (supported(process.version)) return;
  process.stderr.write(
    `Second Look needs Node.js ${SUPPORTED.major}.${SUPPORTED.minor} or newer (Node 24 LTS recommended), and this is Node.js ${process.version.slice(1)}: install a current Node.js from https://nodejs.org and run the command again.\n`,
  );
  process.exit(1);
}

module.exports = { check, supported };
if (require.main === module) check();
