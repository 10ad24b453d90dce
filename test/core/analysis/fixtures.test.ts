/**
 * The header corpus (test/fixtures/headers/NAME.txt + NAME.expected.json), driven by one
 * table: each set's primary cause, key findings with their evidence, category and
 * recommendations, in the forms Exchange Online, Gmail, SpamAssassin and Rspamd stamp.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { analyzeHeaders, decodeHeaders, type AnalyzeOptions } from '../../../src/core/analysis';
import { Verdict, VERDICT_LOCALES } from '../../../src/contracts/verdict';
import { SFV_VALUES } from '../../../src/core/analysis/decoders/forefront';
import { classifyCompauthReason } from '../../../src/core/analysis/decoders/compauth';

interface Expected {
  description: string;
  options?: AnalyzeOptions;
  primaryCause: string;
  primaryFinding?: string;
  category?: string;
  assessment?: string;
  blocked?: boolean;
  then?: string;
  findings?: string[];
  notFindings?: string[];
  evidence?: { code: string; header: string; value: string }[];
  recommendations?: string[];
  recommendationCount?: number;
  setting?: { name: string; entry?: string };
  contributing?: string[];
  absentEvidence?: string[];
  problems?: { header: string; problem: string }[];
  explanationIncludes?: { code: string; text: string }[];
}

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'headers');
const cases: [string, string, Expected][] = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => {
    const name = f.slice(0, -'.txt'.length);
    const text = readFileSync(path.join(DIR, f), 'utf8');
    const expected = JSON.parse(readFileSync(path.join(DIR, `${name}.expected.json`), 'utf8')) as Expected;
    return [name, text, expected];
  });

/** Unfolded text: the evidence values must appear in it exactly. */
const unfold = (text: string): string => text.replace(/\r?\n(?=[ \t])/g, '');

describe('header corpus', () => {
  test('holds at least 40 header sets, each with an expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  test('covers every SFV value, the CAT values, the compauth reason classes and BCL levels', () => {
    const sfv = new Set<string>();
    const cat = new Set<string>();
    const compauth = new Set<string>();
    const bcl = new Set<number>();
    for (const [, text] of cases) {
      const facts = decodeHeaders(text);
      if (facts.forefront?.sfv) sfv.add(facts.forefront.sfv);
      if (facts.forefront?.cat) cat.add(facts.forefront.cat);
      if (facts.auth.compauth) compauth.add(classifyCompauthReason(facts.auth.compauth.reason));
      if (facts.microsoft.bcl) bcl.add(facts.microsoft.bcl.level);
    }
    for (const v of SFV_VALUES) expect(sfv).toContain(v);
    for (const v of ['AMP', 'BULK', 'DIMP', 'FTBP', 'GIMP', 'HPHSH', 'HPHISH', 'HSPM', 'INTOS', 'MALW', 'OSPM', 'PHSH', 'SAP', 'SPM', 'SPOOF', 'UIMP']) {
      expect(cat).toContain(v);
    }
    for (const c of ['explicitFail', 'implicitFail', 'orgProhibitsSpoof', 'dmarcFailAcceptedDomain', 'arcOverride', 'pass', 'softPass', 'notChecked', 'bypassed', 'implicitFailAcceptedDomain', 'unknown']) {
      expect(compauth).toContain(c);
    }
    for (const level of [0, 4, 5, 6, 7, 8, 9]) expect(bcl).toContain(level);
  });
});

describe.each(cases)('%s', (_name, text, expected) => {
  const verdict = analyzeHeaders(text, expected.options ?? {});
  const codes = verdict.findings.map((f) => f.code);

  test('matches the expected primary cause, category and outcome', () => {
    expect(verdict.primaryCause.kind).toBe(expected.primaryCause);
    if (expected.primaryFinding !== undefined) expect(verdict.primaryCause.findingCode).toBe(expected.primaryFinding);
    if (expected.category !== undefined) expect(verdict.category).toBe(expected.category);
    if (expected.assessment !== undefined) expect(verdict.assessment.kind).toBe(expected.assessment);
    if (expected.blocked !== undefined) expect(verdict.blocked).toBe(expected.blocked);
    if (expected.then !== undefined) expect(verdict.then.action).toBe(expected.then);
    if (expected.contributing !== undefined) {
      expect(verdict.contributingCauses.map((c) => c.kind)).toEqual(expect.arrayContaining(expected.contributing));
    }
  });

  test('names the key findings with their exact evidence', () => {
    for (const code of expected.findings ?? []) expect(codes).toContain(code);
    for (const code of expected.notFindings ?? []) expect(codes).not.toContain(code);
    for (const ev of expected.evidence ?? []) {
      const finding = verdict.findings.find((f) => f.code === ev.code);
      expect(finding?.evidence).toEqual({ header: ev.header, value: ev.value });
    }
    for (const { code, text: part } of expected.explanationIncludes ?? []) {
      expect(verdict.findings.find((f) => f.code === code)?.explanation).toContain(part);
    }
    const unfolded = unfold(text);
    for (const finding of verdict.findings) {
      if (finding.evidence.header.startsWith('(')) continue;
      expect(unfolded).toContain(finding.evidence.header);
      expect(unfolded).toContain(finding.evidence.value);
    }
  });

  test('recommends concrete changes and names the setting', () => {
    const texts = verdict.recommendations.map((r) => r.text);
    for (const part of expected.recommendations ?? []) {
      expect(texts.some((t) => t.includes(part))).toBe(true);
    }
    if (expected.recommendationCount !== undefined) expect(texts).toHaveLength(expected.recommendationCount);
    if (expected.setting !== undefined) expect(verdict.primaryCause.setting).toMatchObject(expected.setting);
    if (verdict.primaryCause.kind === 'tenantConfiguration') expect(verdict.primaryCause.setting).toBeDefined();
  });

  test('says what was absent when undetermined, and what it could not read', () => {
    if (verdict.category === 'undetermined') expect(verdict.absentEvidence.length).toBeGreaterThan(0);
    if (expected.absentEvidence !== undefined) expect(verdict.absentEvidence).toEqual(expected.absentEvidence);
    for (const p of expected.problems ?? []) {
      expect(verdict.problems).toEqual(expect.arrayContaining([expect.objectContaining(p)]));
    }
    if (expected.problems === undefined) expect(verdict.problems).toEqual([]);
  });

  test('is valid verdict JSON in every locale, with every placeholder filled', () => {
    for (const locale of VERDICT_LOCALES) {
      const localized = analyzeHeaders(text, { ...expected.options, locale });
      expect(Value.Check(Verdict, localized)).toBe(true);
      expect(localized.findings.map((f) => f.code)).toEqual(codes);
      const texts = [
        localized.primaryCause.explanation,
        localized.assessment.explanation,
        localized.then.explanation,
        ...localized.findings.map((f) => f.explanation),
        ...localized.recommendations.map((r) => r.text),
      ];
      for (const t of texts) expect(t).not.toMatch(/\{[A-Za-z]+\}/);
    }
  });
});
