/**
 * Authentication results the message carries from outside the organisation's boundary: they
 * are reported, never counted. A claimed pass where the boundary found no pass is how a forger
 * would try to look legitimate, and is said loudly.
 */
import type { AuthMethodResult } from '../types';
import type { Rule, RuleContext, RuleMatch } from './rule-types';
import { NO_MATCH, evidenceOf } from './rule-types';

const PASSING = new Set(['pass', 'bestguesspass']);
const CLAIMABLE = new Set(['spf', 'dkim', 'dmarc', 'compauth', 'arc']);

function claimedPasses(ctx: RuleContext): AuthMethodResult[] {
  return ctx.facts.claims.auth.filter((s) => CLAIMABLE.has(s.method) && PASSING.has(s.result));
}

/** What the boundary itself found for `method`, if it said. */
function boundaryResult(ctx: RuleContext, method: string): string | undefined {
  const auth = ctx.facts.auth;
  if (method === 'spf') return auth.spf?.result ?? ctx.derived.spf?.result;
  if (method === 'dmarc') return auth.dmarc?.result;
  if (method === 'compauth') return auth.compauth?.result;
  if (method === 'arc') return auth.arcResult?.result;
  if (method === 'dkim') return auth.dkim.some((d) => d.result === 'pass') ? 'pass' : auth.dkim[0]?.result;
  return undefined;
}

function match(statement: AuthMethodResult): RuleMatch {
  return { evidence: evidenceOf(statement), params: { claimHeader: statement.header } };
}

export const CLAIMS_RULES: readonly Rule[] = [
  {
    code: 'AUTH_CLAIM_CONTRADICTED', needs: 'claims', severity: 'high', role: 'contributing', cause: 'senderAuthentication',
    layer: 'authentication', priority: 12,
    when: (ctx) => {
      const contradicted = claimedPasses(ctx).filter((s) => !PASSING.has(boundaryResult(ctx, s.method) ?? ''));
      return contradicted.length === 0 ? NO_MATCH : [match(contradicted[0] as AuthMethodResult)];
    },
  },
  {
    code: 'AUTH_CLAIMS_OUTSIDE', needs: 'claims', severity: 'info', role: 'info', cause: null, layer: 'authentication', priority: 0,
    when: (ctx) => {
      const claims = ctx.facts.claims.auth;
      if (claims.length === 0) return NO_MATCH;
      // A contradicted pass is already its own, louder finding.
      if (claimedPasses(ctx).some((s) => !PASSING.has(boundaryResult(ctx, s.method) ?? ''))) return NO_MATCH;
      const first = claimedPasses(ctx)[0] ?? claims[0];
      return first === undefined ? NO_MATCH : [match(first)];
    },
  },
  {
    code: 'BOUNDARY_UNKNOWN', severity: 'info', role: 'info', cause: null, layer: 'none', priority: 0,
    when: (ctx) => (ctx.facts.boundary.basis === 'noReceived' && ctx.facts.fieldCount > 0
      ? [{ evidence: { header: '(no Received field)', value: '' } }] : NO_MATCH),
  },
];
