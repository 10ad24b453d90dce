import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../contracts/common';
import type { HealthService } from '../services/health-service';

const Health = Type.Object({ status: Type.Literal('ok'), database: Type.String(), version: Type.String() });

/** /healthz: 200 only when the database answers, so a load balancer can route around us. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ health: HealthService }> = async (app, { health }) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'Liveness and database reachability', response: { 200: Health, 503: ErrorBody } } },
    async (_request, reply) => {
      const result = await health.check();
      if (result.ok) return { status: 'ok' as const, database: result.database, version: result.version };
      return reply.status(503).send({ statusCode: 503, error: 'Service Unavailable', message: result.message, code: 'database_unreachable' });
    },
  );
};
