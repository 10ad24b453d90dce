/**
 * Submit for analysis (admins): POST /api/submissions/{id}/analyze and POST /api/analyze (a raw
 * message/rfc822 upload); and POST /api/submissions/{id}/what-if (admins, readers).
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../contracts/common';
import { WhatIfResponse } from '../../contracts/lists';
import { Submission } from '../../contracts/submissions';
import { VerdictLocale } from '../../contracts/verdict';
import { principalOf } from '../auth/authenticate';
import type { AnalysisService } from '../services/analysis-service';
import { ServiceError } from '../services/errors';
import { AUTH_ERRORS, INPUT_ERRORS, NOT_FOUND } from './responses';
import { IdParams, signedIn } from './signed-in';

const LocaleQuery = Type.Object(
  { lang: Type.Optional(VerdictLocale) },
  { additionalProperties: false },
);

export const analysisRoutes: FastifyPluginAsyncTypebox<{ analysis: AnalysisService; maxMessageBytes: number }> = async (app, { analysis, maxMessageBytes }) => {
  const tags = ['analysis'];
  // The upload is the message itself: keep its exact bytes.
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: maxMessageBytes }, (_request, body, done) => done(null, body));

  app.post(
    '/api/submissions/:id/analyze',
    signedIn(app, {
      tags,
      summary: 'Submit a submission for analysis: a new administrator submission with the verdict as its result',
      params: IdParams,
      querystring: LocaleQuery,
      response: { 201: Submission, ...AUTH_ERRORS, ...NOT_FOUND },
    }, 'admin'),
    async (request, reply) => reply.status(201).send(await analysis.analyzeSubmission(principalOf(request), request.params.id, request.query.lang ?? 'en-US')),
  );

  app.post(
    '/api/analyze',
    {
      bodyLimit: maxMessageBytes,
      ...signedIn(app, {
        tags,
        summary: 'Analyse an uploaded message (Content-Type: message/rfc822)',
        querystring: LocaleQuery,
        // The body is the raw message (no JSON schema can validate bytes); the service checks it.
        consumes: ['message/rfc822'],
        response: { 201: Submission, ...INPUT_ERRORS, 413: ErrorBody, 415: ErrorBody },
      }, 'admin'),
    },
    async (request, reply) => {
      // JSON and other types parse to something else: only message/rfc822 arrives as bytes.
      if (!Buffer.isBuffer(request.body)) throw new ServiceError(415, 'unsupported_media_type', 'upload the message itself with Content-Type: message/rfc822');
      return reply.status(201).send(await analysis.analyzeUpload(principalOf(request), request.body, request.query.lang ?? 'en-US'));
    },
  );

  app.post(
    '/api/submissions/:id/what-if',
    signedIn(app, { tags, summary: "What would happen to this message now, with today's lists, and why", params: IdParams, response: { 200: WhatIfResponse, ...INPUT_ERRORS, ...NOT_FOUND } }, 'reader'),
    async (request) => analysis.whatIf(principalOf(request), request.params.id),
  );
};
