/**
 * GET /api/audit: the audit trail, newest first, filtered and paged (admins and readers); with
 * `Accept: text/csv` the whole filtered trail as a spreadsheet-safe CSV file.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditPage, AuditQuery } from '../../contracts/portal/audit';
import { principalOf } from '../auth/authenticate';
import { toCsv } from '../http/csv';
import type { AuditService } from '../services/audit-service';
import { INPUT_ERRORS } from './responses';
import { signedIn } from './signed-in';

const CSV_HEADER = ['id', 'at', 'actor', 'action', 'targetType', 'targetId', 'detail'] as const;

/** True when the client asks for CSV before JSON. */
function wantsCsv(accept: string | undefined): boolean {
  const types = (accept ?? '').split(',').map((t) => t.split(';')[0]?.trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv !== -1 && (json === -1 || csv < json);
}

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/api/audit',
    signedIn(app, {
      tags: ['audit'],
      summary: 'Who changed what, when: newest first; Accept: text/csv exports every matching row',
      querystring: AuditQuery,
      produces: ['application/json', 'text/csv'],
      response: {
        // The CSV is sent as a string (no serializer runs for it); the schema documents both.
        200: Type.Union([AuditPage, Type.String({ description: 'text/csv export' })]),
        ...INPUT_ERRORS,
      },
    }, 'reader'),
    async (request, reply) => {
      const principal = principalOf(request);
      if (!wantsCsv(request.headers.accept)) return audit.list(principal, request.query);
      const rows = await audit.export(principal, request.query);
      const csv = toCsv(CSV_HEADER, rows.map((r) => [r.id, r.at, r.actor, r.action, r.targetType, r.targetId, r.detail]));
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="second-look-audit-${stamp}.csv"`)
        .send(csv);
    },
  );
};
