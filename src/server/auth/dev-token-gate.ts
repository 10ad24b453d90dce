/**
 * Dev tokens go only to a developer on this machine. The configuration must keep the server to
 * itself (config.ts: devTokenRefusals), and each request must come straight from here: a
 * loopback Host, a loopback peer, and no proxy headers. A reverse proxy on the same host
 * forwards the Internet to loopback; its Host and X-Forwarded-* headers give it away.
 */
import type { FastifyRequest } from 'fastify';
import { hostOfHostHeader, isLoopbackHost, isLoopbackIp } from '../../core/net/addresses';

/** Headers that only a proxy (or someone pretending to be one) sends. */
function hasProxyHeader(headers: FastifyRequest['headers']): boolean {
  return Object.keys(headers).some((name) => name === 'forwarded' || name === 'via' || name === 'x-real-ip' || name.startsWith('x-forwarded-'));
}

export function requestIsFromThisMachine(request: FastifyRequest): boolean {
  const host = hostOfHostHeader(request.headers.host ?? '');
  return (
    host !== undefined &&
    isLoopbackHost(host) &&
    isLoopbackIp(request.socket.remoteAddress ?? '') &&
    !hasProxyHeader(request.headers)
  );
}
