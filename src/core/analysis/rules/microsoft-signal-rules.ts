/**
 * Microsoft's levels and delivery signals: BCL against the bulk threshold, SCL, safety
 * tips, the connection filter, PCL, Advanced Spam Filter hits (X-CustomSpam) and where
 * the mailbox put the message (X-Microsoft-Antispam-Mailbox-Delivery).
 */
import type { Rule, RuleContext, RuleMatch } from './rule-types';
import { DEFAULT_BULK_THRESHOLD, NO_MATCH } from './rule-types';
import { forefrontToken, mailboxSetting, onToken, orgSetting, senderEntry } from './helpers';
import { catIsSilent } from './microsoft-verdict-rules';

/** BCL 8-9: "a large number of complaints" in Microsoft's BCL bands (0, 1-3, 4-7, 8-9). */
const HIGH_BCL = 8;

function bclMatch(ctx: RuleContext, when: (bcl: number) => boolean, threshold: string, settingEntry?: string): RuleMatch[] {
  const bcl = ctx.facts.microsoft.bcl;
  const header = ctx.facts.microsoft.antispamHeader;
  if (bcl === undefined || header === undefined || !when(bcl.level)) return NO_MATCH;
  const match: RuleMatch = {
    evidence: { header, value: bcl.text },
    params: { bcl: String(bcl.level), threshold },
  };
  if (settingEntry !== undefined) match.setting = orgSetting('BulkThreshold', settingEntry);
  return [match];
}

function sclMatch(ctx: RuleContext, min: number, max: number): RuleMatch[] {
  const scl = ctx.facts.forefront?.scl;
  // SCL only explains something when nothing more specific does (CAT names the verdict and
  // quotes the SCL; BLK/SKB/SKS mean configuration set it).
  if (scl === undefined || scl < min || scl > max || ctx.derived.configuredSfv !== undefined || !catIsSilent(ctx)) {
    return NO_MATCH;
  }
  return forefrontToken(ctx, 'SCL', [String(scl)]);
}

function mailboxToken(ctx: RuleContext, key: string, value: string): RuleMatch[] {
  const md = ctx.facts.microsoft.mailboxDelivery;
  const token = md?.tokens[key];
  if (md === undefined || token === undefined || token.value.toUpperCase() !== value.toUpperCase()) return NO_MATCH;
  return [{ evidence: { header: md.header, value: token.text } }];
}

const junked = (ctx: RuleContext): boolean => ctx.facts.microsoft.mailboxDelivery?.dest === 'J';
const userRuleMoved = (ctx: RuleContext): boolean =>
  junked(ctx) && ctx.facts.microsoft.mailboxDelivery?.ofr?.toLowerCase() === 'customrules';

export const MICROSOFT_SIGNAL_RULES: readonly Rule[] = [
  {
    code: 'MS_BULK_THRESHOLD_CONFIGURED', severity: 'medium', role: 'cause', cause: 'tenantConfiguration',
    layer: 'bulkThreshold', priority: 55, recommendation: 'REC_BULK_THRESHOLD', allowAdvice: 'append',
    when: (ctx) => {
      const t = ctx.bulkThreshold;
      if (!ctx.bulkThresholdConfigured || !ctx.derived.bulkActed || t >= DEFAULT_BULK_THRESHOLD) return NO_MATCH;
      return bclMatch(ctx, (bcl) => bcl >= t && bcl < DEFAULT_BULK_THRESHOLD, String(t), String(t));
    },
  },
  {
    // Bulk acted below the default threshold and no (or a contradicting) threshold was given:
    // the tenant's threshold then must have been at or below the observed BCL.
    code: 'MS_BULK_THRESHOLD_INFERRED', severity: 'medium', role: 'cause', cause: 'tenantConfiguration',
    layer: 'bulkThreshold', priority: 55, recommendation: 'REC_BULK_THRESHOLD_INFERRED', allowAdvice: 'append',
    when: (ctx) => {
      if (!ctx.derived.bulkActed) return NO_MATCH;
      const known = ctx.bulkThresholdConfigured ? ctx.bulkThreshold : undefined;
      return bclMatch(
        ctx,
        (bcl) => bcl < DEFAULT_BULK_THRESHOLD && !(known !== undefined && known <= bcl),
        ctx.facts.microsoft.bcl === undefined ? '' : `<= ${ctx.facts.microsoft.bcl.level}`,
        ctx.facts.microsoft.bcl === undefined ? undefined : `<= ${ctx.facts.microsoft.bcl.level}`,
      );
    },
  },
  {
    // BCL 4-7 reaching a default (or laxer) threshold: bulk by the book.
    code: 'MS_BULK_AT_THRESHOLD', severity: 'medium', role: 'cause', cause: 'bulk', layer: 'bulkFilter',
    priority: 52, implies: 'spam', recommendation: 'REC_BULK_THRESHOLD', allowAdvice: 'append',
    when: (ctx) => {
      const t = ctx.bulkThreshold;
      if (!ctx.derived.bulkActed || t < DEFAULT_BULK_THRESHOLD) return NO_MATCH;
      return bclMatch(ctx, (bcl) => bcl >= t && bcl < HIGH_BCL, String(t), String(t));
    },
  },
  {
    // BCL 8-9: many complaints; allowing the sender is better than loosening the threshold.
    code: 'MS_BCL_HIGH', severity: 'medium', role: 'cause', cause: 'bulk', layer: 'bulkFilter',
    priority: 52, implies: 'spam', recommendation: 'REC_BULK_HIGH_ALLOW_SENDER', allowAdvice: 'append',
    when: (ctx) => bclMatch(ctx, (bcl) => bcl >= HIGH_BCL && bcl >= ctx.bulkThreshold, String(ctx.bulkThreshold)),
  },
  {
    code: 'MS_BCL_BELOW_THRESHOLD', severity: 'info', role: 'info', cause: null, layer: 'bulkThreshold', priority: 0,
    when: (ctx) => ctx.derived.bulkActed ? NO_MATCH
      : bclMatch(ctx, (bcl) => bcl >= 1 && bcl < ctx.bulkThreshold, String(ctx.bulkThreshold)),
  },
  { code: 'MS_SCL_SKIPPED', needs: 'forefront', severity: 'info', role: 'info', cause: null, layer: 'contentFilter', priority: 0,
    ...onToken('SCL', ['-1']) },
  { code: 'MS_SCL_SPAM', needs: 'forefront', severity: 'medium', role: 'contributing', cause: 'contentFilter', layer: 'contentFilter',
    priority: 20, when: (ctx) => sclMatch(ctx, 5, 6) },
  { code: 'MS_SCL_HIGH_CONFIDENCE', needs: 'forefront', severity: 'high', role: 'contributing', cause: 'contentFilter',
    layer: 'contentFilter', priority: 21, when: (ctx) => sclMatch(ctx, 7, 9) },
  {
    code: 'MS_ORG_SCL_RAISED', severity: 'high', role: 'cause', cause: 'tenantConfiguration', layer: 'transportRule',
    priority: 87, recommendation: 'REC_REVIEW_TRANSPORT_RULE_SCL',
    when: (ctx) => {
      const org = ctx.facts.microsoft.orgScl;
      const filter = ctx.facts.forefront?.scl;
      if (org === undefined || filter === undefined || org.value < 5 || filter >= 5) return NO_MATCH;
      if (ctx.derived.configuredSfv === 'SKS') return NO_MATCH; // MS_SFV_SKS already names the rule
      return [{
        evidence: { header: org.header, value: org.text },
        params: { scl: String(org.value), filterScl: String(filter) },
        setting: orgSetting('TransportRule.SetSCL', String(org.value)),
      }];
    },
  },
  { code: 'MS_SFTY_DOMAIN_IMPERSONATION', needs: 'forefront', severity: 'medium', role: 'contributing', cause: 'phishing',
    layer: 'impersonationProtection', priority: 10, ...onToken('SFTY', ['9.19']) },
  { code: 'MS_SFTY_USER_IMPERSONATION', needs: 'forefront', severity: 'medium', role: 'contributing', cause: 'phishing',
    layer: 'impersonationProtection', priority: 10, ...onToken('SFTY', ['9.20']) },
  { code: 'MS_SFTY_FIRST_CONTACT', needs: 'forefront', severity: 'info', role: 'info', cause: null, layer: 'impersonationProtection',
    priority: 0, ...onToken('SFTY', ['9.25']) },
  {
    // The connection filter's IP Allow List skips spam filtering for everything from that IP.
    code: 'MS_IPV_CAL', needs: 'forefront', severity: 'medium', role: 'allow', cause: 'tenantConfiguration', layer: 'connectionFilter',
    priority: 72, implies: 'notJunk', recommendation: 'REC_REVIEW_CONNECTION_ALLOW',
    ...onToken('IPV', ['CAL'], (ctx) => (ctx.derived.authFailed !== undefined ? null
      : { setting: orgSetting('HostedConnectionFilterPolicy.IPAllowList', ctx.derived.senderIp) })),
  },
  {
    // The same allow, for mail that failed authentication: said loudly, it lets forgeries in.
    code: 'MS_IPV_CAL_AUTH_FAILED', needs: 'forefront', severity: 'high', role: 'allow', cause: 'tenantConfiguration', layer: 'connectionFilter',
    priority: 75, implies: 'notJunk', recommendation: 'REC_REVIEW_CONNECTION_ALLOW',
    ...onToken('IPV', ['CAL'], (ctx) => {
      const failed = ctx.derived.authFailed;
      return failed === undefined ? null : {
        params: { authToken: failed.value },
        setting: orgSetting('HostedConnectionFilterPolicy.IPAllowList', ctx.derived.senderIp),
      };
    }),
  },
  { code: 'MS_SRV_BULK', needs: 'forefront', severity: 'low', role: 'contributing', cause: 'bulk', layer: 'bulkFilter', priority: 10,
    ...onToken('SRV', ['BULK']) },
  {
    code: 'MS_PCL_SUSPICIOUS', severity: 'medium', role: 'contributing', cause: 'phishing', layer: 'phishingFilter',
    priority: 10,
    when: (ctx) => {
      const pcl = ctx.facts.microsoft.pcl;
      const header = ctx.facts.microsoft.antispamHeader;
      return pcl === undefined || header === undefined || pcl.level < 4 ? NO_MATCH
        : [{ evidence: { header, value: pcl.text } }];
    },
  },
  {
    code: 'MS_ASF_MATCH', severity: 'high', role: 'cause', cause: 'tenantConfiguration', layer: 'advancedSpamFilter',
    priority: 87, recommendation: 'REC_REVIEW_ASF',
    when: (ctx) => {
      const asf = ctx.facts.microsoft.customSpam;
      return asf === undefined ? NO_MATCH : [{
        evidence: { header: asf.header, value: asf.value },
        setting: orgSetting('HostedContentFilterPolicy.AdvancedSpamFilter', asf.value),
      }];
    },
  },
  {
    code: 'MS_MAILBOX_USER_RULE', severity: 'medium', role: 'cause', cause: 'tenantConfiguration',
    layer: 'userInboxRule', priority: 86, recommendation: 'REC_REVIEW_INBOX_RULE',
    when: (ctx) => userRuleMoved(ctx)
      ? mailboxToken(ctx, 'ofr', 'CustomRules').map((m) => ({ ...m, setting: mailboxSetting('InboxRule', senderEntry(ctx)) }))
      : NO_MATCH,
  },
  {
    // Junk with no spam verdict: "Only trust email from my Safe Senders" (TrustedListsOnly)
    // leaves no other trace in the headers (tzink, "Safe Lists Only").
    code: 'MS_MAILBOX_JUNK_WITHOUT_VERDICT', needs: 'forefront', severity: 'medium', role: 'cause', cause: 'tenantConfiguration',
    layer: 'userJunkSettings', priority: 84, recommendation: 'REC_SAFE_LISTS_ONLY', allowAdvice: 'append',
    when: (ctx) => {
      const ff = ctx.facts.forefront;
      const sfv = ff?.tokens['SFV'];
      if (!junked(ctx) || userRuleMoved(ctx) || ff === undefined || sfv === undefined) return NO_MATCH;
      if ((ctx.facts.microsoft.orgScl?.value ?? 0) >= 5) return NO_MATCH; // MS_ORG_SCL_RAISED explains it
      if (!['NSPM', 'SKN', 'SKA', 'SKI'].includes(ff.sfv ?? '') || (ff.scl !== undefined && ff.scl > 1)) return NO_MATCH;
      return mailboxToken(ctx, 'dest', 'J').map((m) => ({
        ...m,
        params: { sfvToken: sfv.text },
        setting: mailboxSetting('TrustedListsOnly', 'true'),
      }));
    },
  },
  { code: 'MS_MAILBOX_JUNK', severity: 'info', role: 'info', cause: null, layer: 'userJunkSettings', priority: 0,
    when: (ctx) => mailboxToken(ctx, 'dest', 'J') },
  {
    // Junk by the spam filter's own judgement of the sender (OFR:SpamFilterAuthJ), with no CAT
    // verdict to name: the mailbox delivery record is the evidence (Outlook.com, Exchange Online).
    code: 'MS_MAILBOX_SPAM_FILTER_JUNK', severity: 'medium', role: 'cause', cause: 'contentFilter', layer: 'contentFilter',
    priority: 35, implies: 'spam', recommendation: 'REC_CONTENT_FALSE_POSITIVE', allowAdvice: 'append',
    when: (ctx) => (junked(ctx) && !userRuleMoved(ctx) && catIsSilent(ctx) ? mailboxToken(ctx, 'ofr', 'SpamFilterAuthJ') : NO_MATCH),
  },
  {
    // The recipient's Safe Senders (or contacts) took the message to the Inbox (wl:1, pcwl:1,
    // OFR:TrustedSenderList), whatever the spam filter thought of it.
    code: 'MS_MAILBOX_SAFE_SENDER', severity: 'low', role: 'allow', cause: 'tenantConfiguration', layer: 'userSafeSenders',
    priority: 74, implies: 'notJunk',
    when: (ctx) => {
      const md = ctx.facts.microsoft.mailboxDelivery;
      if (md === undefined || md.dest === 'J') return NO_MATCH;
      const token = ['ofr', 'pcwl', 'wl'].map((k) => md.tokens[k]).find((t) => t !== undefined && /^(trustedsenderlist|1)$/i.test(t.value));
      return token === undefined ? NO_MATCH
        : [{ evidence: { header: md.header, value: token.text }, setting: mailboxSetting('TrustedSendersAndDomains', senderEntry(ctx)) }];
    },
  },
  {
    // A rule (the user's inbox rule or an organisation's) delivered it to a folder of its own.
    code: 'MS_MAILBOX_RULE_FOLDER', severity: 'info', role: 'allow', cause: 'tenantConfiguration', layer: 'userInboxRule',
    priority: 66, implies: 'notJunk',
    when: (ctx) => {
      const md = ctx.facts.microsoft.mailboxDelivery;
      if (md === undefined || md.dest === 'J' || md.ofr?.toLowerCase() !== 'customrules') return NO_MATCH;
      return mailboxToken(ctx, 'ofr', 'CustomRules').map((m) => ({ ...m, setting: mailboxSetting('InboxRule', senderEntry(ctx)) }));
    },
  },
];
