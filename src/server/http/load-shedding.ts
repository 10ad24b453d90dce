/**
 * Load shedding: when the event loop lags or memory runs short, new requests get 503 with
 * Retry-After at once, instead of queueing until the process stalls or dies. Clients that
 * retry (the add-in's outbox does) come back when the server has caught up.
 */
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import type { ProtectionConfig } from '../config/protection-config';

/** Sent as Retry-After; the error handler words the 503 (FST_UNDER_PRESSURE). */
export const RETRY_AFTER_SECONDS = 10;

export async function installLoadShedding(app: FastifyInstance, pressure: ProtectionConfig['pressure']): Promise<void> {
  const { maxEventLoopDelayMs, maxHeapUsedBytes, maxRssBytes } = pressure;
  if (maxEventLoopDelayMs === 0 && maxHeapUsedBytes === 0 && maxRssBytes === 0) return;
  await app.register(underPressure, {
    maxEventLoopDelay: maxEventLoopDelayMs,
    maxHeapUsedBytes,
    maxRssBytes,
    retryAfter: RETRY_AFTER_SECONDS,
  });
}
