// Preloaded into a server process by the crash tests (after transpile-ts.cjs): once a mail has
// been handed over (the relay answered 250, or the pickup file was renamed into place) and
// before the server records it as sent, the process says so and waits, to be killed there.
const path = require('node:path');
const { MailOutboxRepo } = require(path.join(__dirname, '../../src/server/store/mail-outbox-repo.ts'));

const recordAllSent = MailOutboxRepo.prototype.markAllSent;
MailOutboxRepo.prototype.markAllSent = function pauseBeforeMark(ids, ...rest) {
  // The sender records an empty round as it claims the first one: nothing was handed over yet.
  if (ids.length === 0) return recordAllSent.call(this, ids, ...rest);
  for (const id of ids) process.stdout.write(`\nhanded over, not yet marked: ${id}\n`);
  return new Promise(() => {});
};
