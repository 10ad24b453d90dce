/**
 * The loop that runs bulk release jobs, started by `main.ts` like the mail sender. Every
 * instance runs it; a job's lease lets one instance at a time release its members, and a job
 * whose instance died is taken by another once the lease has run out. `buildApp` never starts
 * it, so tests call `app.quarantineBulk.runOnce()` themselves.
 */
import type { FastifyInstance } from 'fastify';
import { repeatAfterEachRun } from './repeat';

/** Runs claimable jobs now and then every `seconds` after each run ends (runs never overlap). Stopping waits for the batch under way. */
export function startBulkReleaseLoop(app: FastifyInstance, seconds: number): () => Promise<void> {
  const bulk = app.quarantineBulk;
  let stopped = false;
  const stop = repeatAfterEachRun(
    seconds,
    async () => {
      // Every claimable job, one after another, until none is left or the loop stops.
      for (let result = await bulk.runOnce(); result !== undefined && !stopped; result = await bulk.runOnce()) {
        app.log.info(result, `bulk release job ${result.jobId}: ${result.outcome}, ${result.released} released, ${result.failed} failed in this run`);
      }
    },
    (error) => app.log.error({ err: error }, 'a bulk release run failed; it runs again at the next interval'),
    () => bulk.halt(),
  );
  return () => {
    stopped = true;
    return stop();
  };
}
