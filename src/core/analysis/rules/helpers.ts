/** Small readers the rule tables share, so each rule stays one predicate. */
import type { ConfigSetting } from '../../../contracts/verdict';
import type { IndexedToken, Rule, RuleContext, RuleMatch } from './rule-types';
import { NO_MATCH } from './rule-types';

/** A match on the Forefront token `key` when its value is one of `values`. */
export function forefrontToken(
  ctx: RuleContext,
  key: string,
  values: readonly string[],
  params?: Record<string, string>,
  setting?: ConfigSetting,
): RuleMatch[] {
  const ff = ctx.facts.forefront;
  const token = ff?.tokens[key];
  // Enumerated Forefront values are upper-cased by the decoder.
  if (ff === undefined || token === undefined || !values.includes(token.value)) return NO_MATCH;
  const match: RuleMatch = { evidence: { header: ff.header, value: token.text } };
  if (params) match.params = params;
  if (setting) match.setting = setting;
  return [match];
}

/** What a token rule adds to its match; null when the rule does not apply after all. */
export interface TokenExtras {
  params?: Record<string, string>;
  setting?: ConfigSetting;
}

/**
 * The trigger and predicate of a rule that matches the Forefront token `key` with one of
 * `values` (the evidence is that token), stated once. `extra` may add params or a setting,
 * or veto the match by returning null.
 */
export function onToken(
  key: IndexedToken,
  values: readonly string[],
  extra?: (ctx: RuleContext) => TokenExtras | null,
): Pick<Rule, 'on' | 'when'> {
  return {
    on: { key, values },
    when: (ctx) => {
      const more = extra === undefined ? {} : extra(ctx);
      return more === null ? NO_MATCH : forefrontToken(ctx, key, values, more.params, more.setting);
    },
  };
}

/** The sender entry an admin would add to or remove from a list: the address, else the domain. */
export function senderEntry(ctx: RuleContext): string | undefined {
  return ctx.derived.senderAddress ?? ctx.derived.senderDomain;
}

export function domainOf(addressOrDomain: string | undefined): string | undefined {
  if (addressOrDomain === undefined) return undefined;
  const trimmed = addressOrDomain.trim().replace(/^<|>$/g, '');
  const at = trimmed.lastIndexOf('@');
  const domain = (at === -1 ? trimmed : trimmed.slice(at + 1)).toLowerCase();
  return domain.length > 0 ? domain : undefined;
}

/** "NAME (3.5), OTHER (2.1)": the largest positive contributions first. */
export function topContributions(items: readonly { name: string; score?: number }[], max = 3): string {
  return items
    .filter((t) => t.score === undefined || t.score > 0)
    .slice()
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))
    .slice(0, max)
    .map((t) => (t.score === undefined ? t.name : `${t.name} (${formatScore(t.score)})`))
    .join(', ');
}

export function formatScore(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(Math.round(n * 100) / 100);
}

export function orgSetting(name: string, entry?: string): ConfigSetting {
  return entry === undefined ? { scope: 'organization', name } : { scope: 'organization', name, entry };
}

export function mailboxSetting(name: string, entry?: string): ConfigSetting {
  return entry === undefined ? { scope: 'mailbox', name } : { scope: 'mailbox', name, entry };
}
