/**
 * A server's refusal as the add-in keeps it (status, code, each reason with its figures) and
 * words it: from the code, in the user's language, never with the server's English message.
 */
import { ApiError } from '../../src/addin/api';
import { failedEntryText, readStoredRefusal, reasonText, refusalFrom, refusalText } from '../../src/addin/refusal';
import { LIST_ERROR_CODES } from '../../src/contracts/lists';
import { daDK } from '../../src/i18n/da-DK';
import { enUS } from '../../src/i18n/en-US';
import { frFR } from '../../src/i18n/fr-FR';

const CATALOGS = [
  ['en-US', enUS],
  ['da-DK', daDK],
  ['fr-FR', frFR],
] as const;

/** The codes of the server's error bodies the add-in can meet (besides the list codes). */
const REQUEST_CODES = [
  'validation_failed',
  'invalid_json',
  'message_or_headers_required',
  'invalid_headers',
  'invalid_message',
  'too_large',
  'unsupported_media_type',
  'quota_exceeded',
  'rate_limited',
  'overloaded',
  'invalid_token',
  'forbidden',
  'not_found',
  'no_route',
  'internal',
];

describe('refusalFrom', () => {
  it('keeps the status and the code of an error body', () => {
    expect(refusalFrom(413, { statusCode: 413, error: 'Payload Too Large', message: 'too big', code: 'too_large' })).toEqual({
      status: 413,
      code: 'too_large',
      reasons: [],
    });
  });

  it('keeps every listed reason with its figures, and nothing else of it', () => {
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      message: 'two things',
      code: 'limitReached',
      errors: [
        { code: 'limitReached', message: 'full', field: 'value', used: 1024, limit: 1024 },
        { code: 'expiryTooFar', message: 'far', field: 'expiration', maxDays: 30, extra: 'ignored' },
        { code: 'invalidSyntax', message: 'bad', used: -1, limit: 1.5 },
      ],
    };
    expect(refusalFrom(400, body)).toEqual({
      status: 400,
      code: 'limitReached',
      reasons: [
        { code: 'limitReached', used: 1024, limit: 1024 },
        { code: 'expiryTooFar', maxDays: 30 },
        { code: 'invalidSyntax' },
      ],
    });
  });

  it('has only the status when the answer was not an error body', () => {
    expect(refusalFrom(502, null)).toEqual({ status: 502, code: null, reasons: [] });
    expect(new ApiError(502, 'Bad gateway', null).refusal).toEqual({ status: 502, code: null, reasons: [] });
  });
});

describe('readStoredRefusal', () => {
  it('reads what this version stored, and anything else as a refusal without status or code', () => {
    expect(readStoredRefusal({ status: 400, code: 'invalid_headers', reasons: [] })).toEqual({ status: 400, code: 'invalid_headers', reasons: [] });
    expect(readStoredRefusal(null)).toEqual({ status: null, code: null, reasons: [] });
    expect(readStoredRefusal('body/sender must match')).toEqual({ status: null, code: null, reasons: [] });
    expect(readStoredRefusal({ status: '400', code: 7, reasons: [{ code: 'duplicate' }, 'x'] })).toEqual({
      status: null,
      code: null,
      reasons: [{ code: 'duplicate' }],
    });
  });
});

describe('refusalText', () => {
  it.each(CATALOGS)('%s has its own sentence for every code the add-in can meet', (_name, strings) => {
    const english = new Set<string>();
    for (const code of [...REQUEST_CODES, ...LIST_ERROR_CODES]) {
      const text = refusalText({ status: 400, code, reasons: [] }, strings);
      expect({ code, text: text.trim() === '' ? 'EMPTY' : 'ok', generic: text === strings.serverErrors.unknown(code) }).toEqual({ code, text: 'ok', generic: false });
      english.add(text);
    }
    // One sentence per code: none is a stand-in for another.
    expect(english.size).toBe(REQUEST_CODES.length + LIST_ERROR_CODES.length);
  });

  it('names a code it has no words for, in each language', () => {
    const refusal = { status: 400, code: 'list_frozen', reasons: [] };
    expect(refusalText(refusal, enUS)).toBe('The server refused the request (list_frozen).');
    expect(refusalText(refusal, daDK)).toBe('Serveren afviste forespørgslen (list_frozen).');
    expect(refusalText(refusal, frFR)).toBe('Le serveur a refusé la requête (list_frozen).');
  });

  it('says only that the server did not accept it when there is no code', () => {
    expect(refusalText({ status: 502, code: null, reasons: [] }, enUS)).toBe('The server did not accept it (HTTP 502).');
    expect(refusalText({ status: null, code: null, reasons: [] }, daDK)).toBe('Serveren tog ikke imod den.');
    expect(refusalText({ status: null, code: null, reasons: [] }, frFR)).toBe('Le serveur ne l’a pas accepté.');
  });

  it('uses the figures a reason carries, and the plain sentence without them', () => {
    expect(reasonText({ code: 'expiryTooFar', maxDays: 30 }, daDK)).toBe('Udløbet skal ligge inden for 30 dage.');
    expect(reasonText({ code: 'expiryTooFar', maxDays: 30 }, frFR)).toBe('L’expiration doit intervenir dans les 30 jours.');
    expect(reasonText({ code: 'expiryTooFar' }, enUS)).toBe('The expiry is too far away.');
    expect(reasonText({ code: 'limitReached', used: 1000, limit: 1000 }, frFR)).toBe(
      'La liste est pleine : 1\u202f000 entrées utilisées sur 1\u202f000. Supprimez-en d’abord une.',
    );
    expect(reasonText({ code: 'limitReached' }, enUS)).toBe('The list is full. Remove an entry first.');
  });

  it('gives every reason once, in the server’s order', () => {
    const refusal = {
      status: 400,
      code: 'noteTooLong',
      reasons: [{ code: 'noteTooLong' }, { code: 'expiryInPast' }, { code: 'noteTooLong' }],
    };
    expect(refusalText(refusal, enUS)).toBe('The note is too long. The expiry date is in the past.');
  });

  it('words an outbox entry: its refusal, or the generic sentence when its report was lost', () => {
    expect(failedEntryText({ refusal: { status: 400, code: 'invalid_message', reasons: [] } }, frFR)).toBe('Le message n’a pas pu être lu.');
    expect(failedEntryText({ refusal: null }, daDK)).toBe('Noget gik galt. Prøv igen.');
  });
});
