/** The pure analyzer: decode a message's headers, judge them, explain the verdict. */
export { analyzeHeaders } from './analyze';
export { decodeHeaders } from './decode';
export { splitHeaderFields } from './header-fields';
export { judge } from './judge';
export { bodyFactsOf, unreadableBody, type BodyParts } from './body-facts';
export { toMessageFacts } from './message-facts';
export { freshScanFindings, rspamdSymbolToken, type ScanFinding } from './fresh-scan/findings';
export { RSPAMD_EVIDENCE_HEADER, type FreshScan, type FreshScanSymbol } from './fresh-scan/scan';
export { RSPAMD_KNOWN_ACTIONS, RSPAMD_TEXTS, isKnownRspamdAction } from './fresh-scan/texts';
export { RULES, DEFAULT_BULK_THRESHOLD } from './rules';
export type { Rule, RuleContext, RuleMatch, RuleRole, Implication } from './rules';
export type { AnalyzeOptions, TenantSettings, ListsContext } from './options';
export type * from './types';
