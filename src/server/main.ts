/**
 * The only file that listens. Starts the triage server with the configuration from the
 * environment, prints where everything is, and shuts down cleanly on SIGINT/SIGTERM.
 */
import './threadpool'; // first: sizes libuv's thread pool before anything uses it
import type { FastifyInstance } from 'fastify';
import { buildApp, manifestOrigin } from './app';
import { loadEmbeddedIssuer, mintToken } from './auth/embedded-issuer';
import { configFromEnvironment } from './config';
import { devTokensEnabled, type Config } from './config/config';

const ADMIN_TOKEN_HOURS = 12;

export async function serve(config: Config = configFromEnvironment()): Promise<() => Promise<void>> {
  const app = await buildApp(config);
  await app.listen({ port: config.port, host: config.host });
  const stopSweep = startExpirySweep(app, config.expirySweepSeconds);

  const lines = [
    '',
    'Second Look triage server is running',
    `  database       ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite at ${config.dataDir}/second-look.sqlite`}`,
    `  add-in manifest ${config.publicUrl}/manifest.xml${manifestOrigin(config) === config.publicUrl ? "" : ` (its URLs point at ${manifestOrigin(config)})`}`,
    `  admin portal   ${config.publicUrl}/admin/`,
    `  API document   ${config.publicUrl}/api/openapi.json`,
  ];
  if (!config.tls) {
    lines.push(
      '',
      '  NOTE: serving plain HTTP. Outlook loads add-ins only over HTTPS: run',
      '        `npx office-addin-dev-certs install` and restart, or set SECOND_LOOK_TLS_CERT/KEY.',
    );
  }
  if (config.auth.kind === 'embedded') {
    const issuer = await loadEmbeddedIssuer(config.dataDir, config.auth.issuer, config.auth.audience);
    const { token } = await mintToken(issuer, {
      email: 'admin@second-look.localhost',
      displayName: 'Second Look admin',
      roles: ['SecurityAdministrator'],
      lifetime: ADMIN_TOKEN_HOURS * 3600,
      now: new Date(),
    });
    lines.push('', `  admin token (SecurityAdministrator, ${ADMIN_TOKEN_HOURS} h):`, `  ${token}`);
  }
  if (devTokensEnabled(config)) {
    lines.push(
      '',
      '  !!! DEV MODE: the add-in gets end-user tokens from this server for any address, without',
      '  !!! signing in. Acceptable only because it listens on loopback; configure an identity',
      '  !!! provider (SECOND_LOOK_JWKS_URL) before anyone else can reach it.',
    );
    app.log.warn('DEV MODE: /api/dev/token hands out end-user tokens without sign-in (loopback only)');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  return async () => {
    stopSweep();
    await app.close();
  };
}

/**
 * Removes expired allow/block entries now and then every `seconds`. Entries stop matching the
 * instant they expire whether or not the sweep has run; the sweep removes them from the list
 * (with an audit row each) so admins see the list as it acts.
 */
function startExpirySweep(app: FastifyInstance, seconds: number): () => void {
  const sweep = () => {
    app.services.entries.expire().then(
      (removed) => {
        if (removed.length > 0) app.log.info({ removed: removed.map((e) => `${e.action} ${e.value}`) }, `expired ${removed.length} allow/block entries`);
      },
      (error: unknown) => app.log.error({ err: error }, 'the expiry sweep failed; it runs again at the next interval'),
    );
  };
  sweep();
  const timer = setInterval(sweep, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

if (require.main === module) {
  serve().then(
    (stop) => {
      const shutdown = () => {
        stop().then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (error: unknown) => {
      process.stderr.write(`second-look: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
