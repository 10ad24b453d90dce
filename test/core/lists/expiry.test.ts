import {
  checkExpiration,
  defaultExpiration,
  entryExpiresAt,
  expiredEntries,
  expirationDateTime,
  isExpired,
  resolveExpiration,
} from '../../../src/core/lists';
import { DAY, NOW, daysFromNow, entry } from './fixtures';

const codes = (errs: { code: string }[]) => errs.map((e) => e.code);

describe('expiry instant', () => {
  it('never: no instant', () => {
    const e = entry('example.com', 'block', { expiration: { type: 'never' } });
    expect(expirationDateTime(e)).toBeNull();
    expect(isExpired(e, new Date(NOW.getTime() + 10_000 * DAY))).toBe(false);
  });

  it('1/7/30 days count from when the rule was set', () => {
    const e = entry('a@example.com', 'allow', { expiration: { type: 'days', days: 7 }, setAt: daysFromNow(-2) });
    expect(expirationDateTime(e)).toBe(daysFromNow(5));
    expect(isExpired(e, new Date(NOW.getTime() + 5 * DAY - 1))).toBe(false);
    expect(isExpired(e, new Date(NOW.getTime() + 5 * DAY))).toBe(true);
  });

  it('a specific date', () => {
    const e = entry('a@example.com', 'allow', { expiration: { type: 'date', date: daysFromNow(3) } });
    expect(expirationDateTime(e)).toBe(daysFromNow(3));
  });

  it('N days after last used: from the rule being set until first use, then from the last use', () => {
    const rule = { type: 'afterLastUsed', days: 45 } as const;
    const unused = entry('a@example.com', 'allow', { source: 'submission', expiration: rule, setAt: daysFromNow(-10) });
    expect(expirationDateTime(unused)).toBe(daysFromNow(35));
    const used = { ...unused, lastUsedDateTime: daysFromNow(-1) };
    expect(expirationDateTime(used)).toBe(daysFromNow(44));
    // A last use from before the rule was set does not shorten it.
    const usedBefore = { ...unused, lastUsedDateTime: daysFromNow(-30) };
    expect(expirationDateTime(usedBefore)).toBe(daysFromNow(35));
    const old = { ...unused, expirationSetDateTime: daysFromNow(-60), lastUsedDateTime: daysFromNow(-45) };
    expect(isExpired(old, NOW)).toBe(true);
    expect(isExpired({ ...old, lastUsedDateTime: daysFromNow(-44) }, NOW)).toBe(false);
  });

  it('unreadable dates: an allow entry counts as expired, a block entry does not', () => {
    const garbage = { type: 'date', date: 'not a date' } as const;
    expect(isExpired(entry('a@example.com', 'allow', { expiration: garbage }), NOW)).toBe(true);
    expect(isExpired(entry('a@example.com', 'block', { expiration: garbage }), NOW)).toBe(false);
  });

  it('expiredEntries picks what the expiry job removes', () => {
    const live = entry('a@example.com', 'block', { id: 'live' });
    const gone = entry('b@example.com', 'block', { id: 'gone', expiration: { type: 'date', date: daysFromNow(-1) } });
    expect(expiredEntries([live, gone], NOW).map((e) => e.id)).toEqual(['gone']);
  });

  it('entryExpiresAt gives a Date', () => {
    const e = entry('a@example.com', 'allow', { expiration: { type: 'days', days: 1 } });
    expect(entryExpiresAt(e)?.toISOString()).toBe(daysFromNow(1));
    expect(entryExpiresAt(entry('example.com', 'block'))).toBeNull();
  });
});

describe('expiration rules', () => {
  it('defaults: block 30 days; direct allow 30 days; submission allow 45 days after last used', () => {
    expect(defaultExpiration('block', 'direct')).toEqual({ type: 'days', days: 30 });
    expect(defaultExpiration('allow', 'direct')).toEqual({ type: 'days', days: 30 });
    expect(defaultExpiration('allow', 'submission')).toEqual({ type: 'afterLastUsed', days: 45 });
    expect(resolveExpiration({ type: 'afterLastUsed' }, 'allow', 'submission')).toEqual({ type: 'afterLastUsed', days: 45 });
  });

  it('never is for block entries only', () => {
    expect(codes(checkExpiration({ type: 'never' }, 'allow', 'submission', NOW))).toEqual(['neverExpiryBlockOnly']);
    expect(checkExpiration({ type: 'never' }, 'block', 'direct', NOW)).toEqual([]);
  });

  it('a past or present date is refused', () => {
    expect(codes(checkExpiration({ type: 'date', date: daysFromNow(-1) }, 'block', 'direct', NOW))).toEqual(['expiryInPast']);
    expect(codes(checkExpiration({ type: 'date', date: NOW.toISOString() }, 'block', 'direct', NOW))).toEqual(['expiryInPast']);
    expect(codes(checkExpiration({ type: 'date', date: 'soon' }, 'block', 'direct', NOW))).toEqual(['invalidExpiration']);
  });

  it('allow entries must expire within 30 days', () => {
    expect(checkExpiration({ type: 'date', date: daysFromNow(30) }, 'allow', 'direct', NOW)).toEqual([]);
    const tooFar = checkExpiration({ type: 'date', date: daysFromNow(31) }, 'allow', 'direct', NOW);
    expect(tooFar).toMatchObject([{ code: 'expiryTooFar', maxDays: 30, field: 'expiration' }]);
    expect(checkExpiration({ type: 'date', date: daysFromNow(200) }, 'block', 'direct', NOW)).toEqual([]);
  });

  it('the last-used rule needs a submission for allow entries', () => {
    const rule = { type: 'afterLastUsed', days: 45 } as const;
    expect(codes(checkExpiration(rule, 'allow', 'direct', NOW))).toEqual(['lastUsedRuleNeedsSubmission']);
    expect(checkExpiration(rule, 'allow', 'submission', NOW)).toEqual([]);
    expect(checkExpiration(rule, 'block', 'direct', NOW)).toEqual([]);
    expect(codes(checkExpiration({ type: 'afterLastUsed', days: 0 }, 'allow', 'submission', NOW))).toEqual(['invalidExpiration']);
  });

  it('only 1, 7 or 30 days', () => {
    const bad = { type: 'days', days: 8 } as unknown as Parameters<typeof checkExpiration>[0];
    expect(codes(checkExpiration(bad, 'block', 'direct', NOW))).toEqual(['invalidExpiration']);
  });
});
