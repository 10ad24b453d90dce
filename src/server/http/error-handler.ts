/**
 * One translation from failures to HTTP answers. Bad input is always a 4xx with a message a
 * person can act on; only a bug becomes a 500, and its details stay in the log.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorBody } from '../../contracts/common';
import { instantRequirementText } from '../../core/time/instant';
import { TokenError } from '../auth/verifier';
import { ServiceError } from '../services/errors';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function body(statusCode: number, message: string, code?: string): ErrorBody {
  const result: ErrorBody = { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message };
  if (code !== undefined) result.code = code;
  return result;
}

/** Fastify's sentence, except for date-times, which say what a usable one looks like. */
function validationMessage(error: FastifyError): string {
  const first = error.validation?.[0];
  if (first?.keyword === 'format' && first.params['format'] === 'date-time') {
    const field = first.instancePath.replace(/^\//, '').replace(/\//g, '.') || (error.validationContext ?? 'value');
    return instantRequirementText(field);
  }
  return error.message;
}

function translate(error: FastifyError | Error): ErrorBody {
  if (error instanceof ServiceError) {
    const answer = body(error.statusCode, error.message, error.code);
    if (error.errors) answer.errors = error.errors.map((e) => ({ code: String(e['code']), message: String(e['message']), ...e }));
    return answer;
  }
  if (error instanceof TokenError) return body(401, error.message, 'invalid_token');
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) return body(400, validationMessage(fastifyError), 'validation_failed');
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return body(413, 'the request body is larger than this server accepts', 'too_large');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return body(400, `the body is not valid JSON: ${error.message}`, 'invalid_json');
    case 'FST_UNDER_PRESSURE':
      return body(503, 'the server is overloaded right now; try again after the Retry-After seconds', 'overloaded');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return body(415, error.message, 'unsupported_media_type');
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return body(fastifyError.statusCode, error.message, fastifyError.code);
  }
  return body(500, 'the server failed to handle this request; the failure is in its log', 'internal');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const answer = translate(error);
    if (error instanceof ServiceError && error.headers) void reply.headers(error.headers);
    if (answer.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    if (answer.statusCode === 401) void reply.header('www-authenticate', 'Bearer');
    return reply.status(answer.statusCode).send(answer);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(body(404, `no route for ${request.method} ${request.url.split('?')[0] ?? ''}`, 'no_route')),
  );
}
