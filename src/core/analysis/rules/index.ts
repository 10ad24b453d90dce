/** The rule table, in the order findings are reported when priorities tie. */
import type { Rule } from './rule-types';
import { MICROSOFT_VERDICT_RULES } from './microsoft-verdict-rules';
import { MICROSOFT_SIGNAL_RULES } from './microsoft-signal-rules';
import { AUTH_RULES } from './auth-rules';
import { OPEN_SOURCE_RULES } from './open-source-rules';
import { TRANSPORT_BODY_RULES } from './transport-body-rules';
import { FILTER_VERDICT_RULES } from './filter-verdict-rules';
import { CLAIMS_RULES } from './claims-rules';

export const RULES: readonly Rule[] = [
  ...MICROSOFT_VERDICT_RULES,
  ...MICROSOFT_SIGNAL_RULES,
  ...AUTH_RULES,
  ...OPEN_SOURCE_RULES,
  ...TRANSPORT_BODY_RULES,
  ...FILTER_VERDICT_RULES,
  ...CLAIMS_RULES,
];

export type { Rule, RuleContext, RuleMatch, RuleRole, Implication, DerivedFacts } from './rule-types';
export { DEFAULT_BULK_THRESHOLD } from './rule-types';
export { CONFIGURED_SFV, ALLOW_SFV } from './microsoft-verdict-rules';
