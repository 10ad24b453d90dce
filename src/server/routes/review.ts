/** "Mark as and notify": the admin's result for one report or a selection (SecurityAdministrator). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BulkMarkRequest, MarkRequest, MarkResponse } from '../../contracts/portal/review';
import { principalOf } from '../auth/authenticate';
import type { ReviewService } from '../services/review-service';
import { INPUT_ERRORS, NOT_FOUND } from './responses';
import { IdParams, signedIn } from './signed-in';

export const reviewRoutes: FastifyPluginAsyncTypebox<{ review: ReviewService }> = async (app, { review }) => {
  const tags = ['review'];
  // Each route reads the same way (method, path, signedIn schema, handler): alike by design, not copied.

  app.post(
    '/api/submissions/:id/mark',
    signedIn(app, {
      tags,
      summary: 'Mark a user report as No threats found, Phishing or Spam, and notify the reporter (default)',
      params: IdParams,
      body: MarkRequest,
      response: { 200: MarkResponse, ...INPUT_ERRORS, ...NOT_FOUND },
    }, 'admin'),
    async (request) => review.mark(principalOf(request), [request.params.id], request.body),
  );

  app.post(
    '/api/submissions/mark',
    signedIn(app, {
      tags,
      summary: 'Mark a selection of user reports, and notify each reporter in their language',
      description: 'All or nothing: when one id is not a user report, nothing is marked (404).',
      body: BulkMarkRequest,
      response: { 200: MarkResponse, ...INPUT_ERRORS, ...NOT_FOUND },
    }, 'admin'),
    async (request) => review.mark(principalOf(request), request.body.ids, request.body),
  );
};
