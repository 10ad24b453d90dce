/** POST /api/decisions: a live filtering decision, for an MTA hook that asks per message. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EmailAddress } from '../../contracts/common';
import { Decision, MessageFacts } from '../../contracts/lists';
import { principalOf } from '../auth/authenticate';
import type { DecisionsService } from '../services/decisions-service';
import { INPUT_ERRORS } from './responses';
import { signedIn } from './signed-in';

const DecisionRequest = Type.Object(
  { message: MessageFacts, recipient: Type.Optional(EmailAddress) },
  { additionalProperties: false },
);

export const decisionRoutes: FastifyPluginAsyncTypebox<{ decisions: DecisionsService }> = async (app, { decisions }) => {
  app.post(
    '/api/decisions',
    signedIn(app, {
      tags: ['tenant allow/block list'],
      summary: "What the filter does with this message under today's lists, and why; records which entries were used",
      body: DecisionRequest,
      response: { 200: Decision, ...INPUT_ERRORS },
    }, 'admin'),
    async (request) => decisions.liveDecision(principalOf(request), request.body.message, request.body.recipient),
  );
};
