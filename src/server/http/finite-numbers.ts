/**
 * Ajv turns the query text "1e309" into Infinity when it coerces it to a number, and then
 * skips `minimum`/`maximum` for values that are not finite, so `?limit=1e309` passes a schema
 * of 1–200 and reaches the database as Infinity. This check runs after validation and refuses
 * any number in the query or path that is not finite, so a route only ever sees real numbers.
 */
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../services/errors';

function firstNonFinite(values: unknown): string | undefined {
  if (typeof values !== 'object' || values === null) return undefined;
  for (const [name, value] of Object.entries(values)) {
    const items = Array.isArray(value) ? value : [value];
    if (items.some((item) => typeof item === 'number' && !Number.isFinite(item))) return name;
  }
  return undefined;
}

export function refuseNonFiniteNumbers(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const name = firstNonFinite(request.query) ?? firstNonFinite(request.params);
    if (name !== undefined) throw badRequest('validation_failed', `${name} must be a finite number`);
  });
}
