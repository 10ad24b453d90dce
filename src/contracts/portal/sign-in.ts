/**
 * How the portal signs in. In production, the configured OpenID provider (authorization code
 * + PKCE in the browser); on the embedded default, a one-time link the server prints.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime } from '../common';
import { Role } from '../roles';

export const PortalSignIn = Type.Union([
  Type.Object({ kind: Type.Literal('oneTimeLink') }),
  Type.Object({
    kind: Type.Literal('oidc'),
    /** The issuer (authority) the browser signs in with. */
    authority: Type.String(),
    clientId: Type.String(),
    /** Space-separated scopes to ask for, including the API's. */
    scope: Type.String(),
  }),
]);
export type PortalSignIn = Static<typeof PortalSignIn>;

/** GET /api/portal/config (no token needed): what the portal's sign-in needs to start. */
export const PortalConfig = Type.Object({ signIn: PortalSignIn });
export type PortalConfig = Static<typeof PortalConfig>;

/** POST /api/portal/one-time-link: the code from the link, exchanged once for a session token. */
export const RedeemLinkRequest = Type.Object({ code: Type.String({ minLength: 16, maxLength: 128, pattern: '^[A-Za-z0-9_-]{16,128}$' }) }, { additionalProperties: false });
export type RedeemLinkRequest = Static<typeof RedeemLinkRequest>;

export const PortalSession = Type.Object({
  /** A bearer token for /api, good for a working day. */
  token: Type.String(),
  expiresDateTime: IsoDateTime,
  user: Type.Object({ email: Type.String(), roles: Type.Array(Role) }),
});
export type PortalSession = Static<typeof PortalSession>;
