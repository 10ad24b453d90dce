/**
 * The lists, exported for real filters: an Exchange Online PowerShell script (admins,
 * readers), and Rspamd multimap files that Rspamd polls with If-Modified-Since, protected by a
 * shared token (SECOND_LOOK_MAPS_TOKEN) that Rspamd sends as a bearer token or `?token=`.
 */
import { timingSafeEqual } from 'node:crypto';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../contracts/common';
import type { RspamdMaps } from '../../core/exports';
import { principalOf } from '../auth/authenticate';
import { TokenError } from '../auth/verifier';
import type { ListExportsService } from '../services/list-exports-service';
import { notFound } from '../services/errors';
import { AUTH_ERRORS } from './responses';
import { signedIn } from './signed-in';

const MAP_FILES: Record<string, keyof Omit<RspamdMaps, 'skipped'>> = {
  'allow-senders': 'allowSenders',
  'allow-domains': 'allowDomains',
  'block-senders': 'blockSenders',
  'block-domains': 'blockDomains',
  'block-domain-patterns': 'blockDomainPatterns',
};

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const exportRoutes: FastifyPluginAsyncTypebox<{ listExports: ListExportsService; mapsToken: string | undefined }> = async (app, { listExports, mapsToken }) => {
  app.get(
    '/api/exports/exchange-online.ps1',
    signedIn(app, {
      tags: ['exports'],
      summary: 'A PowerShell script applying the lists in Exchange Online (New-TenantAllowBlockListItems, Set-MailboxJunkEmailConfiguration)',
      produces: ['text/plain'],
      response: { 200: Type.String(), ...AUTH_ERRORS },
    }, 'reader'),
    async (request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', 'attachment; filename="second-look-exchange-online.ps1"')
        .send(await listExports.exchangeScript(principalOf(request))),
  );

  app.get(
    '/maps/rspamd/:name',
    {
      schema: {
        tags: ['exports'],
        summary: 'Rspamd multimap files: allow-senders.map, allow-domains.map, block-senders.map, block-domains.map, block-domain-patterns.map',
        params: Type.Object({ name: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 512 })) }),
        produces: ['text/plain'],
        response: { 200: Type.String(), 304: Type.Null(), 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      if (!mapsToken) throw notFound('map files (set SECOND_LOOK_MAPS_TOKEN to serve them)');
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const given = bearer ?? request.query.token;
      if (!given || !sameSecret(given, mapsToken)) throw new TokenError('the map files need the maps token (Authorization: Bearer … or ?token=…)');
      const key = MAP_FILES[request.params.name.replace(/\.map$/, '')];
      if (!key) throw notFound(`map ${request.params.name}; the maps are ${Object.keys(MAP_FILES).map((n) => `${n}.map`).join(', ')}`);
      const { maps, lastModified } = await listExports.rspamdMaps();
      // HTTP dates have whole seconds: compare at that precision.
      const modifiedSeconds = Math.floor(lastModified.getTime() / 1000);
      const since = Date.parse(request.headers['if-modified-since'] ?? '');
      reply.header('last-modified', new Date(modifiedSeconds * 1000).toUTCString()).header('cache-control', 'no-cache');
      if (Number.isFinite(since) && modifiedSeconds <= Math.floor(since / 1000)) return reply.status(304).send(null);
      return reply.type('text/plain; charset=utf-8').send(maps[key]);
    },
  );
};
