import { CATALOGS, pickCatalog, pickLocale } from '../../src/i18n';
import { daDK } from '../../src/i18n/da-DK';
import { enUS } from '../../src/i18n/en-US';
import { frFR } from '../../src/i18n/fr-FR';

/** Every leaf of a catalog as [path, value], calling text functions with sample values. */
function leaves(catalog: object, prefix = ''): Array<[string, string]> {
  return Object.entries(catalog).flatMap(([key, value]): Array<[string, string]> => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') return [[path, value]];
    if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => unknown;
      // Text functions take numbers (counts, figures, statuses) or strings (names, reasons).
      const sample = /count|Waiting|Failed$|used|limitReached|expiryTooFar|withoutCode/i.test(path) ? 3 : 'SAMPLE';
      return [[path, String(fn(sample, sample, sample))]];
    }
    return leaves(value as object, path);
  });
}

describe('pickCatalog', () => {
  it.each([
    ['en-US', 'en-US'],
    ['da-DK', 'da-DK'],
    ['da', 'da-DK'],
    ['fr-FR', 'fr-FR'],
    ['fr-CA', 'fr-FR'],
    ['FR-fr', 'fr-FR'],
    ['en-GB', 'en-US'],
    ['de-DE', 'en-US'],
    ['', 'en-US'],
    [undefined, 'en-US'],
  ])('%s → %s', (language, locale) => {
    expect(pickLocale(language)).toBe(locale);
    expect(pickCatalog(language)).toBe(CATALOGS[locale as keyof typeof CATALOGS]);
  });
});

describe('catalogs', () => {
  const english = new Map(leaves(enUS));

  it.each([
    ['da-DK', daDK],
    ['fr-FR', frFR],
  ])('%s has exactly the en-US keys, every text non-empty', (_name, catalog) => {
    const translated = leaves(catalog);
    expect(translated.map(([path]) => path)).toEqual([...english.keys()]);
    for (const [path, text] of translated) {
      expect({ path, empty: text.trim() === '' }).toEqual({ path, empty: false });
    }
  });

  it.each([
    [
      'da-DK',
      daDK,
      ['productName', 'categories.phishing', 'categories.malware', 'pane.reportPhishing', 'pane.outboxRefused', 'review.results.phishing', 'review.results.spam', 'quarantine.reasons.spam', 'quarantine.reasons.phishing', 'quarantine.reasons.malware'],
    ],
    ['fr-FR', frFR, ['productName']],
  ])('%s is really translated', (_name, catalog, sameAsEnglish) => {
    const untranslated = leaves(catalog)
      .filter(([path, text]) => english.get(path) === text)
      .map(([path]) => path);
    expect(untranslated).toEqual(sameAsEnglish);
  });

  it('text functions put their values in', () => {
    for (const catalog of [enUS, daDK, frFR]) {
      expect(catalog.outcome.rejected('REASON')).toContain('REASON');
      expect(catalog.safeSender.added('a@b.example')).toContain('a@b.example');
      expect(catalog.pane.outboxWaiting(1)).toContain('1');
      expect(catalog.pane.outboxWaiting(4)).toContain('4');
      expect(catalog.lists.chooseAddress('a@b.example')).toContain('a@b.example');
      expect(catalog.lists.chooseDomain('b.example')).toContain('b.example');
      expect(catalog.lists.removeLabel('a@b.example')).toMatch(new RegExp(`^${catalog.lists.remove} a@b\\.example$`));
      expect(catalog.review.answeredOn('DATE')).toContain('DATE');
      expect(catalog.pane.outboxRefused('CATEGORY', 'SUBJECT', 'REASON')).toMatch(/CATEGORY.*SUBJECT.*REASON/);
      expect(catalog.serverErrors.unknown('some_code')).toContain('some_code');
      expect(catalog.serverErrors.withoutCode(502)).toContain('502');
      expect(catalog.serverErrors.limitReached(7, 9)).toMatch(/7.*9/);
      expect(catalog.serverErrors.expiryTooFar(30)).toContain('30');
      for (const list of ['safe', 'blocked'] as const) {
        expect(catalog.lists.added[list]('a@b.example')).toContain('a@b.example');
        expect(catalog.lists.removed[list]('a@b.example')).toContain('a@b.example');
        expect(catalog.lists.addFailed[list]('a@b.example', 'REASON')).toMatch(/a@b\.example.*REASON/);
        expect(catalog.lists.removeFailed[list]('a@b.example', 'REASON')).toMatch(/a@b\.example.*REASON/);
      }
    }
  });

  it('writes list counts in each language’s number format', () => {
    expect(enUS.lists.used(1000, 1024)).toBe('1,000 of 1,024 used');
    expect(daDK.lists.used(1000, 1024)).toBe('1.000 af 1.024 brugt');
    expect(frFR.lists.used(1000, 1024)).toBe('1\u202f000 sur 1\u202f024 utilisés');
  });
});
