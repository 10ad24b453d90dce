/**
 * `second-look analyze FILE.eml [--json] [--lang en-US|da-DK|fr-FR]`: the verdict for one
 * message file, without the server. Readable text by default, the verdict JSON with
 * --json. Exit code 0 when a verdict was printed, 2 on usage or file errors (a message,
 * never a stack trace). I/O comes in through `io` so tests need no real console.
 */
import type { Verdict, VerdictLocale } from '../contracts/verdict';
import { VERDICT_LOCALES } from '../contracts/verdict';
import { analyzeMessage } from '../server/mail/analyze-message';
import type { TrustSettings } from '../core/analysis/trust/settings';
import { fillTemplate, findingsCatalog, type FindingsCatalog } from '../i18n/findings';

export interface AnalyzeIo {
  readFile(p: string): Promise<Buffer>;
  out(s: string): void;
  err(s: string): void;
  /** The organisation's boundary, from the same configuration as the server's. */
  trust?: TrustSettings;
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

interface ParsedArgs {
  file?: string;
  json: boolean;
  help: boolean;
  locale: VerdictLocale;
  error?: { key: 'unknownOption' | 'unknownLanguage' | 'missingFile' | 'tooManyFiles'; params: Record<string, string> };
}

/** `argv` is what follows `second-look` or `second-look analyze` (a leading "analyze" is skipped). */
export async function runAnalyze(argv: string[], io: AnalyzeIo): Promise<number> {
  const args = parseArgs(argv[0] === 'analyze' ? argv.slice(1) : argv);
  const catalog = findingsCatalog(args.locale);
  if (args.help) {
    io.out(`${catalog.cli.usage}\n`);
    return EXIT_OK;
  }
  if (args.error !== undefined || args.file === undefined) {
    const error = args.error ?? { key: 'missingFile' as const, params: {} };
    io.err(`${fillTemplate(catalog.cli[error.key], error.params)}\n${catalog.cli.usage}\n`);
    return EXIT_USAGE;
  }
  let raw: Buffer;
  try {
    raw = await io.readFile(args.file);
  } catch (error) {
    io.err(`${fillTemplate(catalog.cli.fileError, { file: args.file, reason: describeError(error) })}\n`);
    return EXIT_USAGE;
  }
  if (!looksLikeMessage(raw)) {
    io.err(`${fillTemplate(catalog.cli.notAMessage, { file: args.file })}\n`);
    return EXIT_USAGE;
  }
  let verdict: Verdict;
  try {
    verdict = await analyzeMessage(raw, { locale: args.locale, ...(io.trust ? { trust: io.trust } : {}) });
  } catch (error) {
    // The analyzer does not throw on garbage; this is the last line against a stack trace.
    io.err(`${fillTemplate(catalog.cli.fileError, { file: args.file, reason: describeError(error) })}\n`);
    return EXIT_USAGE;
  }
  io.out(args.json ? `${JSON.stringify(verdict, null, 2)}\n` : formatVerdict(verdict, catalog));
  return EXIT_OK;
}

function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { json: false, help: false, locale: 'en-US' };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--json') parsed.json = true;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? argv[++i] ?? '' : arg.slice('--lang='.length);
      const locale = VERDICT_LOCALES.find((l) => l.toLowerCase() === value.toLowerCase());
      if (locale === undefined) parsed.error ??= { key: 'unknownLanguage', params: { lang: value } };
      else parsed.locale = locale;
    } else if (arg.startsWith('-') && arg !== '-') parsed.error ??= { key: 'unknownOption', params: { option: arg } };
    else files.push(arg);
  }
  if (files.length > 1) parsed.error ??= { key: 'tooManyFiles', params: {} };
  const file = files[0];
  if (file !== undefined) parsed.file = file;
  return parsed;
}

/** At least one "Name: value" line before the body: otherwise it is not a message file. */
function looksLikeMessage(raw: Buffer): boolean {
  const head = raw.subarray(0, 64 * 1024).toString('latin1');
  return /^[!-9;-~]+[ \t]*:/m.test(head);
}

function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    const message = (error as { message?: unknown }).message;
    if (typeof code === 'string' && typeof message === 'string') return message.includes(code) ? message : `${code}: ${message}`;
    if (typeof message === 'string') return message;
  }
  return String(error);
}

/** The verdict as text for a terminal: the answer first, then the evidence, then the fixes. */
export function formatVerdict(v: Verdict, catalog: FindingsCatalog): string {
  const c = catalog.cli;
  const lines: string[] = [];
  lines.push(`${c.category}: ${catalog.categories[v.category]}`);
  lines.push(`${c.assessment}: ${v.assessment.explanation}`);
  const thenEvidence = v.then.evidence ? ` (${v.then.evidence.header}: ${v.then.evidence.value})` : '';
  lines.push(`${c.then}: ${v.then.explanation}${thenEvidence}`);
  if (v.now !== undefined) lines.push(`${c.now}: ${v.now.action}: ${v.now.reason}`);
  lines.push('');
  lines.push(`${c.primaryCause}: ${catalog.causeKinds[v.primaryCause.kind]} (${catalog.layers[v.primaryCause.layer]})`);
  lines.push(`  ${v.primaryCause.explanation}`);
  const setting = v.primaryCause.setting;
  if (setting !== undefined) lines.push(`  ${c.setting}: ${setting.name}${setting.entry === undefined ? '' : ` = ${setting.entry}`}`);
  if (v.contributingCauses.length > 0) {
    lines.push(`${c.contributing}:`);
    for (const cause of v.contributingCauses) lines.push(`  - ${catalog.causeKinds[cause.kind]}: ${cause.explanation}`);
  }
  lines.push('');
  lines.push(`${c.findings}:`);
  if (v.findings.length === 0) lines.push(`  ${c.noFindings}`);
  for (const f of v.findings) {
    lines.push(`  [${catalog.severities[f.severity]}] ${f.code}  ${f.evidence.header}: ${f.evidence.value}`);
    lines.push(`      ${f.explanation}`);
  }
  if (v.recommendations.length > 0) {
    lines.push('');
    lines.push(`${c.recommendations}:`);
    v.recommendations.forEach((r, i) => lines.push(`  ${i + 1}. ${r.text}`));
  }
  if (v.absentEvidence.length > 0) {
    lines.push('');
    lines.push(`${c.absent}: ${v.absentEvidence.join(', ')}`);
  }
  if (v.problems.length > 0) {
    lines.push('');
    lines.push(`${c.problems}:`);
    for (const p of v.problems) lines.push(`  - ${p.header}: ${p.problem} (${p.detail})`);
    if (v.problemsOmitted > 0) lines.push(`  … +${v.problemsOmitted}`);
  }
  return `${lines.join('\n')}\n`;
}
