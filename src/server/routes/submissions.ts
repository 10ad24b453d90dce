/** /api/submissions and /api/me/submissions: thin: schema, authenticate, call the service. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../contracts/common';
import {
  CreateSubmission,
  IDEMPOTENCY_HEADER,
  ListSubmissionsQuery,
  MySubmissionsQuery,
  Submission,
  SubmissionDetail,
  SubmissionPage,
} from '../../contracts/submissions';
import { principalOf } from '../auth/authenticate';
import type { SubmissionsService } from '../services/submissions-service';
import { AUTH_ERRORS, INPUT_ERRORS, NOT_FOUND } from './responses';
import { IdParams, signedIn } from './signed-in';

export interface SubmissionRoutesOptions {
  submissions: SubmissionsService;
  maxMessageBytes: number;
}

const IdempotencyHeaders = Type.Object({
  [IDEMPOTENCY_HEADER]: Type.Optional(Type.String({ minLength: 8, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' })),
});

export const submissionRoutes: FastifyPluginAsyncTypebox<SubmissionRoutesOptions> = async (app, options) => {
  const { submissions } = options;
  const tags = ['submissions'];
  // The EML travels as base64 (4/3 of its size) inside JSON; leave room for the other fields.
  const bodyLimit = Math.ceil((options.maxMessageBytes * 4) / 3) + 2 * 1024 * 1024;
  // Each route reads the same way (method, path, signedIn schema, handler): alike by design, not copied.

  app.post(
    '/api/submissions',
    {
      bodyLimit,
      ...signedIn(app, {
        tags,
        summary: 'Report a message (Not junk, Junk, Phishing, Malware)',
        description: 'Send the Idempotency-Key header: a retry with the same key returns the original submission (200) instead of creating another.',
        headers: IdempotencyHeaders,
        body: CreateSubmission,
        response: { 200: Submission, 201: Submission, ...INPUT_ERRORS, 413: ErrorBody },
      }, 'user'),
    },
    async (request, reply) => {
      const outcome = await submissions.create(principalOf(request), request.body, request.headers[IDEMPOTENCY_HEADER]);
      return reply.status(outcome.created ? 201 : 200).send(outcome.submission);
    },
  );

  app.get(
    '/api/me/submissions',
    signedIn(app, { tags, summary: "The signed-in user's own submissions, newest first", querystring: MySubmissionsQuery, response: { 200: SubmissionPage, ...INPUT_ERRORS } }, 'user'),
    async (request) => submissions.mine(principalOf(request), request.query),
  );

  app.get(
    '/api/submissions',
    signedIn(app, { tags, summary: 'All submissions (SecurityAdministrator, SecurityReader), filtered, newest first', querystring: ListSubmissionsQuery, response: { 200: SubmissionPage, ...INPUT_ERRORS } }, 'reader'),
    async (request) => submissions.list(principalOf(request), request.query),
  );

  app.get(
    '/api/submissions/:id',
    signedIn(app, { tags, summary: 'One submission with its internet headers', params: IdParams, response: { 200: SubmissionDetail, ...AUTH_ERRORS, ...NOT_FOUND } }, 'user'),
    async (request) => submissions.get(principalOf(request), request.params.id),
  );

  app.get(
    '/api/submissions/:id/message',
    signedIn(app, {
      tags,
      summary: 'The original message as received (message/rfc822, .eml)',
      params: IdParams,
      produces: ['message/rfc822'],
      response: {
        // A Buffer is sent as-is (no serializer runs); the schema documents it as binary.
        200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The exact bytes received' }),
        ...AUTH_ERRORS,
        ...NOT_FOUND,
      },
    }, 'user'),
    async (request, reply) => {
      const bytes = await submissions.originalMessage(principalOf(request), request.params.id);
      return reply
        .type('message/rfc822')
        .header('content-disposition', `attachment; filename="submission-${request.params.id}.eml"`)
        .send(bytes);
    },
  );
};
