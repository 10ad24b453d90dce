/**
 * Sender authentication: SPF, DKIM, DMARC (RFC 8601 statements, Received-SPF as a
 * fallback) and Microsoft's composite authentication with its reason codes.
 * A failure is only a cause while composite authentication did not pass anyway.
 */
import type { CompauthReasonClass } from '../types';
import type { Rule, RuleContext, RuleMatch } from './rule-types';
import { NO_MATCH, evidenceOf } from './rule-types';
import { domainOf, orgSetting } from './helpers';

function spfWith(ctx: RuleContext, results: readonly string[], needBlocking: boolean | null): RuleMatch[] {
  const spf = ctx.derived.spf;
  // Outbound (DIR:OUT): these are the results of the sender's own internal hop, not the cause.
  if (spf === undefined || !results.includes(spf.result) || ctx.derived.outbound) return NO_MATCH;
  if (needBlocking !== null && ctx.derived.authCanBlock !== needBlocking) return NO_MATCH;
  const params: Record<string, string> = { result: spf.result };
  if (spf.domain !== undefined) params['domain'] = spf.domain;
  if (spf.ip !== undefined) params['ip'] = spf.ip;
  return [{ evidence: spf.evidence, params }];
}

function compauthWith(ctx: RuleContext, result: string | null, classes: readonly CompauthReasonClass[]): RuleMatch[] {
  const ca = ctx.facts.auth.compauth;
  if (ca === undefined || (result !== null && ca.result !== result) || !classes.includes(ca.reasonClass)) return NO_MATCH;
  const params: Record<string, string> = { reason: ca.reason ?? '?', reasonClass: ca.reasonClass };
  return [{ evidence: evidenceOf(ca), params }];
}

/** For mail "from" our own domain the fix is ours, not "the sender's". */
const OWN_DOMAIN = ['AUTH_OWN_DOMAIN_FAIL', 'AUTH_COMPAUTH_ACCEPTED_DOMAIN'] as const;
const FAIL_CLASSES: readonly CompauthReasonClass[] = ['explicitFail', 'implicitFail', 'unknown'];

export const AUTH_RULES: readonly Rule[] = [
  {
    code: 'AUTH_SPF_FAIL', severity: 'high', role: 'cause', cause: 'senderAuthentication', layer: 'authentication',
    priority: 65, recommendation: 'REC_SPF_FAIL', recommendationSupersededBy: OWN_DOMAIN, when: (ctx) => spfWith(ctx, ['fail', 'hardfail'], true),
  },
  {
    code: 'AUTH_SPF_SOFTFAIL', severity: 'medium', role: 'cause', cause: 'senderAuthentication', layer: 'authentication',
    priority: 63, recommendation: 'REC_SPF_FAIL', recommendationSupersededBy: OWN_DOMAIN, when: (ctx) => spfWith(ctx, ['softfail'], true),
  },
  {
    code: 'AUTH_SPF_ERROR', severity: 'medium', role: 'cause', cause: 'senderAuthentication', layer: 'authentication',
    priority: 62, recommendation: 'REC_SPF_ERROR', when: (ctx) => spfWith(ctx, ['permerror', 'temperror'], true),
  },
  {
    code: 'AUTH_SPF_FAIL_COMPENSATED', severity: 'low', role: 'info', cause: null, layer: 'authentication', priority: 0,
    when: (ctx) => spfWith(ctx, ['fail', 'hardfail', 'softfail'], false),
  },
  {
    code: 'AUTH_DKIM_FAIL', severity: 'medium', role: 'cause', cause: 'senderAuthentication', layer: 'authentication',
    priority: 64, recommendation: 'REC_DKIM_FAIL',
    when: (ctx) => {
      const dkim = ctx.facts.auth.dkim;
      if (!ctx.derived.authCanBlock || dkim.some((d) => d.result === 'pass')) return NO_MATCH;
      const failed = dkim.find((d) => d.result === 'fail' || d.result === 'permerror');
      if (failed === undefined) return NO_MATCH;
      const params: Record<string, string> = {};
      const domain = failed.properties['header.d'] ?? domainOf(failed.properties['header.i']);
      if (domain !== undefined) params['domain'] = domain;
      if (failed.properties['header.s'] !== undefined) params['selector'] = failed.properties['header.s'];
      return [{ evidence: evidenceOf(failed), params }];
    },
  },
  {
    code: 'AUTH_DMARC_FAIL', severity: 'high', role: 'cause', cause: 'senderAuthentication', layer: 'authentication',
    priority: 70, recommendation: 'REC_DMARC_FAIL', recommendationSupersededBy: OWN_DOMAIN,
    when: (ctx) => {
      const dmarc = ctx.facts.auth.dmarc;
      if (dmarc === undefined || dmarc.result !== 'fail' || !ctx.derived.authCanBlock) return NO_MATCH;
      const params: Record<string, string> = {};
      const domain = dmarc.properties['header.from'];
      if (domain !== undefined) params['domain'] = domain.toLowerCase();
      const action = dmarc.properties['action'] ?? /\bp=(\w+)/i.exec(dmarc.comment ?? '')?.[1];
      if (action !== undefined) params['action'] = action.toLowerCase();
      return [{ evidence: evidenceOf(dmarc), params }];
    },
  },
  {
    code: 'AUTH_COMPAUTH_FAIL', severity: 'high', role: 'cause', cause: 'senderAuthentication', layer: 'authentication',
    priority: 72, recommendation: 'REC_COMPAUTH_FAIL', recommendationSupersededBy: OWN_DOMAIN, when: (ctx) => compauthWith(ctx, 'fail', FAIL_CLASSES),
  },
  {
    code: 'AUTH_COMPAUTH_SPOOF_BLOCKED_BY_ORG', severity: 'high', role: 'cause', cause: 'tenantConfiguration',
    layer: 'tenantAllowBlockList', priority: 89, recommendation: 'REC_SPOOF_BLOCK_ENTRY',
    when: (ctx) => compauthWith(ctx, 'fail', ['orgProhibitsSpoof']).map((m) => ({
      ...m,
      setting: orgSetting('TenantAllowBlockList.SpoofedSenders',
        `${ctx.derived.senderDomain ?? '?'}, ${ctx.derived.senderIp ?? '?'}`),
    })),
  },
  {
    code: 'AUTH_COMPAUTH_ACCEPTED_DOMAIN', severity: 'high', role: 'cause', cause: 'senderAuthentication',
    layer: 'authentication', priority: 73, recommendation: 'REC_OWN_DOMAIN_AUTH',
    when: (ctx) => compauthWith(ctx, 'fail', ['dmarcFailAcceptedDomain', 'implicitFailAcceptedDomain']),
  },
  { code: 'AUTH_COMPAUTH_SOFTPASS', severity: 'low', role: 'info', cause: null, layer: 'authentication', priority: 0,
    when: (ctx) => compauthWith(ctx, 'softpass', ['softPass', 'unknown']) },
  { code: 'AUTH_COMPAUTH_ARC_OVERRIDE', severity: 'info', role: 'info', cause: null, layer: 'authentication',
    priority: 0, when: (ctx) => compauthWith(ctx, null, ['arcOverride']) },
  { code: 'AUTH_COMPAUTH_NOT_CHECKED', severity: 'info', role: 'info', cause: null, layer: 'authentication',
    priority: 0, when: (ctx) => compauthWith(ctx, null, ['notChecked']) },
  { code: 'AUTH_COMPAUTH_BYPASSED', severity: 'low', role: 'info', cause: null, layer: 'authentication',
    priority: 0, when: (ctx) => compauthWith(ctx, null, ['bypassed']) },
  {
    code: 'AUTH_PASS', severity: 'info', role: 'info', cause: null, layer: 'authentication', priority: 0,
    when: (ctx) => {
      const { dmarc, compauth } = ctx.facts.auth;
      if (dmarc !== undefined && (dmarc.result === 'pass' || dmarc.result === 'bestguesspass')) {
        return [{ evidence: evidenceOf(dmarc) }];
      }
      if (compauth !== undefined && compauth.result === 'pass') return [{ evidence: evidenceOf(compauth) }];
      return NO_MATCH;
    },
  },
  {
    code: 'AUTH_OWN_DOMAIN_FAIL', severity: 'high', role: 'cause', cause: 'senderAuthentication',
    layer: 'authentication', priority: 74, recommendation: 'REC_OWN_DOMAIN_AUTH',
    when: (ctx) => {
      const domain = ctx.derived.senderDomain;
      const { dmarc, compauth } = ctx.facts.auth;
      if (domain === undefined || !ctx.acceptedDomains.has(domain) || ctx.facts.forefront?.dir === 'INT') return NO_MATCH;
      if (compauth?.reasonClass === 'dmarcFailAcceptedDomain' || compauth?.reasonClass === 'implicitFailAcceptedDomain') {
        return NO_MATCH; // AUTH_COMPAUTH_ACCEPTED_DOMAIN says it with Microsoft's own code
      }
      const failed = dmarc?.result === 'fail' ? dmarc : compauth?.result === 'fail' ? compauth : undefined;
      if (failed !== undefined) return [{ evidence: evidenceOf(failed), params: { domain } }];
      const spf = ctx.derived.spf;
      const dkimPassed = ctx.facts.auth.dkim.some((d) => d.result === 'pass');
      return spf !== undefined && ['fail', 'softfail'].includes(spf.result) && !dkimPassed
        ? [{ evidence: spf.evidence, params: { domain } }] : NO_MATCH;
    },
  },
  {
    code: 'AUTH_ARC_FAIL', severity: 'low', role: 'info', cause: null, layer: 'authentication', priority: 0,
    when: (ctx) => {
      const arc = ctx.facts.auth.arcResult;
      return arc !== undefined && arc.result === 'fail' ? [{ evidence: evidenceOf(arc) }] : NO_MATCH;
    },
  },
];
