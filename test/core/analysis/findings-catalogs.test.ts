/**
 * The verdict catalogs: the type makes a missing key a compile error; this checks what the
 * type cannot: the same placeholders in every locale, and real translations.
 */
import { FINDINGS_CATALOGS, fillTemplate, placeholdersOf } from '../../../src/i18n/findings';
import { VERDICT_LOCALES } from '../../../src/contracts/verdict';

type Texts = { [key: string]: string | Texts };

function flatten(texts: Texts, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(texts)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const english = flatten(FINDINGS_CATALOGS['en-US'] as unknown as Texts);

/** Words that are the same in every language (product names, codes, "Spam"). */
const SAME_EVERYWHERE = new Set(['Spam', 'Malware', 'Phishing', 'SpamAssassin', 'Rspamd', 'info', 'transport']);

describe.each(VERDICT_LOCALES.filter((l) => l !== 'en-US'))('%s', (locale) => {
  const texts = flatten(FINDINGS_CATALOGS[locale] as unknown as Texts);

  test('has exactly the keys of en-US', () => {
    expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
  });

  test('uses the same placeholders as en-US in every text', () => {
    for (const [key, en] of english) expect([key, placeholdersOf(texts.get(key) ?? '')]).toEqual([key, placeholdersOf(en)]);
  });

  test('is translated, not copied', () => {
    const copied = [...english].filter(([key, en]) => texts.get(key) === en && !SAME_EVERYWHERE.has(en)).map(([key]) => key);
    expect(copied).toEqual([]);
  });
});

test('fillTemplate fills known placeholders and leaves unknown ones visible', () => {
  expect(fillTemplate('BCL {bcl} at {threshold}; {missing}', { bcl: '6', threshold: '5' })).toBe('BCL 6 at 5; {missing}');
  expect(fillTemplate('@{Remove="{entry}"}', { entry: 'a@example.com' })).toBe('@{Remove="a@example.com"}');
});

// The judge compares recommendation texts only within one code when it drops repeated advice,
// which is right only while no two codes read alike.
test.each(VERDICT_LOCALES)('no two recommendations read alike in %s', (locale) => {
  const texts = Object.values(FINDINGS_CATALOGS[locale].recommendations);
  expect(new Set(texts).size).toBe(texts.length);
});
