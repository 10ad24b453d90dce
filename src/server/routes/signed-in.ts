/**
 * What every signed-in API route shares: the token is verified before anything else runs
 * (app.authenticate answers 401 without one), the caller's role is checked before the body is
 * validated or anything is looked up (403), the OpenAPI document names the bearer scheme, and a
 * resource's id in the path is held to the same bounds everywhere.
 *
 * The role gate is the first line; services check again, with the resource in hand (a user's
 * own submission, say). test/server/route-access.test.ts holds every route in the OpenAPI
 * document to it, so a new route cannot be forgotten.
 */
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import { canAdminister, canIntakeQuarantine, canManageQuarantine, canReadAll, canReadQuarantine } from '../../core/permissions';
import { principalOf } from '../auth/authenticate';
import { forbidden } from '../services/errors';

const BEARER = [{ bearer: [] }];

/** `/…/:id` of a submission or an entry. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/**
 * Who may call a route. user: anyone signed in (the service limits them to their own data);
 * reader: SecurityReader or SecurityAdministrator; admin: SecurityAdministrator; quarantine:
 * QuarantineAdministrator or SecurityAdministrator; quarantineReader: those three (reading the
 * quarantine); intake: QuarantineIntake alone.
 */
export type Access = 'user' | 'reader' | 'admin' | 'quarantine' | 'quarantineReader' | 'intake';

const GATES: Readonly<Record<Exclude<Access, 'user'>, { allows: typeof canReadAll; refusal: string }>> = {
  reader: { allows: canReadAll, refusal: 'this needs the SecurityAdministrator or SecurityReader role' },
  admin: { allows: canAdminister, refusal: 'this needs the SecurityAdministrator role' },
  quarantine: { allows: canManageQuarantine, refusal: 'this needs the QuarantineAdministrator or SecurityAdministrator role' },
  quarantineReader: { allows: canReadQuarantine, refusal: 'this needs the QuarantineAdministrator, SecurityAdministrator or SecurityReader role' },
  intake: { allows: canIntakeQuarantine, refusal: 'this needs the QuarantineIntake role (an integration that hands messages to the quarantine)' },
};

/** Route options for a route that needs a verified token and `access`; `schema` says the rest. */
export function signedIn<S extends FastifySchema>(app: FastifyInstance, schema: S, access: Access = 'user') {
  const gate = access === 'user' ? undefined : GATES[access];
  const checkRole = async (request: FastifyRequest): Promise<void> => {
    if (gate !== undefined && !gate.allows(principalOf(request))) throw forbidden(gate.refusal);
  };
  return { preValidation: [app.authenticate, checkRole], schema: { ...schema, security: BEARER } };
}
