/**
 * The add-in's pages, its icons, the manifest and the admin portal: everything a browser or
 * Outlook loads that is not /api. Built pages come from webpack's output folder.
 */
import fs from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import type { ManifestService } from '../services/manifest-file';

export interface PagesOptions {
  webRoot: string;
  assetsRoot: string;
  manifest: ManifestService;
}

export const pageRoutes: FastifyPluginAsync<PagesOptions> = async (app, options) => {
  app.get('/manifest.xml', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/xml; charset=utf-8').header('cache-control', 'no-cache').send(await options.manifest.render()),
  );
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/'));

  if (fs.existsSync(options.assetsRoot)) {
    await app.register(fastifyStatic, { root: options.assetsRoot, prefix: '/assets/', decorateReply: false });
  }
  // Without a build there are no pages; the API still works (tests, `npm run serve` before build).
  if (fs.existsSync(options.webRoot)) {
    await app.register(fastifyStatic, { root: options.webRoot, prefix: '/', decorateReply: false, index: ['index.html'] });
  } else {
    app.log.warn(`no built pages at ${options.webRoot}: run \`npm run build\` to serve the add-in and the portal`);
  }
};
