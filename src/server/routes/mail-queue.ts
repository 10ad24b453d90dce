/** /api/mail-queue: the outgoing mail queue (admins and readers read it; admins resend). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ListMailQuery, MailQueuePage, QueuedMail } from '../../contracts/portal/mail-queue';
import { principalOf } from '../auth/authenticate';
import type { MailQueueService } from '../services/mail-queue-service';
import { AUTH_ERRORS, CONFLICT, INPUT_ERRORS, NOT_FOUND } from './responses';
import { IdParams, signedIn } from './signed-in';

export const mailQueueRoutes: FastifyPluginAsyncTypebox<{ mailQueue: MailQueueService }> = async (app, { mailQueue }) => {
  const tags = ['mail queue'];

  app.get(
    '/api/mail-queue',
    signedIn(app, {
      tags,
      summary: 'Outgoing mail, newest first, with counts per state; filter by state, page with cursor',
      querystring: ListMailQuery,
      response: { 200: MailQueuePage, ...INPUT_ERRORS },
    }),
    async (request) => mailQueue.list(principalOf(request), request.query),
  );

  app.post(
    '/api/mail-queue/:id/resend',
    signedIn(app, {
      tags,
      summary: 'Send a failed or unconfirmed mail again (it is queued, due now)',
      description: 'An unconfirmed mail may already have arrived: its server stopped after handing it to the relay and before the relay confirmed it.',
      params: IdParams,
      response: { 200: QueuedMail, ...AUTH_ERRORS, ...NOT_FOUND, ...CONFLICT },
    }),
    async (request) => mailQueue.resend(principalOf(request), request.params.id),
  );
};
