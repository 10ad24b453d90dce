/**
 * The verdict's text catalogs by locale, and the one way to fill their `{name}`
 * placeholders. Unknown placeholders stay visible (`{name}`) so a missing value shows up
 * in tests instead of turning into an empty string.
 */
import type { VerdictLocale } from '../../contracts/verdict';
import { enUS } from './en-US';
import { daDK } from './da-DK';
import { frFR } from './fr-FR';
import type { FindingsCatalog } from './en-US';

export type { FindingsCatalog, FindingCode, RecommendationCode } from './en-US';

export const FINDINGS_CATALOGS: Readonly<Record<VerdictLocale, FindingsCatalog>> = {
  'en-US': enUS,
  'da-DK': daDK,
  'fr-FR': frFR,
};

export const DEFAULT_FINDINGS_LOCALE: VerdictLocale = 'en-US';

export function findingsCatalog(locale: VerdictLocale): FindingsCatalog {
  return FINDINGS_CATALOGS[locale];
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

type Params = Readonly<Record<string, string>>;

/**
 * A template split once into [literal, name, literal, name, ..., literal]: the verdict
 * fills a dozen texts per message, so parsing them again each time would dominate.
 */
const compiled = new Map<string, readonly string[]>();

function compile(template: string): readonly string[] {
  let parts = compiled.get(template);
  if (parts === undefined) {
    const list: string[] = [];
    let last = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      list.push(template.slice(last, m.index), m[1] ?? '');
      last = m.index + m[0].length;
    }
    list.push(template.slice(last));
    parts = list;
    // Catalog texts are a fixed set; the guard only stops unbounded growth from callers' own templates.
    if (compiled.size < 10_000) compiled.set(template, parts);
  }
  return parts;
}

/** Fills `{name}` from the first of `params` that has it. */
export function fillTemplate(template: string, params: Params, fallback?: Params): string {
  const parts = compile(template);
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] ?? '';
    out += (params[name] ?? fallback?.[name] ?? `{${name}}`) + (parts[i + 1] ?? '');
  }
  return out;
}

/** The placeholder names a template uses (for the catalog consistency test). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort();
}
