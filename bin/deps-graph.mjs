#!/usr/bin/env node
/**
 * `npm run deps:graph`: the import graph of src/, folder by folder, as docs/dependency-graph.svg.
 * dependency-cruiser reads the imports (with the rules of .dependency-cruiser.cjs, so a
 * violating edge is drawn red) and Graphviz, compiled to WebAssembly (@viz-js/viz), lays it
 * out: no system Graphviz needed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { instance } from '@viz-js/viz';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const depcruise = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
const dot = execFileSync(process.execPath, [
  depcruise, 'src',
  '--config', '.dependency-cruiser.cjs',
  '--output-type', 'dot',
  // One box per layer (server/routes, core/analysis, addin/office ...), not per file.
  '--collapse', '^src/(server|core|addin|admin)/[^/]+|^src/[^/]+',
  // Packages and Node built-ins would bury the layers; the rules still check them in lint.
  '--include-only', '^src/',
], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

const svg = (await instance()).renderString(dot, { format: 'svg', engine: 'dot' });
const out = path.join(root, 'docs', 'dependency-graph.svg');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, svg);
process.stdout.write(`wrote ${path.relative(root, out)} (${Math.round(svg.length / 1024)} KB)\n`);
