/**
 * Rate limits, in the shape big APIs use: a signed-in principal is limited per principal
 * (its stable subject, so one user on many devices shares one budget), and a request without a
 * verified token is limited per client address. Past either, 429 with Retry-After. Counted
 * per server instance, in memory.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProtectionConfig } from '../config/protection-config';
import { ServiceError } from '../services/errors';

const WINDOW_MS = 60_000;

function keyOf(request: FastifyRequest): string {
  return request.principal ? `principal:${request.principal.id}` : `ip:${request.ip}`;
}

export async function installRateLimits(app: FastifyInstance, limits: ProtectionConfig['rateLimit']): Promise<void> {
  const { perPrincipalPerMinute, perIpPerMinute } = limits;
  if (perPrincipalPerMinute === 0 && perIpPerMinute === 0) return;
  await app.register(rateLimit, { global: false });
  // One limiter whose key and ceiling depend on who is asking: @fastify/rate-limit runs only
  // the first of several limiters on a request, so two would not both count.
  const limiter = app.rateLimit({
    timeWindow: WINDOW_MS,
    keyGenerator: keyOf,
    max: (_request, key) => (key.startsWith('principal:') ? perPrincipalPerMinute : perIpPerMinute),
    allowList: (request) => (request.principal ? perPrincipalPerMinute === 0 : perIpPerMinute === 0),
    errorResponseBuilder: (request, context) => {
      const who = request.principal ? 'each signed-in user' : 'each client address without a token';
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new ServiceError(429, 'rate_limited', `too many requests: this server takes at most ${context.max} a minute from ${who}; try again in ${seconds} s`);
    },
  });
  // After authentication's own onRequest hook, so the principal is known; before the body is read.
  app.addHook('onRequest', limiter);
}
