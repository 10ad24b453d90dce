/**
 * `fetch` over a real Fastify app without a socket: each call becomes `app.inject()`, and the
 * answer a WHATWG Response. The add-in's client then talks to the real server's routes, rules
 * and database, exactly as in Outlook, and no hand-written fake can drift from them.
 */
import type { FastifyInstance } from 'fastify';
import type { FetchLike } from '../../src/addin/api/types';

export function injectFetch(app: FastifyInstance): FetchLike {
  return async (url, init = {}) => {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const response = await app.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: `${target.pathname}${target.search}`,
      headers: { host: target.host, ...headers },
      ...(typeof init.body === 'string' ? { payload: init.body } : {}),
    });
    const answerHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) answerHeaders.append(name, String(one));
    }
    const bodyless = response.statusCode === 204 || response.statusCode === 304;
    return new Response(bodyless ? null : new Uint8Array(response.rawPayload), { status: response.statusCode, headers: answerHeaders });
  };
}
