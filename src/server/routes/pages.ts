/**
 * The add-in's pages, its icons, the manifest and the admin portal: everything a browser or
 * Outlook loads that is not /api. Built pages come from webpack's output folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { PORTAL_PAGE_PATHS } from '../../contracts/portal/pages';
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
    // The portal's pages are addresses, not files: a deep link, a reload, the redirect URI an
    // OpenID provider sends the browser back to and the printed one-time link are all answered
    // with the portal's page, which reads the address. ('' is /admin/, served as its index.)
    const portalPage = path.join(options.webRoot, 'admin/index.html');
    for (const at of PORTAL_PAGE_PATHS.filter((p) => p !== '').map((p) => `/admin${p}`)) {
      app.get(at, { schema: { hide: true } }, async (_request, reply) => {
        const page = await fs.promises.readFile(portalPage).catch(() => undefined);
        if (page === undefined) return reply.callNotFound(); // a build without the portal
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
      });
    }
  } else {
    app.log.warn(`no built pages at ${options.webRoot}: run \`npm run build\` to serve the add-in and the portal`);
  }
};
