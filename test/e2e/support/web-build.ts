/**
 * The end-to-end tests load the built pages. When the build is missing or older than the
 * add-in's sources, it is rebuilt first, so a test never passes against stale pages.
 *
 * Two test processes may find the build stale at once (two Jest workers, or two runs): the
 * build cleans its output folder, so only one builds at a time, under a lock folder, and the
 * other then finds it fresh.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const WEB_ROOT = path.join(REPO_ROOT, 'build/web');
const MARKER = path.join(WEB_ROOT, 'addin/taskpane.html');
const SOURCES = ['src/addin', 'src/i18n', 'src/contracts', 'src/admin', 'src/web', 'webpack.config.js'];
const LOCK = path.join(REPO_ROOT, 'build/.web-build.lock');
/** A lock older than this was left by a build that died; a real build takes well under it. */
const STALE_LOCK_MS = 10 * 60_000;

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function isFresh(): boolean {
  const built = fs.existsSync(MARKER) ? fs.statSync(MARKER).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(REPO_ROOT, s))));
  return built >= sources;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `build` holding the lock (mkdir is atomic: exactly one process creates the folder). */
function whileLocked(build: () => void): void {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      else sleep(500);
    }
  }
  try {
    build();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

export function ensureWebBuild(): void {
  if (isFresh()) return;
  whileLocked(() => {
    if (isFresh()) return; // built by whoever held the lock before us
    process.stdout.write('building the add-in pages for the end-to-end tests (webpack)…\n');
    const started = new Date();
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // webpack does not rewrite an output file whose content did not change, so after a change
    // elsewhere (the portal, say) the marker kept its old time and every run built again. Mark
    // the build with the time it started: a source changed while it ran is still newer.
    if (fs.existsSync(MARKER)) fs.utimesSync(MARKER, started, started);
  });
}
