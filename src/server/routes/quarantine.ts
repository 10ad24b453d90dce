/**
 * The quarantine after intake: each user's own quarantined messages (/api/me/quarantine, any
 * signed-in user, limited by the service to their mailbox and their policy), and the admins'
 * view of every row (/api/quarantine: reads for SecurityReader too, changes for
 * QuarantineAdministrator or SecurityAdministrator).
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  MyQuarantineActionResult, MyQuarantineDetail, MyQuarantinePage, PageQuery, QuarantineDetail, QuarantineListQuery, QuarantinePage, QuarantineReleaseBody,
  QuarantineReleaseResult, QuarantineReportBody, ReleaseDecisionBody, ReleaseDecisionResult, USER_ACTION_PATHS, type UserActionPath,
} from '../../contracts/quarantine';
import { principalOf } from '../auth/authenticate';
import type { QuarantineService } from '../services/quarantine-service';
import { AUTH_ERRORS, CONFLICT, INPUT_ERRORS, NOT_FOUND } from './responses';
import { IdParams, signedIn } from './signed-in';

const tags = ['quarantine'];

/** A POST whose JSON body is optional: no body at all is read as `{}`, then validated. */
function optionalBody<T extends { preValidation: unknown[] }>(options: T): T {
  const emptyBody = async (request: { body: unknown }) => {
    request.body ??= {};
  };
  return { ...options, preValidation: [...options.preValidation, emptyBody] };
}

const SUMMARIES: Readonly<Record<UserActionPath, string>> = {
  release: 'Release my quarantined message to my inbox (when the policy allows it)',
  'request-release': 'Ask an administrator to release my quarantined message (asking twice is one request)',
  delete: 'Delete my quarantined message',
  'block-sender': "Add the message's sender to my blocked senders",
  'allow-sender': "Add the message's sender to my safe senders",
  report: 'Report my quarantined message (creates a submission; default category notJunk)',
};

export const quarantineRoutes: FastifyPluginAsyncTypebox<{ quarantine: QuarantineService }> = async (app, { quarantine }) => {
  app.get(
    '/api/me/quarantine',
    signedIn(app, { tags, summary: 'My quarantined messages, newest first, with what the policy lets me do with each', querystring: PageQuery, response: { 200: MyQuarantinePage, ...INPUT_ERRORS } }, 'user'),
    async (request) => quarantine.mine(principalOf(request), request.query),
  );

  app.get(
    '/api/me/quarantine/:id',
    signedIn(app, { tags, summary: 'One of my quarantined messages (headers only when the policy allows viewing them)', params: IdParams, response: { 200: MyQuarantineDetail, ...AUTH_ERRORS, ...NOT_FOUND } }, 'user'),
    async (request) => quarantine.myDetail(principalOf(request), request.params.id),
  );

  for (const action of USER_ACTION_PATHS) {
    app.post(
      `/api/me/quarantine/:id/${action}`,
      optionalBody(signedIn(app, {
        tags,
        summary: SUMMARIES[action],
        description: 'Checked on the server against the message\'s quarantine policy: 403 `quarantine_action_not_allowed` when it does not allow this, `quarantine_hard_rule` for releasing malware or high-confidence phishing.',
        params: IdParams,
        ...(action === 'report' ? { body: QuarantineReportBody } : {}),
        response: { 200: MyQuarantineActionResult, ...INPUT_ERRORS, ...NOT_FOUND, ...CONFLICT },
      }, 'user')),
      async (request) => quarantine.act(principalOf(request), request.params.id, action, action === 'report' ? (request.body as QuarantineReportBody | undefined) : undefined),
    );
  }

  app.get(
    '/api/quarantine',
    signedIn(app, { tags, summary: 'Every quarantined row, filtered (recipient, sender, sender domain, subject, reason, policy, release status, received and expiry ranges)', querystring: QuarantineListQuery, response: { 200: QuarantinePage, ...INPUT_ERRORS } }, 'quarantineReader'),
    async (request) => quarantine.list(request.query),
  );

  app.get(
    '/api/quarantine/:id',
    signedIn(app, { tags, summary: 'One quarantined row, with its headers and the other recipients of the message', params: IdParams, response: { 200: QuarantineDetail, ...AUTH_ERRORS, ...NOT_FOUND } }, 'quarantineReader'),
    async (request) => quarantine.detail(request.params.id),
  );

  app.get(
    '/api/quarantine/:id/message',
    signedIn(app, {
      tags,
      summary: 'The quarantined message as received (message/rfc822, .eml)',
      params: IdParams,
      produces: ['message/rfc822'],
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The exact bytes received' }), ...AUTH_ERRORS, ...NOT_FOUND },
    }, 'quarantineReader'),
    async (request, reply) => {
      const bytes = await quarantine.message(request.params.id);
      return reply.type('message/rfc822').header('content-disposition', `attachment; filename="quarantine-${request.params.id}.eml"`).send(bytes);
    },
  );

  app.post(
    '/api/quarantine/:id/release',
    optionalBody(signedIn(app, { tags, summary: 'Release the message to every recipient it is quarantined for, or to the recipients named (one queued delivery each)', params: IdParams, body: QuarantineReleaseBody, response: { 200: QuarantineReleaseResult, ...INPUT_ERRORS, ...NOT_FOUND, ...CONFLICT } }, 'quarantine')),
    async (request) => quarantine.release(principalOf(request), request.params.id, request.body?.recipients),
  );

  for (const decision of ['approve', 'deny'] as const) {
    app.post(
      `/api/quarantine/:id/release-request/${decision}`,
      optionalBody(signedIn(app, {
        tags,
        summary: decision === 'approve' ? 'Approve a release request: release to the requester, who is told by mail' : 'Deny a release request: the requester is told by mail',
        params: IdParams,
        body: ReleaseDecisionBody,
        response: { 200: ReleaseDecisionResult, ...INPUT_ERRORS, ...NOT_FOUND, ...CONFLICT },
      }, 'quarantine')),
      async (request) => (decision === 'approve' ? quarantine.approve : quarantine.deny).call(quarantine, principalOf(request), request.params.id, request.body?.comment),
    );
  }

  app.post(
    '/api/quarantine/:id/delete',
    signedIn(app, { tags, summary: 'Delete a quarantined row', params: IdParams, response: { 204: Type.Null(), ...AUTH_ERRORS, ...NOT_FOUND } }, 'quarantine'),
    async (request, reply) => {
      await quarantine.remove(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
