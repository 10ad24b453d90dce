/**
 * Safe previews of stored messages, read on the server (mailparser) and sanitised in the
 * browser: a user's own quarantined message (any signed-in user; the service limits them to
 * their own rows and to policies with the preview bit), any quarantined row (readers, as GET
 * /api/quarantine/{id}), and a submission's original (as its .eml download).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../contracts/common';
import { MessagePreview } from '../../contracts/preview';
import { principalOf } from '../auth/authenticate';
import type { MessagePreviewService } from '../services/message-preview-service';
import { AUTH_ERRORS, NOT_FOUND } from './responses';
import { IdParams, signedIn } from './signed-in';

const UNREADABLE = { 422: ErrorBody } as const;
const DESCRIPTION =
  'The body as received, unsanitised (the client sanitises it and shows it in a sandboxed frame), with inline images as data: URLs within a budget. 422 `message_unreadable` when the body cannot be read (a MIME bomb, say).';

export const messagePreviewRoutes: FastifyPluginAsyncTypebox<{ previews: MessagePreviewService }> = async (app, { previews }) => {
  app.get(
    '/api/me/quarantine/:id/preview',
    signedIn(app, {
      tags: ['quarantine'],
      summary: 'A preview of one of my quarantined messages (when its policy allows preview)',
      description: `${DESCRIPTION} 403 \`quarantine_action_not_allowed\` when the message's policy does not allow preview.`,
      params: IdParams,
      response: { 200: MessagePreview, ...AUTH_ERRORS, ...NOT_FOUND, ...UNREADABLE },
    }, 'user'),
    async (request) => previews.myQuarantined(principalOf(request), request.params.id),
  );

  app.get(
    '/api/quarantine/:id/preview',
    signedIn(app, { tags: ['quarantine'], summary: 'A preview of a quarantined message', description: DESCRIPTION, params: IdParams, response: { 200: MessagePreview, ...AUTH_ERRORS, ...NOT_FOUND, ...UNREADABLE } }, 'quarantineReader'),
    async (request) => previews.quarantined(request.params.id),
  );

  app.get(
    '/api/submissions/:id/preview',
    signedIn(app, { tags: ['submissions'], summary: "A preview of a submission's original message", description: DESCRIPTION, params: IdParams, response: { 200: MessagePreview, ...AUTH_ERRORS, ...NOT_FOUND, ...UNREADABLE } }, 'user'),
    async (request) => previews.submission(principalOf(request), request.params.id),
  );
};
