/**
 * The import directions of DESIGN.md are checks, not care: dependency-cruiser with the
 * project's own .dependency-cruiser.cjs finds no violation in src/, and each rule fails on a
 * deliberate violation written into a throw-away tree.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** Runs depcruise over `src` in `cwd` and returns its violations (it exits non-zero when there are any). */
function cruise(cwd: string): Violation[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'json'], {
      cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    out = (error as { stdout?: string }).stdout ?? '';
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

/** A tree with `files` under src/, the project's tsconfig, and its node_modules linked in. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'second-look-deps-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'node20', moduleResolution: 'node16', esModuleInterop: true }, include: ['src'] }));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

test('src/ keeps every import direction', () => {
  expect(cruise(ROOT).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
});

describe('each rule fails on a deliberate violation', () => {
  const cases: Array<[rule: string, files: Record<string, string>]> = [
    ['core-imports-no-node-builtin', { 'src/core/a.ts': "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n" }],
    ['core-imports-no-io-module', { 'src/core/a.ts': "import Database from 'better-sqlite3';\nexport const a = Database;\n" }],
    ['core-imports-only-core-contracts-i18n', {
      'src/core/a.ts': "import { s } from '../server/services/s';\nexport const a = s;\n",
      'src/server/services/s.ts': 'export const s = 1;\n',
    }],
    ['routes-call-services', {
      'src/server/routes/r.ts': "import { repo } from '../store/repo';\nexport const r = repo;\n",
      'src/server/store/repo.ts': 'export const repo = 1;\n',
    }],
    ['only-services-reach-store-and-mail', {
      'src/server/http/h.ts': "import { send } from '../mail/send';\nexport const h = send;\n",
      'src/server/mail/send.ts': 'export const send = 1;\n',
    }],
    ['store-knows-no-domain-rules', {
      'src/server/store/repo.ts': "import { expiry } from '../../core/expiry';\nexport const repo = expiry;\n",
      'src/core/expiry.ts': 'export const expiry = 1;\n',
    }],
    ['services-write-no-sql', { 'src/server/services/s.ts': "import { sql } from 'kysely';\nexport const s = sql;\n" }],
    ['only-addin-office-touches-office', { 'src/addin/taskpane/t.ts': "import mock from 'office-addin-mock';\nexport const t = mock;\n" }],
    ['pages-share-only-contracts-and-i18n', {
      'src/admin/p.ts': "import { judge } from '../core/judge';\nexport const p = judge;\n",
      'src/core/judge.ts': 'export const judge = 1;\n',
    }],
    ['server-imports-no-pages', {
      'src/server/services/s.ts': "import { pane } from '../../addin/pane';\nexport const s = pane;\n",
      'src/addin/pane.ts': 'export const pane = 1;\n',
    }],
    ['server-imports-no-pages', {
      'src/core/k.ts': "import { frame } from '../web/frame';\nexport const k = frame;\n",
      'src/web/frame.ts': 'export const frame = 1;\n',
    }],
    ['web-shares-only-contracts-and-i18n', {
      'src/web/frame.ts': "import { portal } from '../admin/portal';\nexport const frame = portal;\n",
      'src/admin/portal.ts': 'export const portal = 1;\n',
    }],
    ['contracts-stand-alone', {
      'src/contracts/c.ts': "import { t } from '../i18n/t';\nexport const c = t;\n",
      'src/i18n/t.ts': 'export const t = 1;\n',
    }],
    ['no-circular', {
      'src/core/one.ts': "import { two } from './two';\nexport const one = (): number => two();\n",
      'src/core/two.ts': "import { one } from './one';\nexport const two = (): number => one();\n",
    }],
  ];

  test.each(cases)('%s', (rule, files) => {
    const dir = tree(files);
    made.push(dir);
    expect(cruise(dir).map((v) => v.rule.name)).toContain(rule);
  });

  test('a tree that keeps the directions passes, pure packages in core included', () => {
    const dir = tree({
      'src/core/ok.ts': "import ipaddr from 'ipaddr.js';\nimport addressparser from 'nodemailer/lib/addressparser';\nimport { c } from '../contracts/c';\nexport const ok = [ipaddr, addressparser, c];\n",
      'src/contracts/c.ts': 'export const c = 1;\n',
      'src/server/routes/r.ts': "import { s } from '../services/s';\nexport const r = s;\n",
      'src/server/services/s.ts': "import { repo } from '../store/repo';\nimport { ok } from '../../core/ok';\nexport const s = [repo, ok];\n",
      'src/server/store/repo.ts': 'export const repo = 1;\n',
      'src/addin/office/o.ts': "import mock from 'office-addin-mock';\nexport const o = mock;\n",
    });
    made.push(dir);
    expect(cruise(dir).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });
});
