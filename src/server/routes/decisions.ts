/** POST /api/decisions: a live filtering decision, for an MTA hook that asks per message. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EmailAddress } from '../../contracts/common';
import { Decision, MessageFacts } from '../../contracts/lists';
import { principalOf } from '../auth/authenticate';
import type { ListInsightsService } from '../services/list-insights-service';
import { BEARER, INPUT_ERRORS } from './responses';

const DecisionRequest = Type.Object(
  { message: MessageFacts, recipient: Type.Optional(EmailAddress) },
  { additionalProperties: false },
);

export const decisionRoutes: FastifyPluginAsyncTypebox<{ insights: ListInsightsService }> = async (app, { insights }) => {
  app.post(
    '/api/decisions',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['tenant allow/block list'],
        summary: "What the filter does with this message under today's lists, and why; records which entries were used",
        security: BEARER,
        body: DecisionRequest,
        response: { 200: Decision, ...INPUT_ERRORS },
      },
    },
    async (request) => insights.liveDecision(principalOf(request), request.body.message, request.body.recipient),
  );
};
