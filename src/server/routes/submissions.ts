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
import { AUTH_ERRORS, BEARER, INPUT_ERRORS } from './responses';

export interface SubmissionRoutesOptions {
  submissions: SubmissionsService;
  maxMessageBytes: number;
}

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const IdempotencyHeaders = Type.Object({
  [IDEMPOTENCY_HEADER]: Type.Optional(Type.String({ minLength: 8, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' })),
});

export const submissionRoutes: FastifyPluginAsyncTypebox<SubmissionRoutesOptions> = async (app, options) => {
  const { submissions } = options;
  // The EML travels as base64 (4/3 of its size) inside JSON; leave room for the other fields.
  const bodyLimit = Math.ceil((options.maxMessageBytes * 4) / 3) + 2 * 1024 * 1024;

  app.post(
    '/api/submissions',
    {
      bodyLimit,
      preHandler: app.authenticate,
      schema: {
        tags: ['submissions'],
        summary: 'Report a message (Not junk, Junk, Phishing, Malware)',
        description: 'Send the Idempotency-Key header: a retry with the same key returns the original submission (200) instead of creating another.',
        security: BEARER,
        headers: IdempotencyHeaders,
        body: CreateSubmission,
        response: { 200: Submission, 201: Submission, ...INPUT_ERRORS, 413: ErrorBody },
      },
    },
    async (request, reply) => {
      const outcome = await submissions.create(principalOf(request), request.body, request.headers[IDEMPOTENCY_HEADER]);
      return reply.status(outcome.created ? 201 : 200).send(outcome.submission);
    },
  );

  app.get(
    '/api/me/submissions',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['submissions'],
        summary: "The signed-in user's own submissions, newest first",
        security: BEARER,
        querystring: MySubmissionsQuery,
        response: { 200: SubmissionPage, ...INPUT_ERRORS },
      },
    },
    async (request) => submissions.mine(principalOf(request), request.query),
  );

  app.get(
    '/api/submissions',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['submissions'],
        summary: 'All submissions (SecurityAdministrator, SecurityReader), filtered, newest first',
        security: BEARER,
        querystring: ListSubmissionsQuery,
        response: { 200: SubmissionPage, ...INPUT_ERRORS },
      },
    },
    async (request) => submissions.list(principalOf(request), request.query),
  );

  app.get(
    '/api/submissions/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['submissions'],
        summary: 'One submission with its internet headers',
        security: BEARER,
        params: IdParams,
        response: { 200: SubmissionDetail, ...AUTH_ERRORS, 404: ErrorBody },
      },
    },
    async (request) => submissions.get(principalOf(request), request.params.id),
  );

  app.get(
    '/api/submissions/:id/message',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['submissions'],
        summary: 'The original message as received (message/rfc822, .eml)',
        security: BEARER,
        params: IdParams,
        produces: ['message/rfc822'],
        response: {
          // A Buffer is sent as-is (no serializer runs); the schema documents it as binary.
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The exact bytes received' }),
          ...AUTH_ERRORS,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const bytes = await submissions.originalMessage(principalOf(request), request.params.id);
      return reply
        .type('message/rfc822')
        .header('content-disposition', `attachment; filename="submission-${request.params.id}.eml"`)
        .send(bytes);
    },
  );
};
