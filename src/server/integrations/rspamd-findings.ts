/**
 * Turns a fresh Rspamd scan into verdict findings: one for the action (the summary) and one
 * per symbol, each with the exact token as evidence. Severity and cause come from the small
 * tables below (data, not branches); the texts from rspamd-texts.ts.
 */
import type { CauseKind, Finding, Severity, VerdictLocale } from '../../contracts/verdict';
import { fillTemplate } from '../../i18n/findings';
import type { RspamdScan, RspamdSymbol } from './rspamd-reply';
import { isKnownRspamdAction, RSPAMD_TEXTS, type RspamdKnownAction, type RspamdTexts } from './rspamd-texts';

/** The evidence "header": the finding rests on the scan reply, not on a header in the message. */
export const RSPAMD_EVIDENCE_HEADER = 'Rspamd /checkv2';

export interface RspamdFindingsOptions {
  readonly locale?: VerdictLocale;
}

/** A symbol's severity by the score it added; the first row it reaches applies. */
const SYMBOL_SEVERITY: readonly { readonly atLeast: number; readonly severity: Severity }[] = [
  { atLeast: 10, severity: 'critical' },
  { atLeast: 4, severity: 'high' },
  { atLeast: 1.5, severity: 'medium' },
  // Tiny positive weights (RCVD_NO_TLS_LAST 0.1) still push towards spam, if only a little.
  { atLeast: 0.01, severity: 'low' },
];

/**
 * What a symbol that added to the score points to. Stock Rspamd symbol names; anything else
 * that scored positive is the content filter's own judgement.
 */
const SYMBOL_CAUSES: readonly { readonly pattern: RegExp; readonly cause: CauseKind }[] = [
  { pattern: /VIRUS|EICAR|^CLAM_/, cause: 'malware' },
  { pattern: /^(PHISHING|PHISHED_\w+)$/, cause: 'phishing' },
  { pattern: /^(R_SPF_(FAIL|SOFTFAIL|PERMFAIL)|R_DKIM_(REJECT|PERMFAIL)|DMARC_POLICY_(REJECT|QUARANTINE|SOFTFAIL)|ARC_REJECT)$/, cause: 'senderAuthentication' },
  { pattern: /BULK/, cause: 'bulk' },
];

/** The action's weight; `cause: null` where the action did not hold the message back. */
const ACTION_EFFECT: Readonly<Record<RspamdKnownAction, { readonly severity: Severity; readonly cause: CauseKind | null }>> = {
  'no action': { severity: 'info', cause: null },
  greylist: { severity: 'low', cause: null },
  'add header': { severity: 'medium', cause: 'contentFilter' },
  'rewrite subject': { severity: 'medium', cause: 'contentFilter' },
  'soft reject': { severity: 'medium', cause: 'contentFilter' },
  quarantine: { severity: 'high', cause: 'contentFilter' },
  reject: { severity: 'high', cause: 'contentFilter' },
  discard: { severity: 'high', cause: 'contentFilter' },
};
/** A custom action we do not know: it is not "no action", so treat it as holding the message back. */
const UNKNOWN_ACTION_EFFECT = { severity: 'medium', cause: 'contentFilter' } as const;

/** Scores as Rspamd prints them in X-Spamd-Result: two decimals, a dot. */
function token(score: number): string {
  return score.toFixed(2);
}

function symbolSeverity(score: number): Severity {
  return SYMBOL_SEVERITY.find((row) => score >= row.atLeast)?.severity ?? 'info';
}

function symbolCause(symbol: RspamdSymbol): CauseKind | null {
  if (symbol.score <= 0) return null;
  return SYMBOL_CAUSES.find((row) => row.pattern.test(symbol.name))?.cause ?? 'contentFilter';
}

function localScore(score: number, locale: VerdictLocale): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(score);
}

/** `SYMBOL(score)[options]`, as in Rspamd's X-Spamd-Result header. */
export function rspamdSymbolToken(symbol: RspamdSymbol): string {
  return `${symbol.name}(${token(symbol.score)})[${symbol.options.join(',')}]`;
}

function actionFinding(scan: RspamdScan, texts: RspamdTexts, locale: VerdictLocale): Finding {
  const known = isKnownRspamdAction(scan.action) ? scan.action : undefined;
  const effect = known === undefined ? UNKNOWN_ACTION_EFFECT : ACTION_EFFECT[known];
  const symbols = scan.symbols.map((s) => s.name).join(', ');
  const params: Record<string, string> = {
    action: scan.action,
    score: token(scan.score),
    required: token(scan.requiredScore),
    symbols,
  };
  const smtpMessage = scan.messages['smtp_message'];
  if (smtpMessage !== undefined) params['message'] = smtpMessage;
  const shown = {
    action: known === undefined ? scan.action : texts.actions[known],
    score: localScore(scan.score, locale),
    required: localScore(scan.requiredScore, locale),
    symbols: symbols === '' ? texts.noSymbols : symbols,
  };
  const sentences = [fillTemplate(scan.isSkipped ? texts.actionSkipped : texts.action, shown, params)];
  if (smtpMessage !== undefined) sentences.push(fillTemplate(texts.smtpMessage, params));
  return {
    code: 'RSPAMD_ACTION',
    severity: effect.severity,
    causeKind: effect.cause,
    layer: 'rspamd',
    evidence: { header: RSPAMD_EVIDENCE_HEADER, value: `${scan.action} [${token(scan.score)} / ${token(scan.requiredScore)}]` },
    explanation: sentences.join(' '),
    params,
  };
}

function symbolFinding(symbol: RspamdSymbol, texts: RspamdTexts, locale: VerdictLocale): Finding {
  const params: Record<string, string> = { symbol: symbol.name, score: token(symbol.score) };
  if (symbol.description !== undefined && symbol.description !== '') params['description'] = symbol.description;
  if (symbol.options.length > 0) params['options'] = symbol.options.join(', ');
  const shown = { score: localScore(symbol.score, locale) };
  const sentences = [fillTemplate(params['description'] === undefined ? texts.symbol : texts.symbolWithDescription, shown, params)];
  if (params['options'] !== undefined) sentences.push(fillTemplate(texts.symbolOptions, params));
  return {
    code: 'RSPAMD_SYMBOL',
    severity: symbolSeverity(symbol.score),
    causeKind: symbolCause(symbol),
    layer: 'rspamd',
    evidence: { header: RSPAMD_EVIDENCE_HEADER, value: rspamdSymbolToken(symbol) },
    explanation: sentences.join(' '),
    params,
  };
}

/**
 * The action first, then every symbol, largest score first (the scan's order). Zero and
 * negative symbols are kept as `info`: they show what Rspamd found reassuring.
 */
export function rspamdFindings(scan: RspamdScan, options: RspamdFindingsOptions = {}): Finding[] {
  const locale = options.locale ?? 'en-US';
  const texts = RSPAMD_TEXTS[locale];
  return [actionFinding(scan, texts, locale), ...scan.symbols.map((s) => symbolFinding(s, texts, locale))];
}
