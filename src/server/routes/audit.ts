/** GET /api/audit: the audit trail, newest first (admins and readers). */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IsoDateTime } from '../../contracts/common';
import { principalOf } from '../auth/authenticate';
import type { AuditService } from '../services/audit-service';
import { INPUT_ERRORS } from './responses';
import { signedIn } from './signed-in';

export const AuditRecordSchema = Type.Object({
  id: Type.Integer(),
  at: IsoDateTime,
  actor: Type.String(),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  detail: Type.Object({}, { additionalProperties: true }),
});

const AuditQuery = Type.Object(
  {
    targetType: Type.Optional(Type.String({ maxLength: 64 })),
    actor: Type.Optional(Type.String({ maxLength: 320 })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only rows with an id below this (paging: pass the last id seen)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/api/audit',
    signedIn(app, { tags: ['audit'], summary: 'Who changed what, when: newest first', querystring: AuditQuery, response: { 200: Type.Object({ items: Type.Array(AuditRecordSchema) }), ...INPUT_ERRORS } }),
    async (request) => ({ items: await audit.list(principalOf(request), request.query) }),
  );
};
