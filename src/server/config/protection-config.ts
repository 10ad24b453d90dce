/**
 * How the server protects itself and the people in it: who may get dev tokens, which proxies
 * are believed about a client's address, rate limits, the daily report quota, load shedding,
 * and how long reported mail is kept. Every default is documented in the README's "Security
 * model" and generous enough that no honest client meets it.
 */
import { getHeapStatistics } from 'node:v8';
import { ConfigError, int, list, onOff, type Env } from './env-values';

export interface ProtectionConfig {
  /** False when SECOND_LOOK_DEV_TOKENS=off: dev tokens then never exist, whatever else holds. */
  devTokensAllowed: boolean;
  /** Reverse proxies (addresses or CIDRs) whose X-Forwarded-For names the client; empty = none. */
  trustProxy: string[];
  rateLimit: {
    /** Requests per minute of one signed-in principal; 0 = no limit. */
    perPrincipalPerMinute: number;
    /** Requests per minute from one client address without a verified token; 0 = no limit. */
    perIpPerMinute: number;
  };
  /** Reports one user may make per UTC day; 0 = no quota. */
  submissionsPerDay: number;
  /** Shed load (503 + Retry-After) past these; 0 = that check is off. */
  pressure: { maxEventLoopDelayMs: number; maxHeapUsedBytes: number; maxRssBytes: number };
  retention: {
    /** Submissions, their analyses and stored messages older than this are purged. */
    submissionDays: number;
    /** How often the purge runs, in seconds. */
    purgeIntervalSeconds: number;
  };
}

function trustProxy(env: Env): string[] {
  const entries = list(env, 'SECOND_LOOK_TRUST_PROXY');
  for (const entry of entries) {
    if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(entry)) {
      throw new ConfigError(`SECOND_LOOK_TRUST_PROXY lists proxy addresses or CIDR ranges (10.0.0.5, 10.0.0.0/24), got "${entry}"`);
    }
  }
  return entries;
}

export function protectionFromEnv(env: Env): ProtectionConfig {
  const heapLimit = getHeapStatistics().heap_size_limit;
  return {
    devTokensAllowed: onOff(env, 'SECOND_LOOK_DEV_TOKENS', true),
    trustProxy: trustProxy(env),
    rateLimit: {
      perPrincipalPerMinute: int(env, 'SECOND_LOOK_RATE_LIMIT_PER_USER', 1200, 0, 10_000_000),
      perIpPerMinute: int(env, 'SECOND_LOOK_RATE_LIMIT_PER_IP', 3000, 0, 10_000_000),
    },
    submissionsPerDay: int(env, 'SECOND_LOOK_SUBMISSIONS_PER_DAY', 500, 0, 10_000_000),
    pressure: {
      maxEventLoopDelayMs: int(env, 'SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS', 1000, 0, 600_000),
      // Shed before V8's own limit, where the process would die instead of answering 503.
      maxHeapUsedBytes: int(env, 'SECOND_LOOK_MAX_HEAP_BYTES', Math.floor(heapLimit * 0.9), 0, Number.MAX_SAFE_INTEGER),
      maxRssBytes: int(env, 'SECOND_LOOK_MAX_RSS_BYTES', 0, 0, Number.MAX_SAFE_INTEGER),
    },
    retention: {
      submissionDays: int(env, 'SECOND_LOOK_RETENTION_DAYS', 90, 1, 3650),
      purgeIntervalSeconds: int(env, 'SECOND_LOOK_PURGE_INTERVAL_SECONDS', 3600, 60, 86_400),
    },
  };
}
