/**
 * Rules over the common FilterVerdict, whatever filter wrote it:
 * - inside the boundary, for families without detailed rules (and for every family when
 *   nothing else explained a block, so a verdict is never undetermined while a filter acted):
 *   name the filter and quote its evidence;
 * - outside the boundary: claims. A filter that flagged the message on the way (the sender's
 *   outbound filter, a list server's) can still explain why it was flagged, quoted as a claim;
 *   a claim that it is fine proves nothing and is never a reason to allow.
 */
import type { FilterVerdict } from '../types';
import type { Rule, RuleContext, RuleMatch } from './rule-types';
import { NO_MATCH } from './rule-types';
import { formatScore, topContributions } from './helpers';

function matchOf(verdict: FilterVerdict): RuleMatch {
  const params: Record<string, string> = { filter: verdict.filter, tests: topContributions(verdict.tests) || '-' };
  if (verdict.score !== undefined) params['score'] = formatScore(verdict.score);
  if (verdict.threshold !== undefined) params['threshold'] = formatScore(verdict.threshold);
  const match: RuleMatch = { evidence: verdict.evidence, params };
  // A list decided: the setting to change is that filter's own list.
  if (verdict.list !== undefined) match.setting = { scope: 'filter', name: `${verdict.filter} ${verdict.list === 'allow' ? 'allow' : 'block'} list` };
  return match;
}

const acted = (v: FilterVerdict): boolean => v.flagged === true || v.action === 'reject' || v.action === 'quarantine' || v.action === 'junk';

function generic(ctx: RuleContext, pick: (v: FilterVerdict) => boolean): RuleMatch[] {
  const out = ctx.genericVerdicts.filter(pick).map(matchOf);
  return out.length === 0 ? NO_MATCH : out;
}

function claimed(ctx: RuleContext, pick: (v: FilterVerdict) => boolean): RuleMatch[] {
  const out = ctx.facts.claims.filters.filter(pick).map(matchOf);
  return out.length === 0 ? NO_MATCH : out;
}

const spamOnly = (v: FilterVerdict): boolean => acted(v) && v.threat === undefined && v.list === undefined;

export const FILTER_VERDICT_RULES: readonly Rule[] = [
  { code: 'FILTER_MALWARE', needs: 'filters', severity: 'critical', role: 'cause', cause: 'malware', layer: 'malwareFilter',
    priority: 100, implies: 'malware', recommendation: 'REC_MALWARE_DO_NOT_RELEASE', when: (ctx) => generic(ctx, (v) => v.threat === 'malware') },
  { code: 'FILTER_PHISHING', needs: 'filters', severity: 'high', role: 'cause', cause: 'phishing', layer: 'phishingFilter',
    priority: 79, implies: 'phishing', recommendation: 'REC_FILTER_FALSE_POSITIVE', allowAdvice: 'append',
    when: (ctx) => generic(ctx, (v) => v.threat === 'phishing' && v.flagged !== false) },
  { code: 'FILTER_BLOCKLIST', needs: 'filters', severity: 'high', role: 'cause', cause: 'tenantConfiguration', layer: 'contentFilter',
    priority: 89, recommendation: 'REC_FILTER_BLOCKLIST', when: (ctx) => generic(ctx, (v) => v.list === 'block') },
  { code: 'FILTER_BULK', needs: 'filters', severity: 'medium', role: 'cause', cause: 'bulk', layer: 'bulkFilter',
    priority: 50, implies: 'spam', recommendation: 'REC_FILTER_FALSE_POSITIVE', allowAdvice: 'append',
    when: (ctx) => generic(ctx, (v) => v.threat === 'bulk' && v.flagged !== false) },
  { code: 'FILTER_FLAGGED', needs: 'filters', severity: 'medium', role: 'cause', cause: 'contentFilter', layer: 'contentFilter',
    priority: 38, implies: 'spam', recommendation: 'REC_FILTER_FALSE_POSITIVE', allowAdvice: 'append', when: (ctx) => generic(ctx, spamOnly) },
  { code: 'FILTER_ALLOWLIST', needs: 'filters', severity: 'low', role: 'allow', cause: 'tenantConfiguration', layer: 'contentFilter',
    priority: 60, implies: 'notJunk', recommendation: 'REC_FILTER_REVIEW_ALLOW', when: (ctx) => generic(ctx, (v) => v.list === 'allow') },
  { code: 'FILTER_PASSED', needs: 'filters', severity: 'info', role: 'info', cause: null, layer: 'contentFilter', priority: 0,
    implies: 'notJunk', when: (ctx) => generic(ctx, (v) => v.flagged === false && v.list === undefined) },
  { code: 'FILTER_DEFERRED', needs: 'filters', severity: 'low', role: 'info', cause: null, layer: 'contentFilter', priority: 0,
    when: (ctx) => generic(ctx, (v) => v.action === 'defer') },

  { code: 'CLAIM_FILTER_MALWARE', needs: 'claims', severity: 'high', role: 'cause', cause: 'malware', layer: 'malwareFilter',
    priority: 18, implies: 'malware', recommendation: 'REC_MALWARE_DO_NOT_RELEASE', when: (ctx) => claimed(ctx, (v) => v.threat === 'malware') },
  { code: 'CLAIM_FILTER_PHISHING', needs: 'claims', severity: 'medium', role: 'cause', cause: 'phishing', layer: 'phishingFilter',
    priority: 17, implies: 'phishing', recommendation: 'REC_CLAIM_ANALYSE_OURS',
    when: (ctx) => claimed(ctx, (v) => v.threat === 'phishing' && acted(v)) },
  { code: 'CLAIM_OUTBOUND_FLAGGED', needs: 'claims', severity: 'medium', role: 'cause', cause: 'contentFilter', layer: 'contentFilter',
    priority: 16, implies: 'spam', recommendation: 'REC_CLAIM_ANALYSE_OURS',
    when: (ctx) => claimed(ctx, (v) => v.outbound === true && acted(v) && v.threat !== 'malware' && v.threat !== 'phishing') },
  { code: 'CLAIM_FILTER_BULK', needs: 'claims', severity: 'low', role: 'cause', cause: 'bulk', layer: 'bulkFilter',
    priority: 15, implies: 'spam', recommendation: 'REC_CLAIM_ANALYSE_OURS',
    when: (ctx) => claimed(ctx, (v) => v.outbound !== true && v.threat === 'bulk' && acted(v)) },
  { code: 'CLAIM_FILTER_FLAGGED', needs: 'claims', severity: 'low', role: 'cause', cause: 'contentFilter', layer: 'contentFilter',
    priority: 14, implies: 'spam', recommendation: 'REC_CLAIM_ANALYSE_OURS',
    when: (ctx) => claimed(ctx, (v) => v.outbound !== true && acted(v) && v.threat === undefined && v.list !== 'allow') },
  { code: 'CLAIM_FILTER_PASSED', needs: 'claims', severity: 'info', role: 'info', cause: null, layer: 'contentFilter', priority: 0,
    when: (ctx) => claimed(ctx, (v) => !acted(v) && (v.flagged === false || v.list === 'allow')).slice(0, 1) },
];
