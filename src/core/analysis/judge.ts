/**
 * judge: decoded facts + tenant context in, the verdict out. Pure and synchronous.
 * Picks the primary cause (the highest-priority `cause` finding), lists the others as
 * contributing, derives the category and assessment, and writes the recommendations,
 * all in the requested locale.
 */
import type { Cause, Recommendation, Verdict } from '../../contracts/verdict';
import type { FindingsCatalog } from '../../i18n/findings';
import { DEFAULT_FINDINGS_LOCALE, fillTemplate, findingsCatalog } from '../../i18n/findings';
import type { BodyFacts, DecodedFacts } from './types';
import type { AnalyzeOptions } from './options';
import type { RuleContext } from './rules/rule-types';
import { DEFAULT_BULK_THRESHOLD } from './rules/rule-types';
import { deriveFacts } from './derive';
import { outcomeOf } from './outcome';
import { runRules, type Hit } from './hits';
import { absentEvidence, assessmentOf, categoryOf } from './category';
import { summarizeFacts } from './verdict-facts';

export function judge(facts: DecodedFacts, options: AnalyzeOptions = {}): Verdict {
  const locale = options.locale ?? DEFAULT_FINDINGS_LOCALE;
  const catalog = findingsCatalog(locale);
  const ctx = buildContext(facts, options);
  const hits = runRules(ctx, catalog);
  const then = outcomeOf(facts);
  const causes = hits.filter((h) => h.rule.role === 'cause');
  // Delivered to the inbox: nothing blocked it, whatever the filters noted.
  const blocked = then.blocked ?? causes.length > 0;
  const primaryHit = blocked ? causes[0] : undefined;

  const primaryKind = primaryHit?.rule.cause ?? 'undetermined';
  const category = categoryOf(hits, primaryKind, ctx.derived);
  const absent = category === 'undetermined' || (blocked && primaryHit === undefined)
    ? absentEvidence(facts, hits) : [];
  const absentText = absent.join(', ');

  const verdict: Verdict = {
    schemaVersion: 1,
    locale,
    category,
    absentEvidence: absent,
    blocked,
    assessment: {
      kind: assessmentOf(blocked, category, primaryKind),
      explanation: '',
    },
    then: {
      action: then.action,
      explanation: catalog.outcomes[then.action],
    },
    primaryCause: primaryHit
      ? causeOf(primaryHit)
      : {
          kind: 'undetermined',
          layer: 'none',
          findingCode: null,
          explanation: blocked ? fillTemplate(catalog.causes.unexplained, { absent: absentText }) : catalog.causes.notBlocked,
        },
    contributingCauses: hits
      .filter((h) => h !== primaryHit && h.rule.role !== 'info' && h.rule.cause !== null)
      .map(causeOf),
    findings: hits.map((h) => h.finding),
    recommendations: recommendationsOf(
      hits,
      primaryHit,
      blocked,
      catalog,
      category === 'undetermined' && (blocked || !hasVerdictHeader(facts)) ? absentText : undefined,
    ),
    facts: summarizeFacts(facts, ctx.derived, catalog, options.body),
    problems: [...facts.problems, ...(options.body?.problems ?? [])],
    problemsOmitted: facts.problemsOmitted,
  };
  verdict.assessment.explanation = fillTemplate(catalog.assessments[verdict.assessment.kind], {
    category: catalog.categories[category],
    absent: absentText,
  });
  if (then.evidence !== undefined) verdict.then.evidence = then.evidence;
  if (options.lists?.now !== undefined) verdict.now = { ...options.lists.now };
  return verdict;
}

function buildContext(facts: DecodedFacts, options: AnalyzeOptions): RuleContext {
  const configured = options.tenant?.bulkThreshold;
  const valid = configured !== undefined && Number.isInteger(configured) && configured >= 1 && configured <= 9;
  const ctx: RuleContext = {
    facts,
    bulkThreshold: valid ? configured : DEFAULT_BULK_THRESHOLD,
    bulkThresholdConfigured: valid,
    acceptedDomains: new Set((options.tenant?.acceptedDomains ?? []).map((d) => d.trim().toLowerCase())),
    derived: deriveFacts(facts),
  };
  const body: BodyFacts | undefined = options.body;
  if (body !== undefined) ctx.body = body;
  return ctx;
}

/** Did any filter stamp its verdict header at all (even an unreadable one)? */
function hasVerdictHeader(facts: DecodedFacts): boolean {
  return facts.forefront !== undefined || facts.spamAssassin !== undefined || facts.rspamd !== undefined;
}

function causeOf(hit: Hit): Cause {
  const cause: Cause = {
    kind: hit.rule.cause ?? 'undetermined',
    layer: hit.rule.layer,
    findingCode: hit.rule.code,
    explanation: hit.finding.explanation,
  };
  if (hit.match.setting !== undefined) cause.setting = hit.match.setting;
  return cause;
}

/** The primary cause's fix first, then the others in finding order; identical texts once. */
function recommendationsOf(
  hits: readonly Hit[],
  primary: Hit | undefined,
  blocked: boolean,
  catalog: FindingsCatalog,
  absentWhenUndetermined: string | undefined,
): Recommendation[] {
  const ordered = primary === undefined ? hits : [primary, ...hits.filter((h) => h !== primary)];
  const out: Recommendation[] = [];
  for (const hit of ordered) {
    const code = hit.rule.recommendation;
    if (code === undefined) continue;
    // Nothing was blocked: fixes for a block do not apply, only advice about allows does.
    if (!blocked && hit.rule.role !== 'info') continue;
    const supersededBy = hit.rule.recommendationSupersededBy;
    if (supersededBy !== undefined && hits.some((h) => supersededBy.includes(h.rule.code))) continue;
    const text = fillTemplate(catalog.recommendations[code], hit.params, hit.common);
    // Identical advice once. Different codes never read alike (the catalog test checks), so
    // texts are compared only within a code: a cheap check first, no hashing of every text.
    if (out.some((r) => r.code === code && r.text === text)) continue;
    const rec: Recommendation = { code, findingCode: hit.rule.code, text };
    if (hit.match.setting !== undefined) rec.setting = hit.match.setting;
    out.push(rec);
  }
  if (absentWhenUndetermined !== undefined && primary === undefined) {
    out.push({
      code: 'REC_COLLECT_HEADERS',
      findingCode: 'UNDETERMINED',
      text: fillTemplate(catalog.recommendations.REC_COLLECT_HEADERS, { absent: absentWhenUndetermined }),
    });
  }
  return out;
}
