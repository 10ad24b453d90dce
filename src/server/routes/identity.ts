/**
 * Identity routes: the embedded issuer's JWKS, the add-in's configuration (how it gets a
 * token), and — only in the loopback dev mode — a token for the Outlook user.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AddinConfig, DevTokenRequest, DevTokenResponse } from '../../contracts/addin-config';
import { ErrorBody } from '../../contracts/common';
import { requestIsFromThisMachine } from '../auth/dev-token-gate';
import type { IdentityService } from '../services/identity-service';

export interface IdentityRoutesOptions {
  identity: IdentityService;
  /** False unless the configuration keeps the server to this machine (devTokenRefusals). */
  devTokens: boolean;
}

const Jwks = Type.Object({ keys: Type.Array(Type.Object({}, { additionalProperties: true })) });

export const identityRoutes: FastifyPluginAsyncTypebox<IdentityRoutesOptions> = async (app, { identity, devTokens }) => {
  app.get(
    '/.well-known/jwks.json',
    { schema: { tags: ['identity'], summary: "The embedded issuer's public keys", response: { 200: Jwks, 404: ErrorBody } } },
    async () => identity.jwks(),
  );

  app.get(
    '/api/addin/config',
    { schema: { tags: ['identity'], summary: 'How the Outlook add-in obtains tokens', response: { 200: AddinConfig } } },
    async () => identity.addinConfig(),
  );

  // Off by configuration, the route does not exist at all; on, a request that did not come
  // straight from this machine gets the same 404 as any unknown route.
  if (!devTokens) return;
  app.post(
    '/api/dev/token',
    {
      schema: {
        tags: ['identity'],
        summary: 'DEV MODE ONLY: a user token for the embedded issuer (loopback servers only)',
        body: DevTokenRequest,
        response: { 200: DevTokenResponse, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      if (!requestIsFromThisMachine(request)) return reply.callNotFound();
      return identity.devToken(request.body);
    },
  );
};
