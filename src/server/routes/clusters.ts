/** /api/clusters: clusters of similar reports. Thin: schema, authenticate, call the service. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Cluster, ClusterDetail, ClusterPage, ClusterPatch, ListClustersQuery } from '../../contracts/portal/clusters';
import { MarkRequest, MarkResponse } from '../../contracts/portal/review';
import { principalOf } from '../auth/authenticate';
import type { ClusterService } from '../services/cluster-service';
import { AUTH_ERRORS, INPUT_ERRORS, NOT_FOUND } from './responses';
import { IdParams, signedIn } from './signed-in';

export const clusterRoutes: FastifyPluginAsyncTypebox<{ clusters: ClusterService }> = async (app, { clusters }) => {
  const tags = ['clusters'];
  // Each route reads the same way (method, path, signedIn schema, handler): alike by design, not copied.

  app.get(
    '/api/clusters',
    signedIn(app, {
      tags,
      summary: 'Clusters of similar reports (SecurityAdministrator, SecurityReader), most recent activity or most reports first',
      querystring: ListClustersQuery,
      response: { 200: ClusterPage, ...INPUT_ERRORS },
    }, 'reader'),
    async (request) => clusters.list(principalOf(request), request.query),
  );

  app.get(
    '/api/clusters/:id',
    signedIn(app, { tags, summary: 'One cluster with its reports (newest first), reporters and recipients', params: IdParams, response: { 200: ClusterDetail, ...AUTH_ERRORS, ...NOT_FOUND } }, 'reader'),
    async (request) => clusters.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/clusters/:id',
    signedIn(app, {
      tags,
      summary: 'Turn auto-resolve on or off (SecurityAdministrator): new reports joining a decided cluster get its result and notice at once',
      params: IdParams,
      body: ClusterPatch,
      response: { 200: Cluster, ...INPUT_ERRORS, ...NOT_FOUND },
    }, 'admin'),
    async (request) => clusters.update(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/clusters/:id/mark',
    signedIn(app, {
      tags,
      summary: 'Mark every open report of a cluster, notify each reporter (default), and keep the result as the cluster’s decision (SecurityAdministrator)',
      params: IdParams,
      body: MarkRequest,
      response: { 200: MarkResponse, ...INPUT_ERRORS, ...NOT_FOUND },
    }, 'admin'),
    async (request) => clusters.mark(principalOf(request), request.params.id, request.body),
  );
};
