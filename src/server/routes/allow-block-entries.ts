/** /api/allow-block-entries: the Tenant Allow/Block List (admins change, readers read). */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page } from '../../contracts/common';
import {
  AllowBlockEntry,
  BulkCreateAllowBlockEntries,
  BulkCreateResponse,
  CreateAllowBlockEntry,
  HealthReport,
  ListAllowBlockEntriesQuery,
  UpdateAllowBlockEntry,
} from '../../contracts/lists';
import { principalOf } from '../auth/authenticate';
import type { AllowBlockService } from '../services/allow-block-service';
import type { ListHealthService } from '../services/list-health-service';
import { AUTH_ERRORS, CONFLICT, INPUT_ERRORS, NOT_FOUND } from './responses';
import { IdParams, signedIn } from './signed-in';

export interface AllowBlockRoutesOptions {
  entries: AllowBlockService;
  health: ListHealthService;
}

export const allowBlockRoutes: FastifyPluginAsyncTypebox<AllowBlockRoutesOptions> = async (app, { entries, health }) => {
  const tags = ['tenant allow/block list'];
  // Each route reads the same way (method, path, signedIn schema, handler): alike by design, not copied.

  app.get(
    '/api/allow-block-entries',
    signedIn(app, { tags, summary: 'List entries, newest first, with filters', querystring: ListAllowBlockEntriesQuery, response: { 200: Page(AllowBlockEntry), ...INPUT_ERRORS } }, 'reader'),
    async (request) => entries.list(principalOf(request), request.query),
  );

  app.post(
    '/api/allow-block-entries',
    signedIn(app, {
      tags,
      summary: 'Create an allow or block entry (an address or a domain) with an expiry',
      description: 'Allow entries made directly must expire within 30 days; with submissionId they may use "remove N days after last used".',
      body: CreateAllowBlockEntry,
      response: { 201: AllowBlockEntry, ...INPUT_ERRORS, ...NOT_FOUND, ...CONFLICT },
    }, 'admin'),
    async (request, reply) => reply.status(201).send(await entries.create(principalOf(request), request.body)),
  );

  app.post(
    '/api/allow-block-entries/bulk',
    signedIn(app, { tags, summary: 'Create entries from a pasted list, one value per line; each line reports its outcome', body: BulkCreateAllowBlockEntries, response: { 200: BulkCreateResponse, ...INPUT_ERRORS } }, 'admin'),
    async (request) => entries.bulkCreate(principalOf(request), request.body),
  );

  app.get(
    '/api/allow-block-entries/health',
    signedIn(app, {
      tags,
      summary: 'Entries expiring within 7 days, unused for 30 days, allows shadowed by blocks, users near their Safe Senders limit, domain suggestions',
      response: { 200: HealthReport, ...AUTH_ERRORS },
    }, 'reader'),
    async (request) => health.health(principalOf(request)),
  );

  app.get(
    '/api/allow-block-entries/:id',
    signedIn(app, { tags, summary: 'One entry', params: IdParams, response: { 200: AllowBlockEntry, ...AUTH_ERRORS, ...NOT_FOUND } }, 'reader'),
    async (request) => entries.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/allow-block-entries/:id',
    signedIn(app, { tags, summary: "Change an entry's expiry or note", params: IdParams, body: UpdateAllowBlockEntry, response: { 200: AllowBlockEntry, ...INPUT_ERRORS, ...NOT_FOUND } }, 'admin'),
    async (request) => entries.update(principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/allow-block-entries/:id',
    signedIn(app, { tags, summary: 'Remove an entry', params: IdParams, response: { 204: Type.Null(), ...AUTH_ERRORS, ...NOT_FOUND } }, 'admin'),
    async (request, reply) => {
      await entries.remove(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
