/**
 * The triage server as production runs it: `src/server/main.ts` in a process of its own (its
 * TypeScript compiled on load by transpile-ts.cjs), configured by the environment alone, stopped
 * by SIGTERM or killed outright. Preloads can reach into it before it starts (a test's pause).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { Readable } from 'node:stream';

const ROOT = path.resolve(__dirname, '../..');
const TRANSPILE = path.join(__dirname, 'transpile-ts.cjs');
const MAIN = path.join(ROOT, 'src/server/main.ts');
const READY = 'Second Look triage server is running';

export interface ServerProcess {
  port: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when its output contains `text` (rejects if it exits first or after `timeoutMs`). */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** SIGTERM, then its exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no shutdown of any kind. */
  kill(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServerProcess(env: Record<string, string>, options: { preload?: string[] } = {}): Promise<ServerProcess> {
  const port = await freePort();
  // None of the test run's own settings leak in: the process is configured by `env` alone.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'DATABASE_URL' && !key.startsWith('SECOND_LOOK_')));
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    ['--require', TRANSPILE, ...(options.preload ?? []).flatMap((file) => ['--require', file]), MAIN],
    {
      cwd: ROOT,
      // The quarantine's SMTP listener on any free port: processes running at once never collide.
      env: { ...inherited, SECOND_LOOK_PORT: String(port), SECOND_LOOK_SMTP_PORT: '0', SECOND_LOOK_DEV_CERTS: 'off', SECOND_LOOK_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of [...listeners]) listener();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const waitForOutput = (text: string | RegExp, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const found = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      if (found()) return resolve(output);
      const timer = setTimeout(() => done(new Error(`no ${String(text)} from the server within ${timeoutMs} ms; it wrote:\n${output}`)), timeoutMs);
      const check = () => found() && done();
      const done = (error?: Error) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (error) reject(error);
        else resolve(output);
      };
      listeners.add(check);
      void exited.then((code) => done(found() ? undefined : new Error(`the server exited (${code}) before writing ${String(text)}:\n${output}`)));
    });

  const server: ServerProcess = {
    port,
    output: () => output,
    waitForOutput,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  try {
    await waitForOutput(READY);
  } catch (error) {
    await server.kill();
    throw error;
  }
  return server;
}
