/**
 * What the add-in asks the server before it can report: how to get a token.
 * - `dev`: the embedded issuer. The server hands out a token for the Outlook user's address
 *   at POST /api/dev/token. Only ever enabled when the server binds to loopback.
 * - `naa`: production. The add-in gets a token by nested app authentication (MSAL) for the
 *   configured Entra ID app, with `apiScopes` for this server and `graphScopes` for Graph
 *   reportMessage (moving the message).
 */
import { Type, type Static } from '@sinclair/typebox';
import { EmailAddress, IsoDateTime } from './common';

export const AddinAuthConfig = Type.Union([
  Type.Object({ mode: Type.Literal('dev') }),
  Type.Object({
    mode: Type.Literal('naa'),
    clientId: Type.String(),
    authority: Type.String(),
    apiScopes: Type.Array(Type.String()),
    graphScopes: Type.Array(Type.String()),
  }),
]);
export type AddinAuthConfig = Static<typeof AddinAuthConfig>;

export const AddinConfig = Type.Object({
  auth: AddinAuthConfig,
  /** Shown behind "More info" in the report dialog and the task pane. */
  moreInfoUrl: Type.String(),
});
export type AddinConfig = Static<typeof AddinConfig>;

export const DevTokenRequest = Type.Object(
  { user: EmailAddress, displayName: Type.Optional(Type.String({ maxLength: 256 })) },
  { additionalProperties: false },
);
export type DevTokenRequest = Static<typeof DevTokenRequest>;

export const DevTokenResponse = Type.Object({ token: Type.String(), expiresAt: IsoDateTime });
export type DevTokenResponse = Static<typeof DevTokenResponse>;
