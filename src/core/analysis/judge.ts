/**
 * judge: decoded facts + tenant context in, the verdict out. Pure and synchronous.
 * Picks the primary cause (the highest-priority `cause` finding of a blocked message, or the
 * allow that delivered an unblocked one), lists the others as contributing, derives the
 * category and assessment, and writes the recommendations, all in the requested locale.
 *
 * A verdict is never undetermined while a filter acted: when no detailed rule explained a
 * block, the generic filter rules name the filter that flagged it and quote its evidence.
 */
import type { Cause, Recommendation, Verdict, VerdictLocale } from '../../contracts/verdict';
import type { FindingsCatalog } from '../../i18n/findings';
import { DEFAULT_FINDINGS_LOCALE, fillTemplate, findingsCatalog } from '../../i18n/findings';
import type { BodyFacts, DecodedFacts, FilterVerdict } from './types';
import type { AnalyzeOptions } from './options';
import type { RuleContext } from './rules/rule-types';
import { DEFAULT_BULK_THRESHOLD } from './rules/rule-types';
import { deriveFacts } from './derive';
import { outcomeOf } from './outcome';
import { isFamilyRule, isScanRule, runRules, scanHits, sortHits, type Hit } from './hits';
import { freshScanFindings } from './fresh-scan/findings';
import { absentEvidence, assessmentOf, categoryOf } from './category';
import { summarizeFacts } from './verdict-facts';
import { DETAILED_FAMILIES } from './families/summaries';

const acted = (v: FilterVerdict): boolean =>
  v.flagged === true || v.action === 'reject' || v.action === 'quarantine' || v.action === 'junk' || v.list === 'block';

export function judge(facts: DecodedFacts, options: AnalyzeOptions = {}): Verdict {
  const locale = options.locale ?? DEFAULT_FINDINGS_LOCALE;
  const catalog = findingsCatalog(locale);
  const ctx = buildContext(facts, options);
  let hits = runRules(ctx, catalog, locale);
  const then = outcomeOf(facts);
  let causes = hits.filter((h) => h.rule.role === 'cause');
  if (causes.length === 0) {
    // A detailed family's filter acted, but none of its rules could say more: name it anyway.
    const unexplained = facts.filters.filter((v) => DETAILED_FAMILIES.has(v.family) && acted(v));
    if (unexplained.length > 0) {
      hits = sortHits([...hits, ...runRules({ ...ctx, genericVerdicts: unexplained }, catalog, locale, 'filters')]);
      causes = hits.filter((h) => h.rule.role === 'cause');
    }
  }
  // A fresh scan is weighed with the rest: below the headers' own filter verdicts, but it
  // names the cause when the headers cannot.
  if (options.scan !== undefined) {
    hits = sortHits([...hits, ...scanHits(freshScanFindings(options.scan, locale))]);
    causes = hits.filter((h) => h.rule.role === 'cause');
  }
  // Delivered to the inbox: nothing blocked it, whatever the filters noted.
  const blocked = then.blocked ?? causes.length > 0;
  const primaryHit = blocked ? causes[0] : hits.find((h) => h.rule.role === 'allow');

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
      .filter((h) => h !== primaryHit && (h.rule.role === 'cause' || h.rule.role === 'contributing') && h.rule.cause !== null)
      .map(causeOf),
    findings: hits.map((h) => h.finding),
    recommendations: recommendationsOf(
      hits,
      primaryHit,
      blocked,
      ctx,
      catalog,
      locale,
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
    genericVerdicts: facts.filters.filter((v) => !DETAILED_FAMILIES.has(v.family)),
    bulkThreshold: valid ? configured : DEFAULT_BULK_THRESHOLD,
    bulkThresholdConfigured: valid,
    acceptedDomains: new Set((options.tenant?.acceptedDomains ?? []).map((d) => d.trim().toLowerCase())),
    derived: deriveFacts(facts),
  };
  const body: BodyFacts | undefined = options.body;
  if (body !== undefined) ctx.body = body;
  return ctx;
}

/** Did any filter stamp its verdict header at all (even an unreadable one, or a claim)? */
function hasVerdictHeader(facts: DecodedFacts): boolean {
  return facts.forefront !== undefined || facts.spamAssassin !== undefined || facts.rspamd !== undefined
    || facts.filters.length > 0 || facts.claims.filters.length > 0;
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

/** A rule's recommendation as code and template, from the catalog or the family's own texts. */
function recommendationOf(hit: Hit, catalog: FindingsCatalog, locale: VerdictLocale): { code: string; template: string } | undefined {
  const rule = hit.rule;
  if (isScanRule(rule)) return undefined;
  if (isFamilyRule(rule)) return rule.recommendation === undefined ? undefined : { code: rule.recommendation.code, template: rule.recommendation.text[locale] };
  return rule.recommendation === undefined ? undefined : { code: rule.recommendation, template: catalog.recommendations[rule.recommendation] };
}

/**
 * The primary cause's fix first, then the others in finding order; identical texts once.
 * Advice to allow the sender (a time-limited entry, a trusted-senders list) is given only when
 * the message passed authentication at the boundary: otherwise anyone could send as the sender,
 * and the verdict says so instead (REC_NO_ALLOW_UNAUTHENTICATED).
 */
function recommendationsOf(
  hits: readonly Hit[],
  primary: Hit | undefined,
  blocked: boolean,
  ctx: RuleContext,
  catalog: FindingsCatalog,
  locale: VerdictLocale,
  absentWhenUndetermined: string | undefined,
): Recommendation[] {
  const ordered = primary === undefined ? hits : [primary, ...hits.filter((h) => h !== primary)];
  const authenticated = ctx.derived.authPassed;
  const out: Recommendation[] = [];
  const push = (rec: Recommendation): void => {
    // Identical advice once. Different codes never read alike (the catalog test checks), so
    // texts are compared only within a code: a cheap check first, no hashing of every text.
    if (!out.some((r) => r.code === rec.code && r.text === rec.text)) out.push(rec);
  };
  let allowAdvice: Hit | undefined;
  for (const hit of ordered) {
    const recommended = recommendationOf(hit, catalog, locale);
    if (recommended === undefined) continue;
    // Nothing was blocked: fixes for a block do not apply, only advice about allows does.
    if (!blocked && hit.rule.role !== 'info' && hit.rule.role !== 'allow') continue;
    const supersededBy = isFamilyRule(hit.rule) || isScanRule(hit.rule) ? undefined : hit.rule.recommendationSupersededBy;
    if (supersededBy !== undefined && hits.some((h) => (supersededBy as readonly string[]).includes(h.rule.code))) continue;
    const advice = hit.rule.allowAdvice;
    if (advice !== undefined) allowAdvice ??= hit;
    if (advice === 'itself' && !authenticated) continue;
    const rec: Recommendation = { code: recommended.code, findingCode: hit.rule.code, text: fillTemplate(recommended.template, hit.params, hit.common) };
    if (hit.match.setting !== undefined) rec.setting = hit.match.setting;
    push(rec);
  }
  // A blocked message that did not authenticate: say why allowing its sender would be unsafe,
  // whatever else is advised (an admin's first reflex for a wanted message is an allow entry).
  const subject = allowAdvice ?? primary;
  const allowInQuestion = blocked && primary !== undefined && primary.rule.cause !== 'malware' && primary.rule.cause !== 'tenantConfiguration';
  if (subject !== undefined && (authenticated ? allowAdvice !== undefined : allowInQuestion)) {
    const code = authenticated ? 'REC_TEMPORARY_ALLOW' : 'REC_NO_ALLOW_UNAUTHENTICATED';
    push({ code, findingCode: subject.rule.code, text: fillTemplate(catalog.recommendations[code], subject.params, subject.common) });
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
