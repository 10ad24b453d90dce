import { computeHealthReport, suggestDomainEntries, entryMatchesFilter } from '../../../src/core/lists';
import { NOW, daysFromNow, entry } from './fixtures';

describe('health report', () => {
  const soon = entry('soon@example.com', 'block', { id: 'soon', expiration: { type: 'date', date: daysFromNow(6) } });
  const later = entry('later@example.com', 'block', { id: 'later', expiration: { type: 'date', date: daysFromNow(8) } });
  const oldUnused = entry('old@example.com', 'block', { id: 'old', setAt: daysFromNow(-40) });
  const oldUsedLong = entry('used@example.com', 'block', { id: 'used-long', setAt: daysFromNow(-90), lastUsed: daysFromNow(-31) });
  const oldUsedRecent = entry('recent@example.com', 'block', { id: 'recent', setAt: daysFromNow(-90), lastUsed: daysFromNow(-2) });
  const shadowed = entry('x@example.net', 'allow', { id: 'shadowed' });
  const shadowing = entry('*.example.net', 'block', { id: 'shadowing' });
  const expired = entry('gone@example.com', 'block', { id: 'gone', expiration: { type: 'date', date: daysFromNow(-1) } });

  const report = computeHealthReport({
    now: NOW,
    tenantEntries: [soon, later, oldUnused, oldUsedLong, oldUsedRecent, shadowed, shadowing, expired],
    safeSendersUsage: [
      { user: 'a@example.org', used: 922 },
      { user: 'b@example.org', used: 921 },
      { user: 'c@example.org', used: 1024 },
      { user: 'd@example.org', used: 9, limit: 10 },
    ],
  });

  it('flags entries expiring within 7 days (soonest first)', () => {
    const tomorrow = entry('t@example.com', 'block', { id: 'tomorrow', expiration: { type: 'days', days: 1 } });
    const r = computeHealthReport({ now: NOW, tenantEntries: [soon, later, tomorrow], safeSendersUsage: [] });
    expect(r.expiringSoon.map((e) => e.id)).toEqual(['tomorrow', 'soon']);
    expect(report.expiringSoon.find((e) => e.id === 'soon')?.expirationDateTime).toBe(daysFromNow(6));
  });

  it('flags entries not used for 30 days, never-used ones once 30 days old; ignores expired ones', () => {
    expect(report.unused.map((e) => e.id).sort()).toEqual(['old', 'used-long']);
  });

  it('flags allow entries shadowed by a block entry', () => {
    expect(report.shadowedAllows).toEqual([
      { allow: { id: 'shadowed', value: 'x@example.net', action: 'allow' }, block: { id: 'shadowing', value: '*.example.net', action: 'block' } },
    ]);
  });

  it('flags users at 90% or more of their Safe Senders limit', () => {
    expect(report.usersNearSafeSendersLimit).toEqual([
      { user: 'c@example.org', used: 1024, limit: 1024 },
      { user: 'a@example.org', used: 922, limit: 1024 },
      { user: 'd@example.org', used: 9, limit: 10 },
    ]);
  });

  it('is stamped with the clock it was given', () => {
    expect(report.generatedDateTime).toBe(NOW.toISOString());
  });
});

describe('domain entry suggestions', () => {
  const addresses = (domain: string, n: number) =>
    Array.from({ length: n }, (_, i) => entry(`user${i}@${domain}`, 'allow', { id: `${domain}-${i}` }));

  it('offers a domain entry at 7 allowed addresses, not at 6', () => {
    const s = suggestDomainEntries([...addresses('example.com', 7), ...addresses('example.net', 6)], { now: NOW });
    expect(s).toEqual([{ domain: 'example.com', addressCount: 7, entryIds: addresses('example.com', 7).map((e) => e.id) }]);
  });

  it('not when a domain allow exists, a block covers it, it is an own domain, or the entries expired', () => {
    const expiredOnes = addresses('example.info', 7).map((e) => ({ ...e, expiration: { type: 'date' as const, date: daysFromNow(-1) } }));
    const s = suggestDomainEntries(
      [
        ...addresses('example.com', 7),
        entry('example.com', 'allow'),
        ...addresses('example.net', 7),
        entry('*.example.net', 'block'),
        ...addresses('example.org', 7),
        ...expiredOnes,
      ],
      { now: NOW, acceptedDomains: ['example.org'] },
    );
    expect(s).toEqual([]);
  });

  it('can be asked about one domain', () => {
    const entries = [...addresses('example.com', 8), ...addresses('example.net', 7)];
    expect(suggestDomainEntries(entries, { now: NOW, forDomain: 'EXAMPLE.net' }).map((x) => x.domain)).toEqual(['example.net']);
  });
});

describe('entry list filters', () => {
  const e = { ...entry('sales@xn--bcher-kva.example', 'allow', { expiration: { type: 'days', days: 7 } }), note: 'Invoices' };

  it.each([
    [{ action: 'allow' }, true],
    [{ action: 'block' }, false],
    [{ type: 'address' }, true],
    [{ type: 'domain' }, false],
    [{ neverUsed: true }, true],
    [{ neverUsed: false }, false],
    [{ expiringWithinDays: 7 }, true],
    [{ expiringWithinDays: 6 }, false],
    [{ search: 'BÜCHER' }, true],
    [{ search: 'xn--bcher' }, true],
    [{ search: 'invoices' }, true],
    [{ search: 'nothing' }, false],
  ] as const)('%j → %s', (filter, expected) => {
    expect(entryMatchesFilter(e, filter, NOW)).toBe(expected);
  });
});
