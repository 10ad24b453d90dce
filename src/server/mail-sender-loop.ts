/**
 * The loop that empties the outgoing mail queue, started by `main.ts` (and by end-to-end tests
 * that need mail to leave as it does in production). `buildApp` never starts it, so tests that
 * want control call `app.mailSender.runOnce()` themselves.
 */
import type { FastifyInstance } from 'fastify';
import { repeatAfterEachRun } from './repeat';

/**
 * Sends the outgoing mail queue's due mail now and then every `seconds` after each run ends
 * (runs never overlap). Stopping waits for the mail being sent, so a clean shutdown leaves
 * nothing `sending`; a failed run is logged and tried again at the next interval.
 */
export function startMailSender(app: FastifyInstance, seconds: number): () => Promise<void> {
  const sender = app.mailSender;
  app.log.info(`outgoing mail goes to the ${sender.description}`);
  return repeatAfterEachRun(
    seconds,
    async () => {
      const result = await sender.runOnce();
      const log = { sent: result.sent, retrying: result.retrying, failed: result.failed, unconfirmed: result.unconfirmed, requeued: result.requeued };
      if (result.failed.length > 0 || result.unconfirmed.length > 0) app.log.warn(log, 'outgoing mail needs an admin: see the mail queue');
      else if (result.sent.length > 0 || result.retrying.length > 0 || result.requeued.length > 0) app.log.info(log, `sent ${result.sent.length} mails`);
    },
    (error) => app.log.error({ err: error }, 'the mail sender failed; it runs again at the next interval'),
    () => sender.halt(),
  );
}
