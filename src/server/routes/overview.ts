/** GET /api/overview: what the portal's first page draws (admins and readers). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Overview, OverviewQuery } from '../../contracts/portal/overview';
import { principalOf } from '../auth/authenticate';
import type { OverviewService } from '../services/overview-service';
import { INPUT_ERRORS } from './responses';
import { signedIn } from './signed-in';

export const overviewRoutes: FastifyPluginAsyncTypebox<{ overview: OverviewService }> = async (app, { overview }) => {
  app.get(
    '/api/overview',
    signedIn(app, {
      tags: ['overview'],
      summary: 'Reports per day by category, not-junk reports per sender domain, median time to result, open versus reviewed, the biggest open clusters',
      querystring: OverviewQuery,
      response: { 200: Overview, ...INPUT_ERRORS },
    }, 'reader'),
    async (request) => overview.overview(principalOf(request), request.query),
  );
};
