/**
 * POST /api/quarantine: an integration hands a quarantined message to Second Look over HTTP, as
 * an MTA does over SMTP. The body is the message itself (message/rfc822); the envelope
 * recipients are in the X-Envelope-To header (comma-separated) or `recipient` query parameters.
 * 201 once stored for every recipient (200 when it was stored already: a duplicate); the
 * QuarantineIntake role only.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../contracts/common';
import { ENVELOPE_TO_HEADER, QuarantineIntakeQuery, QuarantineIntakeResponse } from '../../contracts/quarantine';
import { principalOf } from '../auth/authenticate';
import { ServiceError } from '../services/errors';
import type { QuarantineIntakeService } from '../services/quarantine-intake-service';
import { INPUT_ERRORS } from './responses';
import { signedIn } from './signed-in';

const IntakeHeaders = Type.Object({
  [ENVELOPE_TO_HEADER]: Type.Optional(Type.String({ maxLength: 400_000, description: 'Envelope recipients, comma-separated (RCPT TO as the MTA had them)' })),
});

/** `a@x, <b@y>` → ['a@x', 'b@y']. */
function envelopeTo(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header.split(',').map((part) => part.trim().replace(/^<(.*)>$/, '$1').trim()).filter((part) => part.length > 0);
}

export const quarantineIntakeRoutes: FastifyPluginAsyncTypebox<{ intake: QuarantineIntakeService }> = async (app, { intake }) => {
  // The message is the body: its exact bytes, up to the limit (a larger one is a 413).
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: intake.maxMessageBytes }, (_request, body, done) => done(null, body));

  app.post(
    '/api/quarantine',
    {
      bodyLimit: intake.maxMessageBytes,
      ...signedIn(app, {
        tags: ['quarantine'],
        summary: 'Quarantine a message (Content-Type: message/rfc822) for its envelope recipients',
        description:
          'For integrations with the QuarantineIntake role. Recipients from the X-Envelope-To header (comma-separated) and/or `recipient` query parameters, each at an accepted domain; a `+quarantine-TAG` subaddress names the reason when the headers do not. 201 when stored, 200 when every recipient had it already.',
        querystring: QuarantineIntakeQuery,
        headers: IntakeHeaders,
        consumes: ['message/rfc822'],
        response: { 200: QuarantineIntakeResponse, 201: QuarantineIntakeResponse, ...INPUT_ERRORS, 413: ErrorBody, 415: ErrorBody },
      }, 'intake'),
    },
    async (request, reply) => {
      const principal = principalOf(request);
      // JSON and other types parse to something else: only message/rfc822 arrives as bytes.
      const body: unknown = request.body;
      if (body !== undefined && body !== null && !Buffer.isBuffer(body)) throw new ServiceError(415, 'unsupported_media_type', 'send the message itself with Content-Type: message/rfc822');
      const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      const recipients = [...envelopeTo(request.headers[ENVELOPE_TO_HEADER]), ...(request.query.recipient ?? [])];
      const outcome = await intake.intakeUpload(principal, bytes, recipients);
      return reply.status(outcome.stored > 0 ? 201 : 200).send(outcome);
    },
  );
};
