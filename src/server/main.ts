/**
 * The only file that listens. Starts the triage server with the configuration from the
 * environment, prints where everything is, and shuts down cleanly on SIGINT/SIGTERM.
 */
import './threadpool'; // first: sizes libuv's thread pool before anything uses it
import type { FastifyInstance } from 'fastify';
import { buildApp, manifestOrigin } from './app';
import { startMailSender } from './mail-sender-loop';
import { startBulkReleaseLoop } from './bulk-release-loop';
import { configFromEnvironment } from './config';
import { devTokenRefusals, devTokensEnabled, type Config } from './config/config';

/**
 * What the banner says about sign-in. No token is printed: a long-lived admin token in a
 * terminal's scrollback (or a service's journal) is a key anyone reading it can use.
 */
function identityLines(config: Config, portalLink: string | undefined): string[] {
  const lines: string[] = [];
  if (config.auth.kind === 'embedded') {
    if (portalLink !== undefined) {
      lines.push(`  portal sign-in ${portalLink}`, '                 (one-time, 15 minutes; `npx second-look admin-link` prints another)');
    }
    lines.push('  admin token    run `npx second-look token --user YOU@YOUR-DOMAIN --role SecurityAdministrator`');
  } else {
    lines.push(`  sign-in        tokens from ${config.auth.issuer}`);
  }
  const refusals = devTokenRefusals(config);
  if (refusals.length === 0) {
    lines.push(
      '',
      '  !!! DEV MODE: the add-in gets end-user tokens from this server for any address, without',
      '  !!! signing in, on requests made from this machine only. Configure an identity provider',
      '  !!! (SECOND_LOOK_JWKS_URL) before anyone else uses it.',
    );
  } else if (config.auth.kind === 'embedded') {
    lines.push(`  dev mode       off: ${refusals.join('; ')}`);
  }
  return lines;
}

export async function serve(config: Config = configFromEnvironment()): Promise<() => Promise<void>> {
  const app = await buildApp(config);
  await app.listen({ port: config.port, host: config.host });
  // The quarantine's SMTP listener: a port that cannot be had stops the start, as the API's does.
  const smtp = app.quarantine.smtp;
  let smtpAddress: string | undefined;
  try {
    const bound = smtp === undefined ? undefined : await smtp.listen();
    smtpAddress = bound === undefined ? undefined : `${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`;
  } catch (error) {
    await app.close();
    throw error;
  }
  const stopSweep = startExpirySweep(app, config.expirySweepSeconds);
  const stopPurge = startRetentionPurge(app, config.protection.retention.purgeIntervalSeconds);
  const stopMail = startMailSender(app, config.mail.pollSeconds);
  const stopBulk = startBulkReleaseLoop(app, config.mail.pollSeconds);

  const lines = [
    '',
    'Second Look triage server is running',
    `  database       ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite at ${config.dataDir}/second-look.sqlite`}`,
    `  add-in manifest ${config.publicUrl}/manifest.xml${manifestOrigin(config) === config.publicUrl ? "" : ` (its URLs point at ${manifestOrigin(config)})`}`,
    `  admin portal   ${config.publicUrl}/admin/`,
    `  API document   ${config.publicUrl}/api/openapi.json`,
    `  quarantine     ${smtpAddress === undefined ? 'SMTP intake off (SECOND_LOOK_SMTP_PORT=off)' : `SMTP intake on ${smtpAddress}`}`,
  ];
  if (!config.tls) {
    lines.push(
      '',
      '  NOTE: serving plain HTTP. Outlook loads add-ins only over HTTPS: run',
      '        `npx office-addin-dev-certs install` and restart, or set SECOND_LOOK_TLS_CERT/KEY.',
    );
  }
  // The portal's one-time link (as Jupyter prints its token URL): single use, short-lived, and
  // only where nobody but this machine can reach the server.
  const portalLink = app.services.signIn.linksEnabled ? (await app.services.signIn.createLink(config.portal.linkUser, ['SecurityAdministrator'])).url : undefined;
  lines.push('', ...identityLines(config, portalLink));
  if (devTokensEnabled(config)) {
    app.log.warn('DEV MODE: /api/dev/token hands out end-user tokens without sign-in, to requests from this machine only');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  return async () => {
    await smtp?.close(); // mail being received finishes (or the MTA retries it) before the rest stops
    stopSweep();
    stopPurge();
    await stopBulk(); // the batch under way commits first
    await stopMail(); // the mail being sent now finishes first: none is left half-sent
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

/**
 * Purges submissions and messages past retention now and then every `seconds`. A failed run
 * is logged and tried again at the next interval; nothing it had not committed is lost.
 */
function startRetentionPurge(app: FastifyInstance, seconds: number): () => void {
  const purge = () => {
    app.services.retention.purge().then(
      (result) => {
        if (result.submissions > 0 || result.messages > 0 || result.quarantine.rows > 0) {
          app.log.info(result, `retention purge removed ${result.submissions} submissions, ${result.quarantine.rows} quarantined messages and ${result.messages + result.quarantine.messages} stored messages`);
        }
      },
      (error: unknown) => app.log.error({ err: error }, 'the retention purge failed; it runs again at the next interval'),
    );
  };
  purge();
  const timer = setInterval(purge, seconds * 1000);
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
