/**
 * What a request looks like in the log: method, path, the query with every secret-bearing
 * parameter blanked, and the client. Headers are never logged: Authorization carries bearer
 * tokens, and cookies or proxy headers carry more. Rspamd fetches the map files with
 * `?token=…`, the portal's sign-in comes back with `?code=…`, a one-time link carries its
 * token in the URL: all of these are redacted here, once, for every log line.
 */
import type { FastifyRequest } from 'fastify';

/** Query parameters whose values are secrets (compared without case). */
const SECRET_PARAMS = new Set(['token', 'access_token', 'id_token', 'refresh_token', 'code', 'code_verifier', 'state', 'password', 'secret', 'key', 'sig', 'signature', 'ticket', 'session']);

export const REDACTED = '[redacted]';

/** `url` with the values of secret query parameters replaced; unparseable queries dropped whole. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const path = url.slice(0, q);
  try {
    const params = new URLSearchParams(url.slice(q + 1));
    const kept: string[] = [];
    for (const [name, value] of params) {
      kept.push(`${encodeURIComponent(name)}=${SECRET_PARAMS.has(name.toLowerCase()) ? REDACTED : encodeURIComponent(value)}`);
    }
    return kept.length > 0 ? `${path}?${kept.join('&')}` : path;
  } catch {
    return `${path}?${REDACTED}`;
  }
}

/** Pino serializer for `req`: what Fastify logs for each request, minus its secrets. */
export function requestForLog(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    remoteAddress: request.ip,
    principal: request.principal?.id,
  };
}
