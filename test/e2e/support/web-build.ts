/**
 * The end-to-end tests load the built pages. When the build is missing or older than the
 * add-in's sources, it is rebuilt first, so a test never passes against stale pages.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const WEB_ROOT = path.join(REPO_ROOT, 'build/web');
const MARKER = path.join(WEB_ROOT, 'addin/taskpane.html');
const SOURCES = ['src/addin', 'src/i18n', 'src/contracts', 'src/admin', 'webpack.config.js'];

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function ensureWebBuild(): void {
  const built = fs.existsSync(MARKER) ? fs.statSync(MARKER).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(REPO_ROOT, s))));
  if (built >= sources) return;
  process.stdout.write('building the add-in pages for the end-to-end tests (webpack)…\n');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
