/**
 * A real triage server for one end-to-end test, listening on loopback HTTP: its own temporary
 * data folder (SQLite file, issuer key), the built pages, and tokens from its embedded issuer.
 * It can be stopped and started again on the same port and data, as a server that goes away
 * and comes back. Each test starts its own, so no test depends on another having run.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../src/contracts/roles';
import { buildApp } from '../../../src/server/app';
import { loadEmbeddedIssuer, mintToken } from '../../../src/server/auth/embedded-issuer';
import { loadConfig, type Config } from '../../../src/server/config/config';
import { tempDir } from '../../helpers/server';
import { WEB_ROOT } from './web-build';

export interface E2eServer {
  /** http://127.0.0.1:<port>, the same across stop() and start(). */
  readonly origin: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A token of the server's issuer, minted directly (not through the pane). */
  token(email: string, roles?: Role[]): Promise<string>;
  /** Stops the server and removes its data. */
  close(): Promise<void>;
}

export async function startE2eServer(env: Record<string, string> = {}): Promise<E2eServer> {
  const config: Config = loadConfig({
    SECOND_LOOK_DATA: tempDir('second-look-e2e-'),
    SECOND_LOOK_LOG_LEVEL: 'silent',
    SECOND_LOOK_WEB_ROOT: WEB_ROOT,
    ...env,
  });
  let app: FastifyInstance | undefined;
  let port = 0;

  const server: E2eServer = {
    get origin() {
      return `http://127.0.0.1:${port}`;
    },
    async start() {
      app = await buildApp({ ...config, port });
      await app.listen({ port, host: '127.0.0.1' });
      port = (app.server.address() as { port: number }).port;
    },
    async stop() {
      await app?.close();
      app = undefined;
    },
    async token(email, roles = []) {
      if (config.auth.kind !== 'embedded') throw new Error('embedded issuer expected');
      const issuer = await loadEmbeddedIssuer(config.dataDir, config.auth.issuer, config.auth.audience);
      return (await mintToken(issuer, { email, roles, lifetime: 600, now: new Date() })).token;
    },
    async close() {
      await server.stop();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
