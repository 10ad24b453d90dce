/**
 * Admins' bulk actions on the quarantine: bulk release of similar messages (a dry run with the
 * exact set, or a background job with visible progress), release + submit + allow in one
 * confirmed action (its dry run lists what the allow entry would also let through), and submit
 * for analysis. Changes need QuarantineAdministrator or SecurityAdministrator (creating an
 * admin submission or an allow entry needs SecurityAdministrator, as everywhere); reads of
 * jobs SecurityReader too.
 */
import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { QuarantineAnalysis } from '../../contracts/quarantine';
import { BulkReleaseJob, BulkReleaseJobList, BulkReleasePreview, BulkReleaseRequest, ReleaseSubmitAllowRequest, ReleaseSubmitAllowResult } from '../../contracts/quarantine-bulk';
import { principalOf } from '../auth/authenticate';
import type { QuarantineBulkService } from '../services/quarantine-bulk-service';
import { AUTH_ERRORS, INPUT_ERRORS, NOT_FOUND } from './responses';
import { IdParams, signedIn } from './signed-in';

const tags = ['quarantine'];

export const quarantineBulkRoutes: FastifyPluginAsyncTypebox<{ bulk: QuarantineBulkService }> = async (app, { bulk }) => {
  app.post(
    '/api/quarantine/bulk-release',
    signedIn(app, {
      tags,
      summary: 'Release messages similar to one quarantined message (same sender, sender domain, subject or content fingerprint)',
      description: 'dryRun: the exact set, no cap, each member with its risks; risky members are not selected unless named in `include`. Otherwise 202 with a background job releasing the selected members, each once.',
      body: BulkReleaseRequest,
      response: { 200: BulkReleasePreview, 202: BulkReleaseJob, ...INPUT_ERRORS, ...NOT_FOUND },
    }, 'quarantine'),
    async (request, reply) => {
      if (request.body.dryRun) return reply.status(200).send(await bulk.preview(request.body));
      return reply.status(202).send(await bulk.start(principalOf(request), request.body));
    },
  );

  app.get(
    '/api/quarantine/bulk-release',
    signedIn(app, { tags, summary: 'Bulk release jobs, newest first (the latest 200)', response: { 200: BulkReleaseJobList, ...AUTH_ERRORS } }, 'quarantineReader'),
    async () => bulk.jobs(),
  );

  app.get(
    '/api/quarantine/bulk-release/:id',
    signedIn(app, { tags, summary: 'One bulk release job and its progress', params: IdParams, response: { 200: BulkReleaseJob, ...AUTH_ERRORS, ...NOT_FOUND } }, 'quarantineReader'),
    async (request) => bulk.job(request.params.id),
  );

  app.post(
    '/api/quarantine/:id/release-submit-allow',
    signedIn(app, {
      tags,
      summary: 'Release the message to every recipient, store the analyzer verdict as an admin submission, and allow the sender (address or domain) with an expiry',
      description: 'dryRun: only which other quarantined messages the allow entry would let through. The action itself needs SecurityAdministrator.',
      params: IdParams,
      body: ReleaseSubmitAllowRequest,
      response: { 200: ReleaseSubmitAllowResult, ...INPUT_ERRORS, ...NOT_FOUND },
    }, 'quarantine'),
    async (request) => bulk.releaseSubmitAllow(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/quarantine/:id/analyze',
    signedIn(app, {
      tags,
      summary: 'Submit the quarantined message for analysis: the verdict is stored as an admin submission and with the message (SecurityAdministrator)',
      params: IdParams,
      response: { 200: QuarantineAnalysis, ...AUTH_ERRORS, ...NOT_FOUND },
    }, 'quarantine'),
    async (request) => bulk.analyze(principalOf(request), request.params.id),
  );
};

