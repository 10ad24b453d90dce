/**
 * Runs the rule table over one message and turns each match into a localized finding.
 * A rule that throws (a bug, never garbage input: the facts are already decoded) is
 * skipped rather than losing the whole verdict.
 */
import type { Finding, VerdictLocale } from '../../contracts/verdict';
import type { FindingsCatalog } from '../../i18n/findings';
import { fillTemplate } from '../../i18n/findings';
import type { FactFamily, IndexedToken, Rule, RuleContext, RuleMatch } from './rules/rule-types';
import { RULES } from './rules';
import type { FamilyRule } from './families/family';
import type { ScanFinding, ScanRule } from './fresh-scan/findings';
import { FAMILIES } from './families/registry';
import { formatScore, senderEntry } from './rules/helpers';
import type { CompauthReasonClass } from './types';

/**
 * A rule from the shared table, a family's own (which carries its texts), or a finding of a
 * fresh Rspamd scan (built with its texts in fresh-scan/, weighed here like the others).
 */
export type AnyRule = Rule | FamilyRule | ScanRule;
/** The rules the judge runs over the facts. */
type TableRule = Rule | FamilyRule;

export function isFamilyRule(rule: AnyRule): rule is FamilyRule {
  return 'text' in rule;
}

export function isScanRule(rule: AnyRule): rule is ScanRule {
  return 'fromScan' in rule;
}

/** Scan findings as hits, ordered after every rule of the table. */
export function scanHits(findings: readonly ScanFinding[]): Hit[] {
  return findings.map(({ rule, finding }, i) => ({
    rule,
    match: { evidence: finding.evidence },
    params: finding.params ?? {},
    common: {},
    finding,
    order: RULES.length + 1_000 + i,
  }));
}

export interface Hit {
  rule: AnyRule;
  match: RuleMatch;
  /** The rule's own values (and `token`); `common` fills the rest. */
  params: Record<string, string>;
  common: Readonly<Record<string, string>>;
  finding: Finding;
  order: number;
}

const ROLE_RANK = { cause: 0, contributing: 1, allow: 2, info: 3 } as const;

interface PlannedRule {
  rule: TableRule;
  /** Position in RULES: the tie-break when findings are ordered. */
  order: number;
}

/**
 * The rule table, split once: rules run on every message (grouped by the decoded family they
 * need, so a missing family skips its group without a check per rule), and rules looked up
 * by the message's Forefront token values (their `on` trigger). Calling every rule cost more
 * than the few that apply: a message has one SFV and one CAT, and each names one or two rules.
 */
const { ALWAYS_GROUPS, TOKEN_GROUPS } = planRules(RULES, FAMILIES.map((f) => ({ id: f.id, rules: f.rules ?? [] })));

/** Groups are plain arrays: walking a Map's entries allocates an array per entry, per message. */
function planRules(rules: readonly Rule[], families: readonly { id: string; rules: readonly FamilyRule[] }[]): {
  ALWAYS_GROUPS: { family: FactFamily | 'any'; planned: PlannedRule[] }[];
  TOKEN_GROUPS: { key: IndexedToken; byValue: Map<string, PlannedRule[]> }[];
} {
  const always = new Map<FactFamily | 'any', PlannedRule[]>();
  const byToken = new Map<IndexedToken, Map<string, PlannedRule[]>>();
  let order = rules.length;
  for (const family of families) {
    const group: FactFamily = `family:${family.id}`;
    always.set(group, family.rules.map((rule) => ({ rule, order: order++ })));
  }
  rules.forEach((rule, order) => {
    if (rule.on === undefined) {
      const group = rule.needs ?? 'any';
      always.set(group, [...(always.get(group) ?? []), { rule, order }]);
      return;
    }
    let byValue = byToken.get(rule.on.key);
    if (byValue === undefined) byToken.set(rule.on.key, (byValue = new Map()));
    for (const value of rule.on.values) byValue.set(value, [...(byValue.get(value) ?? []), { rule, order }]);
  });
  return {
    ALWAYS_GROUPS: [...always].map(([family, planned]) => ({ family, planned })),
    TOKEN_GROUPS: [...byToken].map(([key, byValue]) => ({ key, byValue })),
  };
}

function isPresent(ctx: RuleContext, family: FactFamily | 'any'): boolean {
  switch (family) {
    case 'any':
      return true;
    case 'forefront':
      return ctx.facts.forefront !== undefined;
    case 'spamAssassin':
      return ctx.facts.spamAssassin !== undefined;
    case 'rspamd':
      return ctx.facts.rspamd !== undefined;
    case 'body':
      return ctx.body !== undefined;
    case 'filters':
      return ctx.genericVerdicts.length > 0;
    case 'claims':
      return ctx.facts.claims.auth.length > 0 || ctx.facts.claims.filters.length > 0 || ctx.facts.claims.receivedSpf.length > 0;
    default:
      return ctx.facts.families.has(family.slice('family:'.length));
  }
}

/** Runs the rule table (or only `only`) over one message. */
export function runRules(ctx: RuleContext, catalog: FindingsCatalog, locale: VerdictLocale, only?: FactFamily): Hit[] {
  const common = commonParams(ctx, catalog);
  const hits: Hit[] = [];
  const run = (planned: readonly PlannedRule[]): void => {
    for (const { rule, order } of planned) {
      let matches: RuleMatch[];
      try {
        matches = rule.when(ctx);
      } catch {
        continue;
      }
      for (const match of matches) hits.push(toHit(rule, match, order, common, catalog, locale));
    }
  };
  for (const { family, planned } of ALWAYS_GROUPS) {
    if ((only === undefined || family === only) && isPresent(ctx, family)) run(planned);
  }
  if (only !== undefined) return sortHits(hits);
  const tokens = ctx.facts.forefront?.tokens;
  if (tokens !== undefined) {
    for (const { key, byValue } of TOKEN_GROUPS) {
      const value = tokens[key]?.value;
      const planned = value === undefined ? undefined : byValue.get(value);
      if (planned !== undefined) run(planned);
    }
  }
  return sortHits(hits);
}

function before(a: Hit, b: Hit): boolean {
  return (ROLE_RANK[a.rule.role] - ROLE_RANK[b.rule.role] || b.rule.priority - a.rule.priority || a.order - b.order) < 0;
}

/**
 * Causes first, then by priority, then in table order; a rule's own matches keep their order.
 * An insertion sort: a message has a handful of hits, where Array.prototype.sort's set-up
 * costs more than the sorting.
 */
export function sortHits(hits: Hit[]): Hit[] {
  for (let i = 1; i < hits.length; i++) {
    const hit = hits[i] as Hit;
    let j = i - 1;
    while (j >= 0 && before(hit, hits[j] as Hit)) {
      hits[j + 1] = hits[j] as Hit;
      j--;
    }
    hits[j + 1] = hit;
  }
  return hits;
}

function toHit(
  rule: TableRule,
  match: RuleMatch,
  order: number,
  common: Readonly<Record<string, string>>,
  catalog: FindingsCatalog,
  locale: VerdictLocale,
): Hit {
  const params: Record<string, string> = { ...match.params, token: match.evidence.value };
  const reasonClass = params['reasonClass'] as CompauthReasonClass | undefined;
  if (reasonClass !== undefined && reasonClass in catalog.compauthMeanings) {
    params['meaning'] = catalog.compauthMeanings[reasonClass];
  }
  const finding: Finding = {
    code: rule.code,
    severity: rule.severity,
    causeKind: rule.cause,
    layer: rule.layer,
    evidence: match.evidence,
    explanation: fillTemplate(isFamilyRule(rule) ? rule.text[locale] : catalog.findings[rule.code], params, common),
    params,
  };
  return { rule, match, params, common, finding, order };
}

/** Values any text may name; a rule's own params override them. */
function commonParams(ctx: RuleContext, catalog: FindingsCatalog): Record<string, string> {
  const { facts, derived } = ctx;
  const unknown = catalog.values.unknown;
  const sa = facts.spamAssassin;
  const r = facts.rspamd;
  return {
    entry: senderEntry(ctx) ?? catalog.values.theSender,
    domain: derived.senderDomain ?? unknown,
    ip: derived.senderIp ?? unknown,
    scl: facts.microsoft.orgScl !== undefined && derived.configuredSfv !== undefined
      ? String(facts.microsoft.orgScl.value)
      : facts.forefront?.scl === undefined ? unknown : String(facts.forefront.scl),
    bcl: facts.microsoft.bcl === undefined ? unknown : String(facts.microsoft.bcl.level),
    threshold: r?.threshold !== undefined && facts.microsoft.bcl === undefined ? formatScore(r.threshold) : String(ctx.bulkThreshold),
    cat: facts.forefront?.cat ?? unknown,
    selector: unknown,
    action: r?.action?.value ?? unknown,
    reason: unknown,
    result: unknown,
    score: sa?.score !== undefined ? formatScore(sa.score) : r?.score !== undefined ? formatScore(r.score) : unknown,
    required: sa?.required !== undefined ? formatScore(sa.required) : unknown,
    tests: '-',
    symbols: '-',
  };
}
