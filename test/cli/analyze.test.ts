/** `second-look analyze FILE.eml [--json] [--lang ...]` against a real temporary .eml file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { runAnalyze, EXIT_OK, EXIT_USAGE } from '../../src/cli/analyze';
import { Verdict } from '../../src/contracts/verdict';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'headers', 'eop-bulk-bcl5-inferred-threshold.txt');

let dir: string;
let eml: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'second-look-analyze-'));
  eml = path.join(dir, 'reported.eml');
  const headers = readFileSync(FIXTURE, 'utf8').replace(
    /^Content-Type: .*$/m,
    'Content-Type: multipart/mixed; boundary="xyz"',
  );
  const body = [
    '--xyz',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Read <a href="https://www.example.com/offer?id=1">the offer</a> or <a href="http://track.example.net/c">here</a>.</p>',
    '--xyz',
    'Content-Type: application/octet-stream; name="setup.exe"',
    'Content-Disposition: attachment; filename="setup.exe"',
    'Content-Transfer-Encoding: base64',
    '',
    'TVqQAAMAAAAEAAAA',
    '--xyz--',
    '',
  ].join('\r\n');
  writeFileSync(eml, `${headers.replace(/\n/g, '\r\n')}\r\n${body}`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { readFile: (p: string) => readFile(p), out: (s: string) => out.push(s), err: (s: string) => err.push(s) },
  };
}

test('prints a readable verdict by default', async () => {
  const c = capture();
  expect(await runAnalyze([eml], c.io)).toBe(EXIT_OK);
  const text = c.out.join('');
  expect(text).toContain('Category: Not junk');
  expect(text).toContain('Primary cause: Tenant configuration (bulk threshold)');
  expect(text).toContain('Setting to change: BulkThreshold = <= 5');
  expect(text).toContain('MS_BULK_THRESHOLD_INFERRED  X-Microsoft-Antispam: BCL:5');
  expect(text).toContain('BODY_RISKY_ATTACHMENT  Content-Disposition: setup.exe');
  expect(text).toContain('1. BCL 5 was treated as bulk');
  expect(c.err).toEqual([]);
});

test('prints the verdict JSON with --json, including body facts', async () => {
  const c = capture();
  expect(await runAnalyze(['analyze', eml, '--json'], c.io)).toBe(EXIT_OK);
  const verdict: unknown = JSON.parse(c.out.join(''));
  expect(Value.Check(Verdict, verdict)).toBe(true);
  const v = verdict as Verdict;
  expect(v.primaryCause.kind).toBe('tenantConfiguration');
  expect(v.facts.body).toEqual({
    linkCount: 2,
    linkDomains: ['track.example.net', 'www.example.com'],
    attachments: [{ filename: 'setup.exe', contentType: 'application/octet-stream', size: 12 }],
  });
  expect(v.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['BODY_LINKS', 'BODY_RISKY_ATTACHMENT']));
});

test('speaks Danish and French with --lang', async () => {
  const da = capture();
  expect(await runAnalyze([eml, '--lang', 'da-DK'], da.io)).toBe(EXIT_OK);
  expect(da.out.join('')).toContain('Primær årsag: Lejerens konfiguration (grænse for massemail)');
  const fr = capture();
  expect(await runAnalyze([eml, '--lang=fr-FR', '--json'], fr.io)).toBe(EXIT_OK);
  expect((JSON.parse(fr.out.join('')) as Verdict).locale).toBe('fr-FR');
});

test.each([
  [[], 'Missing the message file.'],
  [['--bogus', 'x.eml'], 'Unknown option: --bogus'],
  [['x.eml', '--lang', 'de-DE'], 'Unknown language: de-DE'],
  [['a.eml', 'b.eml'], 'Give one message file.'],
])('usage error %j exits 2 with a clear message', async (argv, message) => {
  const c = capture();
  expect(await runAnalyze(argv, c.io)).toBe(EXIT_USAGE);
  expect(c.err.join('')).toContain(message);
  expect(c.err.join('')).toContain('Usage: second-look analyze FILE.eml');
  expect(c.out).toEqual([]);
});

test('a missing file exits 2 with the reason, not a stack trace', async () => {
  const c = capture();
  const missing = path.join(dir, 'nope.eml');
  expect(await runAnalyze([missing], c.io)).toBe(EXIT_USAGE);
  const err = c.err.join('');
  expect(err).toContain(`Cannot read ${missing}: ENOENT`);
  expect(err).not.toMatch(/\n\s+at /);
});

test('a file without header fields exits 2', async () => {
  const binary = path.join(dir, 'image.bin');
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  const c = capture();
  expect(await runAnalyze([binary], c.io)).toBe(EXIT_USAGE);
  expect(c.err.join('')).toContain('holds no header fields');
});

test('--help prints usage and exits 0', async () => {
  const c = capture();
  expect(await runAnalyze(['--help'], c.io)).toBe(EXIT_OK);
  expect(c.out.join('')).toContain('Usage:');
});
