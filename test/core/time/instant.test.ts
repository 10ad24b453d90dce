/** The one checked parse of date-times: what it takes, what it refuses, and why. */
import fc from 'fast-check';
import { isInstant, parseInstant } from '../../../src/core/time/instant';

describe('parseInstant', () => {
  test.each([
    ['2026-11-22T09:14:03Z', '2026-11-22T09:14:03.000Z'],
    ['2026-11-22t09:14:03z', '2026-11-22T09:14:03.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
    ['2026-01-01T00:00:00.123456789-00:00', '2026-01-01T00:00:00.123Z'],
  ])('takes %s as %s', (text, iso) => {
    const parsed = parseInstant(text);
    expect(parsed).toEqual({ ok: true, instant: new Date(iso) });
  });

  test.each([
    ['2026-12-31T23:59:60Z', 'leapSecond'],
    ['2026-02-29T00:00:00Z', 'outOfRange'],
    ['2026-02-30T00:00:00Z', 'outOfRange'],
    ['2026-13-01T00:00:00Z', 'outOfRange'],
    ['2026-01-01T24:00:00Z', 'outOfRange'],
    ['2026-01-01T10:00:00+24:00', 'outOfRange'],
    ['2026-01-01 10:00:00Z', 'syntax'],
    ['2026-01-01T10:00:00', 'syntax'],
    ['+275760-09-13T00:00:00Z', 'syntax'],
    ['yesterday', 'syntax'],
  ])('refuses %s (%s)', (text, problem) => {
    expect(parseInstant(text)).toEqual({ ok: false, problem });
  });

  test('every instant it takes round-trips through toISOString', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const parsed = parseInstant(date.toISOString());
        return parsed.ok && parsed.instant.getTime() === date.getTime();
      }),
    );
  });

  test('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string(), (text) => typeof isInstant(text) === 'boolean'));
  });
});
