/** The pure analyzer: decode a message's headers, judge them, explain the verdict. */
export { analyzeHeaders, analyzeMessage } from './analyze';
export { decodeHeaders } from './decode';
export { splitHeaderFields } from './header-fields';
export { judge } from './judge';
export { extractBodyFacts } from './body-facts';
export { toMessageFacts } from './message-facts';
export { RULES, DEFAULT_BULK_THRESHOLD } from './rules';
export type { Rule, RuleContext, RuleMatch, RuleRole, Implication } from './rules';
export type { AnalyzeOptions, TenantSettings, ListsContext } from './options';
export type * from './types';
