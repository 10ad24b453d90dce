import fc from 'fast-check';
import { BOM, generateExchangeScript, psLiteral, type ExportableTenantEntry } from '../../../src/core/exports';
import { parseListValue } from '../../../src/core/lists';
import { NOW, daysFromNow, entry } from '../lists/fixtures';
import { LINE_SHAPES, readLiterals } from './powershell-tokens';

const tenant = (value: string, action: 'allow' | 'block', extra: Partial<ExportableTenantEntry> = {}): ExportableTenantEntry => ({
  ...entry(value, action),
  ...extra,
});

/** Lines of a script, after checking the BOM and that no other line break hides inside. */
function linesOf(script: string): string[] {
  expect(script.startsWith(BOM)).toBe(true);
  const body = script.slice(BOM.length);
  const lines = body.split('\r\n');
  for (const line of lines) {
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  }
  return lines;
}

/**
 * Every line has an allowed shape once its literals are read, and no `outside` text (the
 * hostile strings) appears anywhere but inside a literal. Returns all literal values.
 */
function checkScript(script: string, outside: readonly string[] = []): string[] {
  const literals: string[] = [];
  for (const line of linesOf(script)) {
    const read = readLiterals(line);
    expect(LINE_SHAPES.some((shape) => shape.test(read.shape))).toBe(true);
    for (const hostile of outside) expect(read.shape).not.toContain(hostile);
    literals.push(...read.literals);
  }
  return literals;
}

describe('PowerShell literals', () => {
  it.each([
    ["o'brien", "'o''brien'"],
    ['‘x’', "'‘‘x’’'"],
    ['‚‛', "'‚‚‛‛'"],
    ['$(Remove-Mailbox x) `n', "'$(Remove-Mailbox x) `n'"],
  ])('%s → %s', (value, literal) => {
    expect(psLiteral(value)).toBe(literal);
    expect(readLiterals(literal).literals).toEqual([value]);
  });

  it('refuses control characters', () => {
    expect(() => psLiteral('a\nb')).toThrow();
    expect(() => psLiteral('a\u2028b')).toThrow();
  });
});

describe('generateExchangeScript', () => {
  it('writes one command per tenant entry with the right expiry parameters', () => {
    const { script, tenantEntryCount, skipped, warnings } = generateExchangeScript({
      now: NOW,
      tenantEntries: [
        tenant('bad@example.com', 'block', { expiration: { type: 'never' }, note: 'Phish campaign' }),
        tenant('*.example.net', 'block', { expiration: { type: 'days', days: 7 } }),
        tenant('vendor@example.com', 'allow', { source: 'submission', expiration: { type: 'afterLastUsed', days: 45 } }),
        tenant('other@example.com', 'allow', { source: 'submission', expiration: { type: 'afterLastUsed', days: 10 } }),
        tenant('"bad+ attacker"@example.com', 'block', { expiration: { type: 'date', date: daysFromNow(3) } }),
        tenant('gone@example.com', 'block', { expiration: { type: 'date', date: daysFromNow(-1) } }),
      ],
      mailboxes: [{ mailbox: 'user@example.org', safeSenders: ['a@example.net', 'example.com'], blockedSenders: ['x@example.com'] }],
    });
    const lines = linesOf(script);
    expect(lines).toEqual(
      expect.arrayContaining([
        "New-TenantAllowBlockListItems -ListType Sender -Block -Entries 'bad@example.com' -NoExpiration -Notes 'Phish campaign'",
        "New-TenantAllowBlockListItems -ListType Sender -Block -Entries '*.example.net' -ExpirationDate '2025-03-08 12:00:00Z'",
        "New-TenantAllowBlockListItems -ListType Sender -Allow -Entries 'vendor@example.com' -RemoveAfter 45",
        "New-TenantAllowBlockListItems -ListType Sender -Allow -Entries 'other@example.com' -ExpirationDate '2025-03-11 12:00:00Z'",
        "New-TenantAllowBlockListItems -ListType Sender -Block -Entries '%22bad%2B%20attacker%22@example.com' -ExpirationDate '2025-03-04 12:00:00Z'",
        "Set-MailboxJunkEmailConfiguration -Identity 'user@example.org' -TrustedSendersAndDomains @{Add='a@example.net','example.com'} -BlockedSendersAndDomains @{Add='x@example.com'}",
      ]),
    );
    expect(script).not.toContain('gone@example.com');
    expect(tenantEntryCount).toBe(5);
    expect(skipped).toEqual([]);
    expect(warnings).toEqual([{ kind: 'tenantEntry', ref: expect.any(String), reason: 'removeAfterNot45' }]);
    checkScript(script);
  });

  it('splits long lists and writes removals', () => {
    const safe = Array.from({ length: 150 }, (_, i) => `s${i}@example.com`);
    const { script } = generateExchangeScript({
      now: NOW,
      tenantEntries: [],
      mailboxes: [{ mailbox: 'u@example.org', safeSenders: safe, blockedSenders: [], removeBlockedSenders: ['old@example.net'] }],
    });
    const junk = linesOf(script).filter((l) => l.startsWith('Set-Mailbox'));
    expect(junk).toHaveLength(2);
    expect(junk[0]).toContain("-BlockedSendersAndDomains @{Remove='old@example.net'}");
    expect(readLiterals(junk[1] ?? '').literals).toHaveLength(51);
    checkScript(script);
  });

  const HOSTILE = [
    "it's \"fine\"",
    '`$(Remove-Mailbox -Identity ceo@example.org -Confirm:$false)`',
    "'; Remove-Mailbox ceo@example.org; '",
    '‘; Invoke-Expression $env:X; ’',
    '‚‛‘’\'',
    '@{Add=\'x\'} <# #> # not a comment',
    '$null; exit 1',
    "\u201c double \u201d quotes \u201e",
    'ё Ђ ‚ “ ™',
  ];

  it('keeps hostile notes and addresses inside closed single-quoted literals', () => {
    const addresses = ["o'brien@example.com", 'a`b$whoami@example.com', '"$(whoami)"@example.com', '{x}|y@example.com', 'o’brien‘@example.com', '"a\'b c"@example.com', '$env.x@example.com'];
    const normalised = addresses.map((a) => {
      const v = parseListValue(a);
      if (!v.ok) throw new Error(`${a} should be a valid address`);
      return v.value.value;
    });
    const tenantEntries = normalised.flatMap((value, i) => [
      tenant(value, 'block', { note: HOSTILE[i % HOSTILE.length] ?? '' }),
      tenant(value, 'allow', { note: HOSTILE[(i + 3) % HOSTILE.length] ?? '' }),
    ]);
    const mailboxes = [
      { mailbox: "x'; Remove-Mailbox ceo@example.org -Confirm:$false; '", safeSenders: normalised, blockedSenders: HOSTILE },
      { mailbox: 'ceo’@example.org', safeSenders: [], blockedSenders: normalised },
    ];
    const { script, skipped } = generateExchangeScript({ now: NOW, tenantEntries, mailboxes });
    expect(skipped).toEqual([]);
    const literals = checkScript(script, [...HOSTILE, ...addresses, ...normalised]);
    for (const note of HOSTILE) expect(literals).toContain(note);
    for (const v of normalised.filter((v) => !v.startsWith('"'))) expect(literals).toContain(v);
    expect(literals).toContain('%22a\'b%20c%22@example.com'); // URL-encoded for the Tenant Allow/Block List
    expect(literals).toContain(mailboxes[0]?.mailbox);
  });

  it('replaces line breaks in notes and skips values that contain them', () => {
    const { script, skipped } = generateExchangeScript({
      now: NOW,
      tenantEntries: [
        tenant('a@example.com', 'block', { note: 'line one\r\nRemove-Mailbox x\u2028\u202eevil' }),
        tenant('b@example.com\nRemove-Mailbox x', 'block', { id: 'evil' }),
      ],
      mailboxes: [{ mailbox: 'u@example.org\n', safeSenders: [], blockedSenders: ['x'] }],
    });
    const literals = checkScript(script);
    expect(literals).toContain('line one  Remove-Mailbox x evil');
    expect(skipped).toEqual([
      { kind: 'tenantEntry', ref: 'evil', reason: 'controlCharacters' },
      { kind: 'mailbox', ref: '0', reason: 'controlCharacters' },
    ]);
    expect(script).not.toContain('b@example.com');
  });

  it('property: any text at all stays inside literals', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 5 }), fc.array(text, { maxLength: 5 }), text, (pairs, values, mailbox) => {
        const tenantEntries = pairs.map(([value, note], i) => tenant(value, i % 2 === 0 ? 'block' : 'allow', { note }));
        const { script } = generateExchangeScript({ now: NOW, tenantEntries, mailboxes: [{ mailbox, safeSenders: values, blockedSenders: values }] });
        checkScript(script);
      }),
      { numRuns: 200 },
    );
  });
});
