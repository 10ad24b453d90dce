// Preloaded into a server process by the crash tests (after transpile-ts.cjs): once a mail has
// been handed over (the relay answered 250, or the pickup file was renamed into place) and
// before the server records it as sent, the process says so and waits, to be killed there.
const path = require('node:path');
const { MailOutboxRepo } = require(path.join(__dirname, '../../src/server/store/mail-outbox-repo.ts'));

MailOutboxRepo.prototype.markSent = function pauseBeforeMark(id) {
  process.stdout.write(`\nhanded over, not yet marked: ${id}\n`);
  return new Promise(() => {});
};
