/**
 * What every signed-in API route shares: the token is verified before anything else runs
 * (app.authenticate answers 401 without one), the OpenAPI document names the bearer scheme, and
 * a resource's id in the path is held to the same bounds everywhere.
 */
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifySchema } from 'fastify';

const BEARER = [{ bearer: [] }];

/** `/…/:id` of a submission or an entry. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Route options for a route that needs a verified token; `schema` says the rest. */
export function signedIn<S extends FastifySchema>(app: FastifyInstance, schema: S) {
  return { preHandler: app.authenticate, schema: { ...schema, security: BEARER } };
}
