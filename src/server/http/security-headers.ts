/**
 * Security headers on every answer (@fastify/helmet), with a Content-Security-Policy per kind
 * of page. Scripts only ever come from this server (and Office.js from Microsoft's CDN for the
 * add-in): no inline script anywhere. Styles may be inline, because Fluent UI writes its
 * styles at run time. The add-in's pages may be framed by Outlook's hosts and nothing else;
 * everything else may not be framed at all.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const OFFICE_JS = 'https://appsforoffice.microsoft.com';

type Directives = Record<string, string[]>;

const BASE: Directives = {
  'default-src': ["'self'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'script-src': ["'self'"],
  'connect-src': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** The add-in's pages: Office.js from Microsoft, Graph and sign-in for moving reported mail. */
function addinDirectives(frameAncestors: readonly string[]): Directives {
  return {
    ...BASE,
    'script-src': ["'self'", OFFICE_JS],
    'connect-src': ["'self'", OFFICE_JS, 'https://graph.microsoft.com', 'https://login.microsoftonline.com'],
    'frame-src': ["'self'", OFFICE_JS, 'https://login.microsoftonline.com'],
    'frame-ancestors': ["'self'", ...frameAncestors],
    // The quarantine preview's sandboxed srcdoc frame inherits this policy (as well as its own,
    // stricter one): remote images, held back until the user clicks "Load remote images", can
    // only load if the page allows HTTPS images. Scripts stay as strict as above.
    'img-src': ["'self'", 'data:', 'https:'],
  };
}

function serialize(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

export interface SecurityHeaderOptions {
  /** Origins that may frame the add-in's pages; Outlook's hosts by default. */
  addinFrameAncestors: readonly string[];
  /** Extra origins the admin portal may call (its OpenID provider's token endpoint). */
  portalConnectSources: readonly string[];
  /** True when served over HTTPS: HSTS and upgrade-insecure-requests make sense only then. */
  https: boolean;
}

export async function installSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): Promise<void> {
  const addin = serialize(addinDirectives(options.addinFrameAncestors));
  // HTTPS images for the same reason as the add-in's: the message preview's "Load remote images".
  const portal = serialize({ ...BASE, 'connect-src': ["'self'", ...options.portalConnectSources], 'img-src': ["'self'", 'data:', 'https:'] });
  const api = serialize({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"] });
  await app.register(helmet, {
    // Set per response below: one policy cannot fit pages that Outlook frames and pages nobody may.
    contentSecurityPolicy: false,
    // The add-in's pages are framed cross-origin by Outlook; frame-ancestors governs framing.
    frameguard: false,
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    // Office.js and Outlook's frames are cross-origin: isolating the pages would break them.
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    const policy = path.startsWith('/addin/') ? addin : path.startsWith('/admin') ? portal : api;
    void reply.header('content-security-policy', policy);
    if (!path.startsWith('/addin/')) void reply.header('x-frame-options', 'DENY');
  });
}
