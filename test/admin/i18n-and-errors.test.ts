/**
 * The portal's languages: the same keys in every catalog (the compiler checks the type; this
 * checks that no text is empty), the browser's language picked, and server errors shown in the
 * page's language by their code, never in the server's English.
 */
import { ApiError, NetworkError, describeError } from '../../src/admin/api/errors';
import { PORTAL_CATALOGS, PORTAL_LOCALES, errorText, pickPortalLocale } from '../../src/i18n/portal';
import { LIST_ERROR_CODES } from '../../src/contracts/lists';

type Tree = { [key: string]: unknown };

function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const [k, v] of leaves(value as Tree, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

describe('portal catalogs', () => {
  const reference = leaves(PORTAL_CATALOGS['en-US'] as unknown as Tree);

  test.each(PORTAL_LOCALES)('%s has every text, none empty, functions where en-US has them', (locale) => {
    const catalog = leaves(PORTAL_CATALOGS[locale] as unknown as Tree);
    expect([...catalog.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [key, value] of catalog) {
      expect(typeof value).toBe(typeof reference.get(key));
      if (typeof value === 'string') expect(value.trim()).not.toBe('');
      if (typeof value === 'function') expect(String((value as (...a: unknown[]) => unknown)(2, 'x', 'y')).trim()).not.toBe('');
    }
  });

  test('every list error code has words in every language', () => {
    for (const locale of PORTAL_LOCALES) for (const code of LIST_ERROR_CODES) expect(errorText(PORTAL_CATALOGS[locale], code)).toBeTruthy();
  });

  test("the browser's languages choose the catalog: exact tag, then language, then English", () => {
    expect(pickPortalLocale(['da-DK', 'en-US'])).toBe('da-DK');
    expect(pickPortalLocale(['fr-CA'])).toBe('fr-FR');
    expect(pickPortalLocale(['de-DE', 'da'])).toBe('da-DK');
    expect(pickPortalLocale(['de-DE', 'ja'])).toBe('en-US');
    expect(pickPortalLocale([])).toBe('en-US');
  });
});

describe('server errors in the page language', () => {
  const english = 'a sentence the server wrote in English';
  const refused = (code: string, errors?: Array<{ code: string; message: string }>) =>
    new ApiError(409, code, { statusCode: 409, error: 'Conflict', message: english, code, ...(errors ? { errors } : {}) });

  test('a known code reads from the catalog', () => {
    expect(describeError(PORTAL_CATALOGS['da-DK'], refused('duplicate'))).toBe('Der findes allerede en post for denne værdi.');
    expect(describeError(PORTAL_CATALOGS['fr-FR'], refused('duplicate'))).toBe('Une entrée existe déjà pour cette valeur.');
  });

  test('an unknown code gets the generic sentence with the code, never the server\'s words', () => {
    for (const locale of PORTAL_LOCALES) {
      const text = describeError(PORTAL_CATALOGS[locale], refused('somethingNew'));
      expect(text).toContain('somethingNew');
      expect(text).not.toContain(english);
    }
    expect(describeError(PORTAL_CATALOGS['da-DK'], refused('somethingNew'))).toBe('Noget gik galt (somethingNew).');
  });

  test('several reasons are each said once', () => {
    const error = refused('duplicate', [
      { code: 'duplicate', message: english },
      { code: 'noteTooLong', message: english },
    ]);
    expect(describeError(PORTAL_CATALOGS['en-US'], error)).toBe('An entry for this value already exists. The note is too long.');
  });

  test('no answer at all, and anything else', () => {
    expect(describeError(PORTAL_CATALOGS['fr-FR'], new NetworkError('fetch failed'))).toBe(PORTAL_CATALOGS['fr-FR'].errors.network);
    expect(describeError(PORTAL_CATALOGS['da-DK'], new Error(english))).toBe('Noget gik galt.');
  });
});
