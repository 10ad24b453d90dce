/**
 * Runs in a child process during `npm run bench` (see child-server.ts), so the load generator
 * and the server do not share one event loop. `app` is the triage server, with the settings the
 * bench passes as JSON in the next argument; `bare` is a plain Fastify POST handler with the
 * same body limit: the floor our intake is compared to. Asked `clustered?`, the app answers
 * once it has clustered every report it took (clustering runs in the background, as it does
 * in production).
 */
import '../src/server/threadpool'; // first: sizes libuv's thread pool before anything uses it
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config/config';

async function main(): Promise<void> {
  const mode = process.argv[2];
  const bodyLimit = 60 * 1024 * 1024;
  let close: () => Promise<unknown>;
  let port: number;
  /** Resolves once every report so far is in a cluster (the app clusters in the background). */
  let clustered: () => Promise<void> = async () => {};
  if (mode === 'bare') {
    const app = Fastify({ bodyLimit });
    app.post('/api/submissions', async (request, reply) => reply.status(201).send({ ok: typeof request.body === 'object' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    close = () => app.close();
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'second-look-bench-'));
    const env = JSON.parse(process.argv[3] ?? '{}') as Record<string, string>;
    const app = await buildApp(loadConfig({ SECOND_LOOK_DATA: dataDir, SECOND_LOOK_LOG_LEVEL: 'silent', SECOND_LOOK_WEB_ROOT: path.join(dataDir, 'none'), ...env }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    clustered = () => app.clustering.idle();
    // The quarantine's SMTP listener, when the bench asked for one (as main.ts starts it).
    const smtp = env['SECOND_LOOK_SMTP_PORT'] === undefined ? undefined : await app.quarantine.smtp?.listen();
    if (smtp) process.send?.({ smtpPort: smtp.port });
    close = async () => {
      await app.quarantine.smtp?.close();
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    process.send?.({ dataDir });
  }
  process.send?.({ port });
  process.on('message', (message) => {
    if (message === 'stop') void close().then(() => process.exit(0));
    if (message === 'clustered?') void clustered().then(() => process.send?.({ clustered: true }));
  });
}

void main();
