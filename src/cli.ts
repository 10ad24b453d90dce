/**
 * `second-look serve | token | migrate | analyze | lists | purge | import`. Every command reads the same configuration
 * as the server (environment and optional config file), so `token` signs with the server's key.
 * Mistakes in a command line get one clear line and exit code 2, never a stack trace.
 */
import './server/threadpool'; // first: sizes libuv's thread pool before anything uses it
import fs from 'node:fs/promises';
import { runAdminLink } from './cli/admin-link';
import { runAnalyze } from './cli/analyze';
import { runImport } from './cli/import';
import { runLists } from './cli/lists';
import { runMigrate } from './cli/migrate';
import { runPurge } from './cli/purge';
import { processIo, UsageError, type CliIo } from './cli/io';
import { runToken } from './cli/token';
import { configFromEnvironment } from './server/config';
import { serve } from './server/main';
import { ConfigError } from './server/config/config';

const USAGE = `usage: second-look <command>

  serve                                   start the triage server
  token --user ADDRESS [--role ROLE]      print a bearer token from the embedded issuer
        [--hours N]                       ROLE: SecurityAdministrator | SecurityReader |
                                          QuarantineAdministrator | QuarantineIntake
  admin-link [--user ADDRESS] [--role R]  print a one-time sign-in link for the admin portal
  migrate                                 bring the database schema up to date
  lists expire --now                      remove expired allow/block entries now
  purge --now                             delete submissions and messages past retention now
  analyze FILE.eml [--json] [--lang L]    why a message was blocked (L: en-US, da-DK, fr-FR)
  import PATH [--recipient ADDRESS]...    put a .eml file, an mbox or a Maildir in the quarantine
`;

export async function main(argv: string[], io: CliIo = processIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve': {
        const stop = await serve(configFromEnvironment(env));
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
        return 0;
      }
      case 'token':
        return await runToken(rest, configFromEnvironment(env), io);
      case 'admin-link':
        return await runAdminLink(rest, configFromEnvironment(env), io);
      case 'analyze':
        return await runAnalyze(rest, { readFile: (file) => fs.readFile(file), out: io.out, err: io.err, trust: configFromEnvironment(env).trust });
      case 'lists':
        return await runLists(rest, configFromEnvironment(env), io);
      case 'purge':
        return await runPurge(rest, configFromEnvironment(env), io);
      case 'import':
        return await runImport(rest, configFromEnvironment(env), io);
      case 'migrate':
        return await runMigrate(configFromEnvironment(env), io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.err(`second-look ${command ?? ''}: ${error.message}`);
      return 2;
    }
    // node:util parseArgs reports bad flags with ERR_PARSE_ARGS_* codes.
    if (String((error as { code?: unknown } | null)?.code ?? '').startsWith('ERR_PARSE_ARGS')) {
      io.err(`second-look ${command ?? ''}: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`second-look: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
