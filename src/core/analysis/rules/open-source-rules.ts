/**
 * SpamAssassin (X-Spam-Status / X-Spam-Flag / X-Spam-Report) and Rspamd (X-Spamd-Result,
 * X-Rspamd-Action, X-Spam). Test and symbol names are the stock ones; a local rule with
 * another name still counts through the score.
 */
import type { Evidence } from '../../../contracts/verdict';
import type { RspamdFacts, SpamAssassinFacts } from '../types';
import type { Rule, RuleContext, RuleMatch } from './rule-types';
import { NO_MATCH } from './rule-types';
import { formatScore, senderEntry, topContributions } from './helpers';
import { phishingDominates } from '../families/summaries';

const MAX_LISTED = 5;
const SA_BLOCKLIST = /^USER_IN_(BLOCKLIST|BLACKLIST)(_TO)?$/;
const SA_WELCOMELIST = /^USER_IN_(DEF_)?(WELCOMELIST|WHITELIST)(_TO)?$/;
const SA_BAYES_SPAM = /^BAYES_(6\d|7\d|8\d|9\d|99\d?)$/;
const SA_DNSBL = /^(RCVD_IN_(SBL|XBL|PBL|ZEN|SORBS|PSBL|BL_SPAMCOP|MSPIKE_BL|MSPIKE_L[345]|BRBL|VALIDITY_RPBL|IADB_DK_NOT)|URIBL_(?!BLOCKED)|DNSBL)/;
const SA_AUTH_FAIL = /^(SPF_FAIL|SPF_SOFTFAIL|SPF_HELO_FAIL|DKIM_INVALID|DMARC_(REJECT|QUAR|MISSING_REJECT))$/;
const RSPAMD_SPAM_ACTIONS = ['reject', 'soft reject', 'discard', 'add header', 'rewrite subject', 'quarantine'];
const RSPAMD_AUTH_FAIL = /^(R_SPF_(FAIL|SOFTFAIL|PERMFAIL)|R_DKIM_(REJECT|PERMFAIL)|DMARC_POLICY_(REJECT|QUARANTINE|SOFTFAIL))$/;
const RSPAMD_PHISHING = /^(PHISHING|PHISHED_\w+|DBL_PHISH|PH_SURBL_MULTI|GOOGLE_SAFEBROWSING)$/;
/** Display names made to look like someone the recipient trusts. */
const RSPAMD_IMPERSONATION = /^(SPOOF_DISPLAY_NAME|FROM_NAME_HAS_TITLE_SPOOF|SPOOF_REPLYTO)$/;
/** Links whose domain a URI blocklist lists as spam or abuse. */
const RSPAMD_LISTED_LINK = /^(URIBL_(BLACK|RED|GREY|MULTI)|ABUSE_SURBL|SURBL_MULTI|DBL_(SPAM|ABUSE\w*|MALWARE|BOTNET\w*)|SEM_URIBL\w*|CRACKED_SURBL|MSBL_EBL\w*)$/;
const RSPAMD_VIRUS = /VIRUS|^JUST_EICAR$/;
const RSPAMD_DNSBL = /^(RBL_\w+|RECEIVED_SPAMHAUS_\w+|URIBL_\w+|DBL_\w+|SURBL_\w+|SEM_URIBL\w*|RECEIVED_BLOCKLISTDE|MSBL_EBL\w*)$/;

function saIsSpam(sa: SpamAssassinFacts): boolean {
  if (sa.isSpam !== undefined) return sa.isSpam;
  if (sa.flag !== undefined) return sa.flag.value;
  return sa.score !== undefined && sa.required !== undefined && sa.score >= sa.required;
}

function saEvidence(sa: SpamAssassinFacts): Evidence {
  if (sa.scoreText !== undefined) return { header: sa.header, value: sa.scoreText };
  if (sa.flag !== undefined) return { header: sa.flag.header, value: sa.flag.text };
  return { header: sa.header, value: sa.score === undefined ? '' : formatScore(sa.score) };
}

function saParams(sa: SpamAssassinFacts): Record<string, string> {
  const params: Record<string, string> = { tests: topContributions(sa.tests) || '-' };
  if (sa.score !== undefined) params['score'] = formatScore(sa.score);
  if (sa.required !== undefined) params['required'] = formatScore(sa.required);
  return params;
}

function saTests(ctx: RuleContext, pattern: RegExp): RuleMatch[] {
  const sa = ctx.facts.spamAssassin;
  if (sa === undefined) return NO_MATCH;
  return sa.tests
    .filter((t) => pattern.test(t.name))
    .slice(0, MAX_LISTED)
    .map((t) => ({ evidence: { header: sa.header, value: t.name } }));
}

function rspamdIsSpam(r: RspamdFacts): boolean | undefined {
  if (r.action !== undefined) return RSPAMD_SPAM_ACTIONS.includes(r.action.value);
  // X-Spam is written at the add-header threshold; `default: True|False` only says reject.
  if (r.xSpam !== undefined) return r.xSpam.value;
  return r.isSpam;
}

function rspamdEvidence(r: RspamdFacts): Evidence | undefined {
  if (r.action !== undefined) return { header: r.action.header, value: r.action.value };
  if (r.header !== undefined && r.metricText !== undefined) return { header: r.header, value: r.metricText };
  if (r.xSpam !== undefined) return { header: r.xSpam.header, value: r.xSpam.text };
  return undefined;
}

function rspamdParams(r: RspamdFacts): Record<string, string> {
  const params: Record<string, string> = {
    symbols: topContributions(r.symbols.map((s) => (s.weight === undefined ? { name: s.name } : { name: s.name, score: s.weight }))) || '-',
  };
  if (r.score !== undefined) params['score'] = formatScore(r.score);
  if (r.threshold !== undefined) params['threshold'] = formatScore(r.threshold);
  if (r.action !== undefined) params['action'] = r.action.value;
  return params;
}

function rspamdSymbols(ctx: RuleContext, pattern: RegExp): RuleMatch[] {
  const r = ctx.facts.rspamd;
  if (r === undefined || r.header === undefined) return NO_MATCH;
  const header = r.header;
  return r.symbols
    .filter((s) => pattern.test(s.name) && (s.weight === undefined || s.weight > 0))
    .slice(0, MAX_LISTED)
    .map((s) => ({ evidence: { header, value: s.text } }));
}

export const OPEN_SOURCE_RULES: readonly Rule[] = [
  {
    code: 'SA_SPAM', needs: 'spamAssassin', severity: 'medium', role: 'cause', cause: 'contentFilter', layer: 'spamAssassin',
    priority: 41, implies: 'spam', recommendation: 'REC_SA_FALSE_POSITIVE', recommendationSupersededBy: ['SA_BLOCKLIST'],
    when: (ctx) => {
      const sa = ctx.facts.spamAssassin;
      return sa !== undefined && saIsSpam(sa) ? [{ evidence: saEvidence(sa), params: saParams(sa) }] : NO_MATCH;
    },
  },
  {
    code: 'SA_NOT_SPAM', needs: 'spamAssassin', severity: 'info', role: 'info', cause: null, layer: 'spamAssassin', priority: 0,
    implies: 'notJunk',
    when: (ctx) => {
      const sa = ctx.facts.spamAssassin;
      return sa !== undefined && sa.isSpam === false && sa.flag?.value !== true
        ? [{ evidence: saEvidence(sa), params: saParams(sa) }] : NO_MATCH;
    },
  },
  {
    code: 'SA_BLOCKLIST', needs: 'spamAssassin', severity: 'high', role: 'cause', cause: 'tenantConfiguration', layer: 'spamAssassin',
    priority: 90, recommendation: 'REC_SA_REMOVE_BLOCKLIST',
    when: (ctx) => saTests(ctx, SA_BLOCKLIST).slice(0, 1).map((m) => {
      const entry = senderEntry(ctx);
      return { ...m, setting: entry === undefined ? { scope: 'filter', name: 'blocklist_from' } : { scope: 'filter', name: 'blocklist_from', entry } };
    }),
  },
  { code: 'SA_WELCOMELIST', needs: 'spamAssassin', severity: 'low', role: 'allow', cause: 'tenantConfiguration', layer: 'spamAssassin',
    priority: 70, implies: 'notJunk',
    when: (ctx) => saTests(ctx, SA_WELCOMELIST).slice(0, 1).map((m) => {
      const entry = senderEntry(ctx);
      return { ...m, setting: entry === undefined ? { scope: 'filter', name: 'welcomelist_from' } : { scope: 'filter', name: 'welcomelist_from', entry } };
    }) },
  { code: 'SA_BAYES_SPAM', needs: 'spamAssassin', severity: 'low', role: 'contributing', cause: 'contentFilter', layer: 'spamAssassin',
    priority: 15, recommendation: 'REC_TRAIN_HAM_SA', recommendationSupersededBy: ['SA_SPAM'], when: (ctx) => saTests(ctx, SA_BAYES_SPAM).slice(0, 1) },
  { code: 'SA_DNSBL', needs: 'spamAssassin', severity: 'medium', role: 'contributing', cause: 'contentFilter', layer: 'spamAssassin',
    priority: 15, recommendation: 'REC_DNSBL', allowAdvice: 'append', when: (ctx) => saTests(ctx, SA_DNSBL) },
  { code: 'SA_AUTH_FAIL', needs: 'spamAssassin', severity: 'medium', role: 'contributing', cause: 'senderAuthentication',
    layer: 'spamAssassin', priority: 15, when: (ctx) => saTests(ctx, SA_AUTH_FAIL) },
  {
    code: 'RSPAMD_SPAM', needs: 'rspamd', severity: 'medium', role: 'cause', cause: 'contentFilter', layer: 'rspamd',
    priority: 41, implies: 'spam', recommendation: 'REC_RSPAMD_FALSE_POSITIVE', allowAdvice: 'append',
    recommendationSupersededBy: ['RSPAMD_VIRUS', 'RSPAMD_PHISHING'],
    when: (ctx) => {
      const r = ctx.facts.rspamd;
      const evidence = r === undefined ? undefined : rspamdEvidence(r);
      return r !== undefined && evidence !== undefined && rspamdIsSpam(r) === true
        ? [{ evidence, params: rspamdParams(r) }] : NO_MATCH;
    },
  },
  {
    code: 'RSPAMD_NOT_SPAM', needs: 'rspamd', severity: 'info', role: 'info', cause: null, layer: 'rspamd', priority: 0,
    implies: 'notJunk',
    when: (ctx) => {
      const r = ctx.facts.rspamd;
      const evidence = r === undefined ? undefined : rspamdEvidence(r);
      const clean = r !== undefined && (r.action === undefined ? r.isSpam === false : r.action.value === 'no action');
      return r !== undefined && evidence !== undefined && clean ? [{ evidence, params: rspamdParams(r) }] : NO_MATCH;
    },
  },
  {
    code: 'RSPAMD_GREYLIST', needs: 'rspamd', severity: 'low', role: 'info', cause: null, layer: 'rspamd', priority: 0,
    when: (ctx) => {
      const a = ctx.facts.rspamd?.action;
      return a !== undefined && a.value === 'greylist' ? [{ evidence: { header: a.header, value: a.value } }] : NO_MATCH;
    },
  },
  { code: 'RSPAMD_BAYES_SPAM', needs: 'rspamd', severity: 'low', role: 'contributing', cause: 'contentFilter', layer: 'rspamd',
    priority: 15, recommendation: 'REC_TRAIN_HAM_RSPAMD', recommendationSupersededBy: ['RSPAMD_SPAM'], when: (ctx) => rspamdSymbols(ctx, /^BAYES_SPAM$/) },
  { code: 'RSPAMD_AUTH_FAIL', needs: 'rspamd', severity: 'medium', role: 'contributing', cause: 'senderAuthentication',
    layer: 'rspamd', priority: 15, when: (ctx) => rspamdSymbols(ctx, RSPAMD_AUTH_FAIL) },
  { code: 'RSPAMD_PHISHING', needs: 'rspamd', severity: 'high', role: 'cause', cause: 'phishing', layer: 'rspamd', priority: 79,
    implies: 'phishing', recommendation: 'REC_PHISH_FALSE_POSITIVE', allowAdvice: 'append',
    when: (ctx) => (phishingDominates(ctx.facts.rspamd?.symbols ?? []) ? rspamdSymbols(ctx, RSPAMD_PHISHING).slice(0, 1) : NO_MATCH) },
  { code: 'RSPAMD_PHISHING_SIGNAL', needs: 'rspamd', severity: 'medium', role: 'contributing', cause: 'phishing', layer: 'rspamd', priority: 17,
    when: (ctx) => (phishingDominates(ctx.facts.rspamd?.symbols ?? []) ? NO_MATCH : rspamdSymbols(ctx, RSPAMD_PHISHING).slice(0, 1)) },
  { code: 'RSPAMD_VIRUS', needs: 'rspamd', severity: 'critical', role: 'cause', cause: 'malware', layer: 'rspamd', priority: 100,
    implies: 'malware', recommendation: 'REC_MALWARE_DO_NOT_RELEASE',
    when: (ctx) => rspamdSymbols(ctx, RSPAMD_VIRUS).slice(0, 1) },
  { code: 'RSPAMD_IMPERSONATION', needs: 'rspamd', severity: 'high', role: 'cause', cause: 'phishing', layer: 'rspamd', priority: 78,
    implies: 'phishing', recommendation: 'REC_PHISH_FALSE_POSITIVE', allowAdvice: 'append',
    when: (ctx) => (rspamdIsSpam(ctx.facts.rspamd ?? { symbols: [] }) === true ? rspamdSymbols(ctx, RSPAMD_IMPERSONATION).slice(0, 1) : NO_MATCH) },
  { code: 'RSPAMD_LISTED_LINK', needs: 'rspamd', severity: 'medium', role: 'contributing', cause: 'contentFilter', layer: 'rspamd',
    priority: 16, recommendation: 'REC_DNSBL', allowAdvice: 'append', when: (ctx) => rspamdSymbols(ctx, RSPAMD_LISTED_LINK).slice(0, 3) },
  { code: 'RSPAMD_DNSBL', needs: 'rspamd', severity: 'medium', role: 'contributing', cause: 'contentFilter', layer: 'rspamd',
    priority: 15, recommendation: 'REC_DNSBL', allowAdvice: 'append',
    when: (ctx) => rspamdSymbols(ctx, RSPAMD_DNSBL).filter((m) => !RSPAMD_LISTED_LINK.test(/^[A-Za-z0-9_]+/.exec(m.evidence.value)?.[0] ?? '')) },
];
