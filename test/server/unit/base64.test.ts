import fc from 'fast-check';
import { decodeBase64Strict } from '../../../src/server/services/base64';
import { ServiceError } from '../../../src/server/services/errors';

describe('strict base64', () => {
  test('every buffer round-trips, with or without MIME line breaks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(Buffer.compare(decodeBase64Strict(text, 'm'), Buffer.from(bytes))).toBe(0);
        const wrapped = text.replace(/.{1,76}/g, '$&\r\n');
        expect(Buffer.compare(decodeBase64Strict(wrapped, 'm'), Buffer.from(bytes))).toBe(0);
      }),
    );
  });

  test.each(['abc', 'ab!d', 'ab-_', 'a===', '=abc', 'ab=c', 'abc=abcd', 'YWJj ZGVm', 'ä123'])('%j is refused', (text) => {
    expect(() => decodeBase64Strict(text, 'message')).toThrow(ServiceError);
    expect(() => decodeBase64Strict(text, 'message')).toThrow('message is not valid base64');
  });

  test('any single foreign character inside valid base64 is refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 3, maxLength: 60 }), fc.nat(), fc.constantFrom('!', '-', '_', '=', ' ', '.', 'é', '\t'), (bytes, at, bad) => {
        const text = Buffer.from(bytes).toString('base64');
        const i = at % text.length;
        const broken = text.slice(0, i) + bad + text.slice(i + 1);
        // '=' in one of the last two places can make another valid text ("AAAA" → "AAA=").
        fc.pre(broken !== text && !(bad === '=' && i >= text.length - 2));
        expect(() => decodeBase64Strict(broken, 'm')).toThrow(ServiceError);
      }),
    );
  });
});
