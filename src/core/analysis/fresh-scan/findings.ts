/**
 * A fresh Rspamd scan as findings the judge weighs with the others: one for the action (the
 * summary) and one per symbol, each with the exact token as evidence. Severity and cause come
 * from the small tables below (data, not branches); the texts from texts.ts.
 *
 * The action is a cause when it held the message back, of the kind its strongest symbol
 * names (malware, phishing, authentication, bulk, else the content filter), below what the
 * message's own filter headers say: the headers tell what happened, the scan what Rspamd
 * would do today. With nothing in the headers, the scan can be the primary cause.
 */
import type { BlockingLayer, CauseKind, Finding, Severity, VerdictLocale } from '../../../contracts/verdict';
import { fillTemplate } from '../../../i18n/findings';
import type { Implication, Rule } from '../rules/rule-types';
import { isKnownRspamdAction, RSPAMD_TEXTS, type RspamdKnownAction, type RspamdTexts } from './texts';
import { RSPAMD_EVIDENCE_HEADER, type FreshScan, type FreshScanSymbol } from './scan';

/** What the judge needs of a scan finding to weigh it; the finding itself is built here. */
export interface ScanRule extends Pick<Rule, 'severity' | 'role' | 'cause' | 'layer' | 'priority' | 'implies' | 'allowAdvice'> {
  code: 'RSPAMD_ACTION' | 'RSPAMD_SYMBOL';
  fromScan: true;
}

export interface ScanFinding {
  rule: ScanRule;
  finding: Finding;
}

/** Below every filter verdict in the headers (FILTER_FLAGGED is 38), above claims (<= 18). */
const ACTION_PRIORITY = 20;
const LAYER: BlockingLayer = 'rspamd';

/** A symbol's severity by the score it added; the first row it reaches applies. */
const SYMBOL_SEVERITY: readonly { readonly atLeast: number; readonly severity: Severity }[] = [
  { atLeast: 10, severity: 'critical' },
  { atLeast: 4, severity: 'high' },
  { atLeast: 1.5, severity: 'medium' },
  // Tiny positive weights (RCVD_NO_TLS_LAST 0.1) still push towards spam, if only a little.
  { atLeast: 0.01, severity: 'low' },
];

/**
 * What a symbol that added to the score points to, strongest first. Stock Rspamd symbol
 * names; anything else that scored positive is the content filter's own judgement.
 */
const SYMBOL_CAUSES: readonly { readonly pattern: RegExp; readonly cause: CauseKind }[] = [
  { pattern: /VIRUS|EICAR|^CLAM_/, cause: 'malware' },
  { pattern: /^(PHISHING|PHISHED_\w+)$/, cause: 'phishing' },
  { pattern: /^(R_SPF_(FAIL|SOFTFAIL|PERMFAIL)|R_DKIM_(REJECT|PERMFAIL)|DMARC_POLICY_(REJECT|QUARANTINE|SOFTFAIL)|ARC_REJECT)$/, cause: 'senderAuthentication' },
  { pattern: /BULK/, cause: 'bulk' },
];
const CAUSE_STRENGTH: readonly CauseKind[] = [...SYMBOL_CAUSES.map((row) => row.cause), 'contentFilter'];

const IMPLIES: Partial<Record<CauseKind, Implication>> = { malware: 'malware', phishing: 'phishing' };

/** The action's weight; `holds: false` where the action did not hold the message back. */
const ACTION_EFFECT: Readonly<Record<RspamdKnownAction, { readonly severity: Severity; readonly holds: boolean }>> = {
  'no action': { severity: 'info', holds: false },
  greylist: { severity: 'low', holds: false },
  'add header': { severity: 'medium', holds: true },
  'rewrite subject': { severity: 'medium', holds: true },
  'soft reject': { severity: 'medium', holds: true },
  quarantine: { severity: 'high', holds: true },
  reject: { severity: 'high', holds: true },
  discard: { severity: 'high', holds: true },
};
/** A custom action we do not know: it is not "no action", so treat it as holding the message back. */
const UNKNOWN_ACTION_EFFECT = { severity: 'medium', holds: true } as const;

/** Scores as Rspamd prints them in X-Spamd-Result: two decimals, a dot. */
function token(score: number): string {
  return score.toFixed(2);
}

function symbolSeverity(score: number): Severity {
  return SYMBOL_SEVERITY.find((row) => score >= row.atLeast)?.severity ?? 'info';
}

function symbolCause(symbol: FreshScanSymbol): CauseKind | null {
  if (symbol.score <= 0) return null;
  return SYMBOL_CAUSES.find((row) => row.pattern.test(symbol.name))?.cause ?? 'contentFilter';
}

/** The strongest cause among the symbols that scored: what the held-back action stands for. */
function strongestCause(scan: FreshScan): CauseKind {
  let best = CAUSE_STRENGTH.length - 1;
  for (const symbol of scan.symbols) {
    const cause = symbolCause(symbol);
    if (cause !== null) best = Math.min(best, CAUSE_STRENGTH.indexOf(cause));
  }
  return CAUSE_STRENGTH[best] ?? 'contentFilter';
}

function localScore(score: number, locale: VerdictLocale): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(score);
}

/** `SYMBOL(score)[options]`, as in Rspamd's X-Spamd-Result header. */
export function rspamdSymbolToken(symbol: FreshScanSymbol): string {
  return `${symbol.name}(${token(symbol.score)})[${symbol.options.join(',')}]`;
}

/** The finding a scan rule stands for, with its evidence token and its sentences. */
function scanFinding(rule: ScanRule, value: string, explanation: string, params: Record<string, string>): ScanFinding {
  return {
    rule,
    finding: {
      code: rule.code,
      severity: rule.severity,
      causeKind: rule.cause,
      layer: LAYER,
      evidence: { header: RSPAMD_EVIDENCE_HEADER, value },
      explanation,
      params,
    },
  };
}

function actionFinding(scan: FreshScan, texts: RspamdTexts, locale: VerdictLocale): ScanFinding {
  const known = isKnownRspamdAction(scan.action) ? scan.action : undefined;
  const effect = known === undefined ? UNKNOWN_ACTION_EFFECT : ACTION_EFFECT[known];
  const cause = effect.holds ? strongestCause(scan) : null;
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
  const implies = cause === null ? undefined : (IMPLIES[cause] ?? 'spam');
  const rule: ScanRule = {
    code: 'RSPAMD_ACTION',
    fromScan: true,
    severity: effect.severity,
    role: cause === null ? 'info' : 'cause',
    cause,
    layer: LAYER,
    priority: cause === null ? 0 : ACTION_PRIORITY,
    ...(implies === undefined ? {} : { implies }),
  };
  return scanFinding(rule, `${scan.action} [${token(scan.score)} / ${token(scan.requiredScore)}]`, sentences.join(' '), params);
}

function symbolFinding(symbol: FreshScanSymbol, texts: RspamdTexts, locale: VerdictLocale): ScanFinding {
  const params: Record<string, string> = { symbol: symbol.name, score: token(symbol.score) };
  if (symbol.description !== undefined && symbol.description !== '') params['description'] = symbol.description;
  if (symbol.options.length > 0) params['options'] = symbol.options.join(', ');
  const shown = { score: localScore(symbol.score, locale) };
  const sentences = [fillTemplate(params['description'] === undefined ? texts.symbol : texts.symbolWithDescription, shown, params)];
  if (params['options'] !== undefined) sentences.push(fillTemplate(texts.symbolOptions, params));
  const cause = symbolCause(symbol);
  const rule: ScanRule = {
    code: 'RSPAMD_SYMBOL',
    fromScan: true,
    severity: symbolSeverity(symbol.score),
    // A symbol adds to the score; the action is what held the message back.
    role: cause === null ? 'info' : 'contributing',
    cause,
    layer: LAYER,
    priority: 0,
  };
  return scanFinding(rule, rspamdSymbolToken(symbol), sentences.join(' '), params);
}

/**
 * The action first, then every symbol, largest score first (the scan's order). Zero and
 * negative symbols are kept as `info`: they show what Rspamd found reassuring.
 */
export function freshScanFindings(scan: FreshScan, locale: VerdictLocale): ScanFinding[] {
  const texts = RSPAMD_TEXTS[locale];
  return [actionFinding(scan, texts, locale), ...scan.symbols.map((s) => symbolFinding(s, texts, locale))];
}
