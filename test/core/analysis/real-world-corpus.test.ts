/**
 * The public real-world corpus (test/fixtures/real-world): header blocks people posted in
 * mailing-list archives, issue threads and test data, each with the category and primary
 * cause an admin would give. At least 95 % must come out right; every family named in
 * SOURCES.md must be represented.
 */
import path from 'node:path';
import { loadCorpus, scoreCorpus } from '../../fixtures/real-world/corpus';

const cases = loadCorpus(path.join(__dirname, '..', '..', 'fixtures', 'real-world'));

const REQUIRED_FAMILIES = [
  'exchange-online-delivery',
  'eop-connection-filter-allow',
  'eop-outbound',
  'proofpoint',
  'proton',
  'rspamd-haraka-wildduck',
  'rspamd-default',
  'stalwart',
  'barracuda',
  'google',
  'spamassassin',
];

describe('the public real-world corpus', () => {
  test('holds at least 60 cases with a source and a redistribution basis each, every family represented', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const { name, meta } of cases) {
      expect({ name, source: meta.source.length > 0, redistribution: meta.redistribution.length > 0 }).toEqual({ name, source: true, redistribution: true });
    }
    const families = new Set(cases.map((c) => c.meta.family));
    for (const family of REQUIRED_FAMILIES) expect({ family, present: families.has(family) }).toEqual({ family, present: true });
  });

  test('at least 95 % get the category and the primary cause right', () => {
    const { right, wrong } = scoreCorpus(cases);
    const accuracy = right / cases.length;
    process.stdout.write(`real-world corpus: ${right}/${cases.length} right (${(accuracy * 100).toFixed(1)} %)\n${wrong.map((w) => `  ${w}`).join('\n')}\n`);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
