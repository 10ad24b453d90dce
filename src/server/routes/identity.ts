/**
 * Identity routes: the embedded issuer's JWKS, the add-in's configuration (how it gets a
 * token), and — only in the loopback dev mode — a token for the Outlook user.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AddinConfig, DevTokenRequest, DevTokenResponse } from '../../contracts/addin-config';
import { ErrorBody } from '../../contracts/common';
import type { IdentityService } from '../services/identity-service';

export interface IdentityRoutesOptions {
  identity: IdentityService;
}

const Jwks = Type.Object({ keys: Type.Array(Type.Object({}, { additionalProperties: true })) });

export const identityRoutes: FastifyPluginAsyncTypebox<IdentityRoutesOptions> = async (app, { identity }) => {
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
    async (request) => identity.devToken(request.body),
  );
};
