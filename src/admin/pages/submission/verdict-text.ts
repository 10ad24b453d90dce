/**
 * A verdict's sentences in the page's language. A verdict is written in the language it was
 * analysed in; when the admin reads it in another, each sentence is made again from the
 * finding's stable code and parameters with the shared findings catalog. A sentence the
 * catalog has no template for (a vendor family's own text) keeps the stored wording.
 */
import type { Verdict } from '../../../contracts/verdict';
import { fillTemplate, findingsCatalog } from '../../../i18n/findings';
import type { PortalLocale } from '../../../i18n/portal';

type Texts = Readonly<Record<string, string | undefined>>;

export function localizeVerdict(verdict: Verdict, locale: PortalLocale): Verdict {
  if (verdict.locale === locale) return verdict;
  const catalog = findingsCatalog(locale);
  const findings = catalog.findings as Texts;
  const recommendations = catalog.recommendations as Texts;
  const paramsOf = new Map(verdict.findings.map((f) => [f.code, f.params]));
  const findingText = (code: string | null, stored: string) => {
    if (code === null) return stored;
    const template = findings[code];
    return template === undefined ? stored : fillTemplate(template, paramsOf.get(code) ?? {});
  };
  const absent = verdict.absentEvidence.join(', ');
  return {
    ...verdict,
    locale,
    assessment: {
      kind: verdict.assessment.kind,
      explanation: fillTemplate(catalog.assessments[verdict.assessment.kind], { category: catalog.categories[verdict.category], absent }),
    },
    then: { ...verdict.then, explanation: catalog.outcomes[verdict.then.action] },
    primaryCause: { ...verdict.primaryCause, explanation: findingText(verdict.primaryCause.findingCode, verdict.primaryCause.explanation) },
    contributingCauses: verdict.contributingCauses.map((c) => ({ ...c, explanation: findingText(c.findingCode, c.explanation) })),
    findings: verdict.findings.map((f) => ({ ...f, explanation: findingText(f.code, f.explanation) })),
    recommendations: verdict.recommendations.map((r) => {
      const template = recommendations[r.code];
      return template === undefined ? r : { ...r, text: fillTemplate(template, paramsOf.get(r.findingCode) ?? {}) };
    }),
  };
}

/** True when a stored result looks like a verdict this page can draw. */
export function isVerdict(value: unknown): value is Verdict {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Verdict>;
  return v.schemaVersion === 1 && typeof v.category === 'string' && Array.isArray(v.findings) && typeof v.primaryCause === 'object';
}
