/**
 * A filter family: the headers one product writes, how to read them, and what they mean.
 * Adding the next gateway or filter is a decoder (headers in, the family's facts and a
 * FilterVerdict out) and, when it has findings of its own beyond "it flagged / passed /
 * quarantined", a rules file with their texts in every locale. The judge needs nothing else:
 * the generic filter rules (rules/filter-verdict-rules.ts) name the filter and quote its
 * evidence from the FilterVerdict alone, inside the boundary or as a claim outside it.
 */
import type { VerdictLocale } from '../../../contracts/verdict';
import type { ProblemLog } from '../problem-log';
import type { FilterVerdict, HeaderField } from '../types';
import type { Rule, RuleContext } from '../rules/rule-types';

/** One text in every locale the verdict speaks: a missing language is a compile error. */
export type LocalizedText = Readonly<Record<VerdictLocale, string>>;

export interface FilterFamily<F = unknown> {
  /** Stable id (`proofpoint`); also the `needs` of its rules. */
  id: string;
  /** The product's name as admins know it. */
  filter: string;
  /** The lower-cased header names it reads. */
  headers: readonly string[];
  /**
   * Reads the family's fields: every field it names from one side of the boundary, newest
   * first, so the newest stamp of each header wins. Undefined when they say nothing.
   */
  decode(fields: readonly HeaderField[], log: ProblemLog): F | undefined;
  /** What the filter did, in the common shape. */
  verdict(facts: F): FilterVerdict | undefined;
  /** Findings of its own, beyond the generic ones; read the facts with `familyFacts`. */
  rules?: readonly FamilyRule[];
}

/**
 * A family's own finding, with its texts beside it instead of in the shared catalogs. It runs
 * only when its family decoded something inside the boundary.
 */
export interface FamilyRule extends Pick<Rule, 'severity' | 'role' | 'cause' | 'layer' | 'priority' | 'implies' | 'allowAdvice' | 'when'> {
  /** Prefixed with the family, e.g. `PROOFPOINT_IMPOSTOR`. */
  code: string;
  text: LocalizedText;
  recommendation?: { code: string; text: LocalizedText };
}

/**
 * A family with its facts' type erased, for the registry: the decoder's facts only ever go
 * back to the same family's `verdict` and rules, so the cast inside is sound.
 */
export function registered<F>(family: FilterFamily<F>): FilterFamily<unknown> {
  return { ...family, verdict: (facts: unknown) => family.verdict(facts as F) };
}

/** The facts family `id` decoded inside the boundary, if any. */
export function familyFacts<F>(ctx: RuleContext, id: string): F | undefined {
  return ctx.facts.families.get(id) as F | undefined;
}
