/**
 * Fastify glue for bearer tokens: `app.authenticate` is a preHandler that verifies the token
 * and sets `request.principal`. Routes that need a user list it in `preHandler`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../core/permissions';
import { TokenError, type Verify } from './verifier';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

export function installAuthentication(app: FastifyInstance, verify: Verify): void {
  app.decorateRequest('principal', null);
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (!header) throw new TokenError('sign in: this request needs a bearer token (Authorization: Bearer …)');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new TokenError('the Authorization header must be "Bearer <token>"');
    request.principal = await verify(match[1]);
  });
}

/** The signed-in principal; only call from a route that ran app.authenticate. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new TokenError('sign in: this request needs a bearer token');
  return request.principal;
}
