/**
 * `npm start` (build, then serve) is the README's first command: the command its scripts run
 * must start the server the build produces. Runs the `serve` script's own command line, as npm
 * would, against a fresh data folder, and checks the server answers and stops cleanly.
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tempDir } from '../helpers/server';

const ROOT = path.resolve(__dirname, '../..');
const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(target).map((e) => newestMtime(path.join(target, e))));
}

/** The server build, rebuilt first when missing or older than its sources (never a stale pass). */
function ensureServerBuild(main: string): void {
  const built = fs.existsSync(main) ? fs.statSync(main).mtimeMs : 0;
  const sources = Math.max(...['src/server', 'src/core', 'src/contracts', 'src/i18n', 'src/cli.ts'].map((s) => newestMtime(path.join(ROOT, s))));
  if (built >= sources) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.server.json'], { cwd: ROOT, stdio: 'inherit' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('npm scripts', () => {
  test('start builds and then runs exactly what serve runs', () => {
    expect(scripts['start']).toBe(`npm run build && ${scripts['serve']}`);
  });

  test('serve starts the built server: it prints its URLs, answers /healthz and stops on SIGTERM', async () => {
    const [command, entry, ...rest] = (scripts['serve'] ?? '').split(' ');
    expect([command, rest]).toEqual(['node', []]);
    const main = path.join(ROOT, entry ?? '');
    ensureServerBuild(main);
    expect(fs.existsSync(main)).toBe(true);

    const port = await freePort();
    // The embedded default, as `npm start` on a fresh machine: none of the test run's own
    // settings (DATABASE_URL above all: the server would migrate the shared database's public
    // schema, where Kysely's table check would then mislead every other PostgreSQL suite).
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'DATABASE_URL' && !key.startsWith('SECOND_LOOK_')));
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: { ...env, SECOND_LOOK_PORT: String(port), SECOND_LOOK_SMTP_PORT: '0', SECOND_LOOK_DATA: tempDir(), SECOND_LOOK_DEV_CERTS: 'off', SECOND_LOOK_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!output.includes('admin token') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(output).toContain(`http://localhost:${port}/manifest.xml`);
      // Healthy once started; on a busy machine the first seconds' event-loop delay may shed load (503) before it is.
      let health = await fetch(`http://127.0.0.1:${port}/healthz`);
      for (let tries = 0; health.status === 503 && tries < 50; tries++) {
        await new Promise((r) => setTimeout(r, 200));
        health = await fetch(`http://127.0.0.1:${port}/healthz`);
      }
      expect(health.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
