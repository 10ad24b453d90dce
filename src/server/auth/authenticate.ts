/**
 * Fastify glue for bearer tokens. Every request's token (when it has one) is verified as soon
 * as the request arrives, before its body is read: rate limits and quotas then count the
 * verified principal, and a bad token costs no parsing. Routes that need a user list
 * `app.authenticate` in `preHandler`, which refuses a missing or bad token with 401.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../core/permissions';
import { TokenError, type Verify } from './verifier';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Why the request's bearer token was refused, if it had one. */
    tokenError: TokenError | null;
  }
  interface FastifyInstance {
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

const BEARER = /^Bearer\s+(\S+)$/i;

export function installAuthentication(app: FastifyInstance, verify: Verify): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('tokenError', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header) return;
    const match = BEARER.exec(header);
    if (!match?.[1]) {
      request.tokenError = new TokenError('the Authorization header must be "Bearer <token>"');
      return;
    }
    try {
      request.principal = await verify(match[1]);
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      request.tokenError = error;
    }
  });
  app.decorate('authenticate', async (request: FastifyRequest) => {
    if (request.tokenError) throw request.tokenError;
    if (!request.principal) throw new TokenError('sign in: this request needs a bearer token (Authorization: Bearer …)');
  });
}

/** The signed-in principal; only call from a route that ran app.authenticate. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new TokenError('sign in: this request needs a bearer token');
  return request.principal;
}
