/**
 * The portal's sign-in: its configuration (no token needed: the portal reads it before anyone
 * signs in) and the one-time link's exchange for a session token.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../contracts/common';
import { PortalConfig, PortalSession, RedeemLinkRequest } from '../../contracts/portal/sign-in';
import type { PortalSignInService } from '../services/portal-sign-in-service';

export const portalRoutes: FastifyPluginAsyncTypebox<{ signIn: PortalSignInService }> = async (app, { signIn }) => {
  const tags = ['portal'];

  app.get(
    '/api/portal/config',
    { schema: { tags, summary: 'How the portal signs in (no token needed)', response: { 200: PortalConfig } } },
    async () => signIn.config(),
  );

  app.post(
    '/api/portal/one-time-link',
    {
      schema: {
        tags,
        summary: 'Exchange a one-time sign-in link\'s code for a session token (embedded issuer on loopback only)',
        body: RedeemLinkRequest,
        response: { 200: PortalSession, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => signIn.redeem(request.body.code),
  );
};
