/**
 * The loop that runs bulk release jobs, started by `main.ts` like the mail sender. Every
 * instance runs it; a job's lease lets one instance at a time release its members, and a job
 * whose instance died is taken by another once the lease has run out. `buildApp` never starts
 * it, so tests call `app.quarantineBulk.runOnce()` themselves.
 */
import type { FastifyInstance } from 'fastify';

/** Runs claimable jobs now and then every `seconds` after each run ends (runs never overlap). Stopping waits for the batch under way. */
export function startBulkReleaseLoop(app: FastifyInstance, seconds: number): () => Promise<void> {
  const bulk = app.quarantineBulk;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const runAll = async () => {
    for (let result = await bulk.runOnce(); result !== undefined && !stopped; result = await bulk.runOnce()) {
      app.log.info(result, `bulk release job ${result.jobId}: ${result.outcome}, ${result.released} released, ${result.failed} failed in this run`);
    }
  };
  const run = () => {
    runAll().catch((error: unknown) => app.log.error({ err: error }, 'a bulk release run failed; it runs again at the next interval'))
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(run, seconds * 1000);
          timer.unref();
        }
      });
  };
  run();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await bulk.halt();
  };
}
