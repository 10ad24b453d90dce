/**
 * Exchange Online Protection verdicts in X-Forefront-Antispam-Report: SFV (how filtering
 * went) and CAT (what the message was classified as). Meanings: message-headers-eop-mdo.
 */
import type { Rule, RuleContext } from './rule-types';
import { NO_MATCH } from './rule-types';
import { forefrontToken, mailboxSetting, onToken, orgSetting, senderEntry, type TokenExtras } from './helpers';

/** SFV values with which configuration, not the content filter, decided. */
export const CONFIGURED_SFV = ['BLK', 'SKB', 'SKS'] as const;
/** SFV values with which an allow setting skipped filtering. */
export const ALLOW_SFV = ['SFE', 'SKA', 'SKN', 'SKI'] as const;
const SPAM_OR_THREAT_CAT = ['SPM', 'HSPM', 'BULK', 'PHSH', 'HPHSH', 'HPHISH', 'SPOOF', 'DIMP', 'UIMP', 'GIMP', 'BIMP', 'MALW'];

/** No classification beyond spam/not spam: CAT absent or NONE. */
export function catIsSilent(ctx: RuleContext): boolean {
  const cat = ctx.facts.forefront?.cat;
  return cat === undefined || cat === 'NONE';
}

/** CAT rules for content verdicts do not apply when configuration set the SCL first. */
function contentVerdict(ctx: RuleContext): TokenExtras | null {
  return ctx.derived.configuredSfv === undefined ? {} : null;
}

export const MICROSOFT_VERDICT_RULES: readonly Rule[] = [
  {
    code: 'MS_SFV_BLK', needs: 'forefront', severity: 'high', role: 'cause', cause: 'tenantConfiguration',
    layer: 'userBlockedSenders', priority: 90, recommendation: 'REC_REMOVE_USER_BLOCKED_SENDER',
    ...onToken('SFV', ['BLK'], (ctx) => ({ setting: mailboxSetting('BlockedSendersAndDomains', senderEntry(ctx)) })),
  },
  {
    code: 'MS_SFV_SKB', needs: 'forefront', severity: 'high', role: 'cause', cause: 'tenantConfiguration',
    layer: 'antiSpamPolicyLists', priority: 90, recommendation: 'REC_REMOVE_POLICY_BLOCKED_SENDER',
    ...onToken('SFV', ['SKB'], (ctx) => ({
      setting: orgSetting(ctx.derived.senderAddress ? 'BlockedSenders' : 'BlockedSenderDomains', senderEntry(ctx)),
    })),
  },
  {
    code: 'MS_SFV_SKS', needs: 'forefront', severity: 'high', role: 'cause', cause: 'tenantConfiguration',
    layer: 'transportRule', priority: 88, recommendation: 'REC_REVIEW_TRANSPORT_RULE_SCL',
    ...onToken('SFV', ['SKS'], (ctx) => {
      const scl = ctx.facts.microsoft.orgScl?.value ?? ctx.facts.forefront?.scl;
      const sclText = scl === undefined ? undefined : String(scl);
      const setting = orgSetting('TransportRule.SetSCL', sclText);
      return sclText === undefined ? { setting } : { params: { scl: sclText }, setting };
    }),
  },
  {
    // Only when CAT does not say more: with CAT:BULK or CAT:PHSH, SFV:SPM is just the mechanism.
    code: 'MS_SFV_SPM', needs: 'forefront', severity: 'medium', role: 'cause', cause: 'contentFilter',
    layer: 'contentFilter', priority: 30, implies: 'spam', recommendation: 'REC_CONTENT_FALSE_POSITIVE', allowAdvice: 'append',
    ...onToken('SFV', ['SPM'], (ctx) => (catIsSilent(ctx) ? {} : null)),
  },
  // Allows: when they delivered the message, they are its primary cause (tenant configuration).
  { code: 'MS_SFV_SFE', needs: 'forefront', severity: 'low', role: 'allow', cause: 'tenantConfiguration', layer: 'userSafeSenders',
    priority: 70, implies: 'notJunk',
    ...onToken('SFV', ['SFE'], (ctx) => ({ setting: mailboxSetting('TrustedSendersAndDomains', senderEntry(ctx)) })) },
  { code: 'MS_SFV_SKA', needs: 'forefront', severity: 'low', role: 'allow', cause: 'tenantConfiguration', layer: 'antiSpamPolicyLists',
    priority: 70, implies: 'notJunk',
    ...onToken('SFV', ['SKA'], (ctx) => ({ setting: orgSetting(ctx.derived.senderAddress ? 'AllowedSenders' : 'AllowedSenderDomains', senderEntry(ctx)) })) },
  { code: 'MS_SFV_SKN', needs: 'forefront', severity: 'medium', role: 'allow', cause: 'tenantConfiguration', layer: 'transportRule',
    priority: 68, implies: 'notJunk', ...onToken('SFV', ['SKN'], () => ({ setting: orgSetting('TransportRule.SetSCL', '-1') })) },
  { code: 'MS_SFV_NSPM', needs: 'forefront', severity: 'info', role: 'info', cause: null, layer: 'contentFilter', priority: 0,
    implies: 'notJunk', ...onToken('SFV', ['NSPM']) },
  { code: 'MS_SFV_SKQ', needs: 'forefront', severity: 'info', role: 'info', cause: null, layer: 'quarantine', priority: 0,
    ...onToken('SFV', ['SKQ']) },
  { code: 'MS_SFV_SKI', needs: 'forefront', severity: 'low', role: 'allow', cause: 'tenantConfiguration', layer: 'connectionFilter',
    priority: 69, implies: 'notJunk',
    ...onToken('SFV', ['SKI'], (ctx) => ({ setting: orgSetting('HostedConnectionFilterPolicy.IPAllowList', ctx.derived.senderIp) })) },
  {
    code: 'MS_ALLOW_OVERRODE_VERDICT', needs: 'forefront', severity: 'medium', role: 'info', cause: null,
    layer: 'antiSpamPolicyLists', priority: 0, recommendation: 'REC_REVIEW_ALLOW_ENTRY',
    on: { key: 'CAT', values: SPAM_OR_THREAT_CAT },
    when: (ctx) => {
      const allow = ctx.facts.forefront?.tokens['SFV'];
      if (allow === undefined || !(ALLOW_SFV as readonly string[]).includes(allow.value)) return NO_MATCH;
      return forefrontToken(ctx, 'CAT', SPAM_OR_THREAT_CAT, { allowToken: allow.text });
    },
  },
  {
    code: 'MS_CAT_MALW', needs: 'forefront', severity: 'critical', role: 'cause', cause: 'malware', layer: 'malwareFilter',
    priority: 100, implies: 'malware', recommendation: 'REC_MALWARE_DO_NOT_RELEASE',
    ...onToken('CAT', ['MALW']),
  },
  {
    code: 'MS_CAT_AMP', needs: 'forefront', severity: 'critical', role: 'cause', cause: 'malware', layer: 'malwareFilter',
    priority: 100, implies: 'malware', recommendation: 'REC_MALWARE_DO_NOT_RELEASE',
    ...onToken('CAT', ['AMP']),
  },
  {
    code: 'MS_CAT_SAP', needs: 'forefront', severity: 'critical', role: 'cause', cause: 'malware', layer: 'malwareFilter',
    priority: 99, implies: 'malware', recommendation: 'REC_MALWARE_DO_NOT_RELEASE',
    ...onToken('CAT', ['SAP']),
  },
  {
    // The common attachments filter is a tenant setting: a blocked file type is not malware.
    code: 'MS_CAT_FTBP', needs: 'forefront', severity: 'high', role: 'cause', cause: 'tenantConfiguration', layer: 'antiMalwarePolicy',
    priority: 89, recommendation: 'REC_REVIEW_FILE_TYPE_FILTER',
    ...onToken('CAT', ['FTBP'], () => ({ setting: orgSetting('MalwareFilterPolicy.FileTypes') })),
  },
  {
    code: 'MS_CAT_HPHISH', needs: 'forefront', severity: 'critical', role: 'cause', cause: 'phishing', layer: 'phishingFilter',
    priority: 95, implies: 'phishing', recommendation: 'REC_HIGH_CONFIDENCE_PHISH', allowAdvice: 'append',
    ...onToken('CAT', ['HPHSH', 'HPHISH']),
  },
  {
    code: 'MS_CAT_PHSH', needs: 'forefront', severity: 'high', role: 'cause', cause: 'phishing', layer: 'phishingFilter',
    priority: 80, implies: 'phishing', recommendation: 'REC_PHISH_FALSE_POSITIVE', allowAdvice: 'append',
    ...onToken('CAT', ['PHSH']),
  },
  {
    // Below the authentication failures: for a legitimate sender the fix is their SPF/DKIM/DMARC.
    code: 'MS_CAT_SPOOF', needs: 'forefront', severity: 'high', role: 'cause', cause: 'phishing', layer: 'spoofIntelligence',
    priority: 60, implies: 'phishing', recommendation: 'REC_SPOOF_ALLOW',
    recommendationSupersededBy: ['AUTH_COMPAUTH_FAIL', 'AUTH_COMPAUTH_SPOOF_BLOCKED_BY_ORG', 'AUTH_COMPAUTH_ACCEPTED_DOMAIN', 'AUTH_OWN_DOMAIN_FAIL'],
    ...onToken('CAT', ['SPOOF']),
  },
  {
    code: 'MS_CAT_DIMP', needs: 'forefront', severity: 'high', role: 'cause', cause: 'phishing', layer: 'impersonationProtection',
    priority: 80, implies: 'phishing', recommendation: 'REC_TRUSTED_DOMAIN_IMPERSONATION', allowAdvice: 'itself',
    ...onToken('CAT', ['DIMP'], (ctx) => ({ setting: orgSetting('AntiPhishPolicy.ExcludedDomains', ctx.derived.senderDomain) })),
  },
  {
    code: 'MS_CAT_UIMP', needs: 'forefront', severity: 'high', role: 'cause', cause: 'phishing', layer: 'impersonationProtection',
    priority: 80, implies: 'phishing', recommendation: 'REC_TRUSTED_SENDER_IMPERSONATION', allowAdvice: 'itself',
    ...onToken('CAT', ['UIMP'], (ctx) => ({ setting: orgSetting('AntiPhishPolicy.ExcludedSenders', senderEntry(ctx)) })),
  },
  {
    code: 'MS_CAT_GIMP', needs: 'forefront', severity: 'high', role: 'cause', cause: 'phishing', layer: 'impersonationProtection',
    priority: 78, implies: 'phishing', recommendation: 'REC_TRUSTED_SENDER_IMPERSONATION', allowAdvice: 'itself',
    ...onToken('CAT', ['GIMP'], (ctx) => ({ setting: orgSetting('AntiPhishPolicy.ExcludedSenders', senderEntry(ctx)) })),
  },
  {
    code: 'MS_CAT_BIMP', needs: 'forefront', severity: 'high', role: 'cause', cause: 'phishing', layer: 'impersonationProtection',
    priority: 78, implies: 'phishing', recommendation: 'REC_PHISH_FALSE_POSITIVE', allowAdvice: 'append',
    ...onToken('CAT', ['BIMP']),
  },
  {
    code: 'MS_CAT_HSPM', needs: 'forefront', severity: 'high', role: 'cause', cause: 'contentFilter', layer: 'contentFilter',
    priority: 42, implies: 'spam', recommendation: 'REC_CONTENT_FALSE_POSITIVE', allowAdvice: 'append',
    ...onToken('CAT', ['HSPM'], contentVerdict),
  },
  {
    code: 'MS_CAT_SPM', needs: 'forefront', severity: 'medium', role: 'cause', cause: 'contentFilter', layer: 'contentFilter',
    priority: 40, implies: 'spam', recommendation: 'REC_CONTENT_FALSE_POSITIVE', allowAdvice: 'append',
    ...onToken('CAT', ['SPM'], contentVerdict),
  },
  {
    // Bulk is not spam by itself: the category comes from the BCL rules and other evidence.
    code: 'MS_CAT_BULK', needs: 'forefront', severity: 'medium', role: 'cause', cause: 'bulk', layer: 'bulkFilter',
    priority: 50, ...onToken('CAT', ['BULK'], contentVerdict),
  },
  {
    // The outbound filter's verdict on mail leaving an organisation: the cause, whatever the
    // authentication results of the internal hop say (those rules stand back for DIR:OUT).
    code: 'MS_CAT_OSPM', needs: 'forefront', severity: 'medium', role: 'cause', cause: 'contentFilter', layer: 'contentFilter',
    priority: 76, implies: 'spam', recommendation: 'REC_OUTBOUND_SPAM', ...onToken('CAT', ['OSPM'], contentVerdict),
  },
  {
    code: 'MS_CAT_INTOS', needs: 'forefront', severity: 'medium', role: 'cause', cause: 'contentFilter', layer: 'contentFilter',
    priority: 40, implies: 'spam', recommendation: 'REC_CONTENT_FALSE_POSITIVE', allowAdvice: 'append',
    ...onToken('CAT', ['INTOS'], contentVerdict),
  },
];
