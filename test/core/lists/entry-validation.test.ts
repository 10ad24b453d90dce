import {
  validateBulkCreate,
  validateEntryUpdate,
  validateNewEntry,
  validateUserListAdd,
  userListValueKey,
  type EntryValidationContext,
} from '../../../src/core/lists';
import { NOW, daysFromNow, entry } from './fixtures';

const baseCtx: EntryValidationContext = {
  now: NOW,
  source: 'direct',
  acceptedDomains: ['example.org', 'Bücher.example', 'mail.example.info'],
  existing: [],
};

const codesOf = (r: ReturnType<typeof validateNewEntry>) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('validateNewEntry', () => {
  it('normalises the value and fills the defaults', () => {
    const r = validateNewEntry({ value: 'Sales@Example.COM', action: 'allow', note: 'vendor invoices' }, baseCtx);
    expect(r).toEqual({
      ok: true,
      value: {
        value: 'sales@example.com',
        displayValue: 'sales@example.com',
        valueType: 'address',
        action: 'allow',
        source: 'direct',
        expiration: { type: 'days', days: 30 },
        expirationSetDateTime: NOW.toISOString(),
        expirationDateTime: daysFromNow(30),
        note: 'vendor invoices',
      },
    });
  });

  it('a submission allow gets 45 days after last used', () => {
    const r = validateNewEntry({ value: 'example.net', action: 'allow' }, { ...baseCtx, source: 'submission' });
    expect(r.ok && r.value.expiration).toEqual({ type: 'afterLastUsed', days: 45 });
    expect(r.ok && r.value.expirationDateTime).toBe(daysFromNow(45));
  });

  it('refuses invalid syntax', () => {
    expect(codesOf(validateNewEntry({ value: 'not an address@', action: 'block' }, baseCtx))).toEqual(['invalidSyntax']);
  });

  it('refuses duplicates in any spelling, per action', () => {
    const ctx = { ...baseCtx, existing: [{ value: 'sales@example.com', action: 'block' as const }] };
    expect(codesOf(validateNewEntry({ value: 'SALES@example.COM', action: 'block' }, ctx))).toEqual(['duplicate']);
    // The same value may be allowed and blocked (block wins; the health report flags it).
    expect(validateNewEntry({ value: 'sales@example.com', action: 'allow' }, ctx).ok).toBe(true);
  });

  it("refuses the organisation's own domains and their subdomains, but not addresses in them", () => {
    expect(codesOf(validateNewEntry({ value: 'example.org', action: 'allow' }, baseCtx))).toEqual(['ownAcceptedDomain']);
    expect(codesOf(validateNewEntry({ value: 'mail.example.org', action: 'block' }, baseCtx))).toEqual(['ownAcceptedDomain']);
    expect(codesOf(validateNewEntry({ value: 'xn--bcher-kva.example', action: 'block' }, baseCtx))).toEqual(['ownAcceptedDomain']);
    expect(codesOf(validateNewEntry({ value: '*.org', action: 'block' }, baseCtx))).toEqual(['invalidSyntax']);
    expect(codesOf(validateNewEntry({ value: '*.example.info', action: 'block' }, baseCtx))).toEqual(['ownAcceptedDomain']);
    expect(validateNewEntry({ value: 'ceo@example.org', action: 'block' }, baseCtx).ok).toBe(true);
  });

  it('a *.domain entry can only block', () => {
    expect(codesOf(validateNewEntry({ value: '*.example.net', action: 'allow' }, baseCtx))).toEqual(['wildcardBlockOnly']);
    expect(validateNewEntry({ value: '*.example.net', action: 'block' }, baseCtx).ok).toBe(true);
  });

  it('refuses past the per-action limit, saying how many are used', () => {
    const existing = Array.from({ length: 3 }, (_, i) => ({ value: `a${i}@example.com`, action: 'allow' as const }));
    const r = validateNewEntry({ value: 'b@example.com', action: 'allow' }, { ...baseCtx, existing, limits: { allow: 3 } });
    expect(r).toMatchObject({ ok: false, errors: [{ code: 'limitReached', used: 3, limit: 3 }] });
    expect(validateNewEntry({ value: 'b@example.com', action: 'block' }, { ...baseCtx, existing, limits: { allow: 3 } }).ok).toBe(true);
  });

  it('refuses a note over 500 characters or with control characters', () => {
    expect(validateNewEntry({ value: 'a@example.com', action: 'block', note: 'x'.repeat(500) }, baseCtx).ok).toBe(true);
    expect(codesOf(validateNewEntry({ value: 'a@example.com', action: 'block', note: 'x'.repeat(501) }, baseCtx))).toEqual([
      'noteTooLong',
    ]);
    expect(codesOf(validateNewEntry({ value: 'a@example.com', action: 'block', note: 'a\nb' }, baseCtx))).toEqual([
      'noteInvalidCharacters',
    ]);
  });

  it('reports every problem at once, each with its field', () => {
    const r = validateNewEntry(
      { value: 'bad@@example.com', action: 'allow', note: 'x'.repeat(501), expiration: { type: 'never' } },
      baseCtx,
    );
    expect(r.ok ? [] : r.errors.map((e) => [e.field, e.code])).toEqual([
      ['value', 'invalidSyntax'],
      ['note', 'noteTooLong'],
      ['expiration', 'neverExpiryBlockOnly'],
    ]);
  });

  it('refuses a past expiry date and the last-used rule on a direct allow', () => {
    expect(
      codesOf(validateNewEntry({ value: 'a@example.com', action: 'block', expiration: { type: 'date', date: daysFromNow(-1) } }, baseCtx)),
    ).toEqual(['expiryInPast']);
    expect(codesOf(validateNewEntry({ value: 'a@example.com', action: 'allow', expiration: { type: 'afterLastUsed' } }, baseCtx))).toEqual([
      'lastUsedRuleNeedsSubmission',
    ]);
  });
});

describe('validateEntryUpdate', () => {
  const stored = { ...entry('a@example.com', 'allow', { expiration: { type: 'days', days: 7 }, setAt: daysFromNow(-3) }), note: 'old' };

  it('a note-only change keeps the expiry', () => {
    const r = validateEntryUpdate(stored, { note: 'new' }, NOW);
    expect(r).toEqual({
      ok: true,
      value: { expiration: stored.expiration, expirationSetDateTime: daysFromNow(-3), expirationDateTime: daysFromNow(4), note: 'new' },
    });
  });

  it('a new rule restarts its clock now', () => {
    const r = validateEntryUpdate(stored, { expiration: { type: 'days', days: 1 } }, NOW);
    expect(r.ok && r.value.expirationDateTime).toBe(daysFromNow(1));
  });

  it('refuses a past date, never on an allow, and a long note', () => {
    const r = validateEntryUpdate(stored, { expiration: { type: 'date', date: daysFromNow(-1) }, note: 'x'.repeat(501) }, NOW);
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual(['noteTooLong', 'expiryInPast']);
    const n = validateEntryUpdate(stored, { expiration: { type: 'never' } }, NOW);
    expect(n.ok ? [] : n.errors.map((e) => e.code)).toEqual(['neverExpiryBlockOnly']);
  });
});

describe('validateBulkCreate', () => {
  it("reports each line's outcome, with duplicates and limits counted across the paste", () => {
    const text = ['a@example.com', '', '# vendors', 'A@EXAMPLE.COM', 'bad@', 'example.net', 'c@example.net'].join('\r\n');
    const ctx = { ...baseCtx, existing: [{ value: 'x@example.com', action: 'block' as const }], limits: { block: 3 } };
    const lines = validateBulkCreate({ text, action: 'block' }, ctx);
    expect(lines.map((l) => [l.line, l.input, l.result.ok ? 'ok' : l.result.errors[0]?.code])).toEqual([
      [1, 'a@example.com', 'ok'],
      [4, 'A@EXAMPLE.COM', 'duplicate'],
      [5, 'bad@', 'invalidSyntax'],
      [6, 'example.net', 'ok'],
      [7, 'c@example.net', 'limitReached'],
    ]);
  });
});

describe('user lists', () => {
  const ctx = { acceptedDomains: ['example.org'], existing: ['bob@example.com', 'example.net'] };

  it('adds a normalised address or domain', () => {
    expect(validateUserListAdd('Alice@Bücher.example', ctx)).toEqual({
      ok: true,
      value: { value: 'alice@xn--bcher-kva.example', displayValue: 'alice@bücher.example', valueType: 'address' },
    });
    expect(validateUserListAdd('@example.com', ctx)).toMatchObject({ ok: true, value: { value: 'example.com', valueType: 'domain' } });
  });

  it.each([
    ['BOB@example.com', 'duplicate'],
    ['EXAMPLE.NET', 'duplicate'],
    ['example.org', 'ownAcceptedDomain'],
    ['*.example.com', 'invalidSyntax'],
    ['bob', 'invalidSyntax'],
  ])('refuses %s with %s', (raw, code) => {
    const r = validateUserListAdd(raw, ctx);
    expect(r.ok ? null : r.errors[0]?.code).toBe(code);
  });

  it('refuses out loud at the limit (default 1,024), with used and limit', () => {
    const full = Array.from({ length: 1024 }, (_, i) => `u${i}@example.com`);
    expect(validateUserListAdd('new@example.com', { acceptedDomains: [], existing: full })).toMatchObject({
      ok: false,
      errors: [{ code: 'limitReached', used: 1024, limit: 1024, field: 'value' }],
    });
    expect(validateUserListAdd('new@example.com', { acceptedDomains: [], existing: full.slice(0, 1023) }).ok).toBe(true);
    expect(validateUserListAdd('new@example.com', { acceptedDomains: [], existing: full.slice(0, 5), limit: 5 }).ok).toBe(false);
  });

  it('any spelling finds the stored value for removal', () => {
    expect(userListValueKey('Bob@EXAMPLE.com')).toBe('bob@example.com');
    expect(userListValueKey('nope')).toBeNull();
  });
});
