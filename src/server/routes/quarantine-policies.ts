/** /api/settings/quarantine-policies: the organisation's own quarantine policies and each reason's policy. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { QuarantinePolicySettings, QuarantinePolicySettingsResponse } from '../../contracts/portal/quarantine-policies';
import { principalOf } from '../auth/authenticate';
import type { QuarantinePoliciesService } from '../services/quarantine-policies-service';
import { AUTH_ERRORS, CONFLICT, INPUT_ERRORS } from './responses';
import { signedIn } from './signed-in';

export const quarantinePolicyRoutes: FastifyPluginAsyncTypebox<{ policies: QuarantinePoliciesService }> = async (app, { policies }) => {
  const tags = ['settings'];

  app.get(
    '/api/settings/quarantine-policies',
    signedIn(app, { tags, summary: 'The quarantine policies (built-in and own) and the policy of each quarantine reason', response: { 200: QuarantinePolicySettingsResponse, ...AUTH_ERRORS } }, 'reader'),
    async (request) => policies.get(principalOf(request)),
  );

  app.put(
    '/api/settings/quarantine-policies',
    signedIn(app, {
      tags,
      summary: 'Save the own quarantine policies and the policy of each reason (the whole of it); audited',
      description: 'Permissions are Exchange Online\'s bits (delete 1, preview 2, release 4, request release 8, block sender 16, allow sender 32, view headers 128); release and request release exclude each other. 409 `policyInUse` when a removed policy is still the policy of quarantined messages.',
      body: QuarantinePolicySettings,
      response: { 200: QuarantinePolicySettingsResponse, ...INPUT_ERRORS, ...CONFLICT },
    }, 'admin'),
    async (request) => policies.put(principalOf(request), request.body),
  );
};
