import fc from 'fast-check';
import {
  addressKey,
  displayValue,
  domainKey,
  normaliseAddress,
  normaliseDomain,
  parseListValue,
} from '../../../src/core/lists';

const value = (raw: string) => {
  const r = parseListValue(raw);
  return r.ok ? r.value.value : `ERR:${r.errors[0]?.code}`;
};

describe('list value normalisation', () => {
  it.each([
    ['User@Example.COM', 'user@example.com'],
    ['  user@example.com  ', 'user@example.com'],
    ['"bob"@example.com', 'bob@example.com'],
    ['"Bob Smith"@example.com', '"bob smith"@example.com'],
    ['jöse@Bücher.example', 'jöse@xn--bcher-kva.example'],
    ['user@xn--BCHER-kva.example', 'user@xn--bcher-kva.example'],
    ['Example.NET', 'example.net'],
    ['example.org.', 'example.org'],
    ['@example.org', 'example.org'],
    ['*.Example.com', '*.example.com'],
    ['ＥＸＡＭＰＬＥ．com', 'example.com'],
    ['faß.example', 'xn--fa-hia.example'],
  ])('%s → %s', (raw, expected) => {
    expect(value(raw)).toBe(expected);
  });

  it.each([
    ['', 'invalidSyntax'],
    ['user@', 'invalidSyntax'],
    ['a..b@example.com', 'invalidSyntax'],
    ['Bob <bob@example.com>', 'invalidSyntax'],
    ['bob(comment)@example.com', 'invalidSyntax'],
    ['user@[192.0.2.1]', 'invalidSyntax'],
    ['user@localhost', 'invalidSyntax'],
    ['192.0.2.1', 'invalidSyntax'],
    ['exa_mple.com', 'invalidSyntax'],
    ['-example.com', 'invalidSyntax'],
    ['user@example.com\nbcc@example.net', 'invalidSyntax'],
    ['user\u202e@example.com', 'invalidSyntax'],
    [`${'a'.repeat(65)}@example.com`, 'localPartTooLong'],
    [`${'é'.repeat(33)}@example.com`, 'localPartTooLong'],
    [`user@${'a'.repeat(64)}.com`, 'invalidSyntax'],
  ])('refuses %j with %s', (raw, code) => {
    expect(value(raw)).toBe(`ERR:${code}`);
  });

  it('accepts a local part of exactly 64 octets', () => {
    expect(value(`${'a'.repeat(64)}@example.com`)).toBe(`${'a'.repeat(64)}@example.com`);
  });

  it('refuses domains over 253 octets (DNS) and addresses over 320', () => {
    const label = 'a'.repeat(63);
    expect(normaliseDomain(`${label}.${label}.${label}.${label}.com`).ok).toBe(false);
    expect(parseListValue(`${'a'.repeat(2000)}@example.com`).ok).toBe(false);
  });

  it('shows domains in Unicode', () => {
    expect(displayValue('jöse@xn--bcher-kva.example')).toBe('jöse@bücher.example');
    expect(displayValue('*.xn--bcher-kva.example')).toBe('*.bücher.example');
    expect(displayValue('xn--bcher-kva.example')).toBe('bücher.example');
  });
});

// Labels from which both Unicode and ASCII domains are built.
const labelArb = fc.constantFrom('example', 'bücher', 'münchen', 'ελλάδα', 'mail', 'xn--bcher-kva', 'a-b', 'x1');
const domainArb = fc
  .tuple(fc.array(labelArb, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'net', 'org', 'example'))
  .map(([labels, tld]) => [...labels, tld].join('.'));
const localArb = fc.stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9._+-]{0,20}[a-zA-Z0-9])?$/).filter((s) => !s.includes('..'));

/** Randomly upper-cases characters. */
const mixCase = (s: string, seed: number[]) =>
  [...s].map((c, i) => ((seed[i % seed.length] ?? 0) % 2 === 0 ? c.toUpperCase() : c)).join('');

describe('normalisation properties', () => {
  it('case and IDN forms of a domain normalise to one value', () => {
    fc.assert(
      fc.property(domainArb, fc.array(fc.nat(), { minLength: 1 }), (domain, seed) => {
        const canonical = normaliseDomain(domain);
        if (!canonical.ok) return; // e.g. an invalid label mix; not this property's concern
        const unicode = displayValue(canonical.value);
        for (const form of [mixCase(domain, seed), canonical.value.toUpperCase(), unicode, mixCase(unicode, seed)]) {
          expect(normaliseDomain(form)).toEqual(canonical);
        }
      }),
    );
  });

  it('case and IDN forms of an address normalise to one value', () => {
    fc.assert(
      fc.property(localArb, domainArb, fc.array(fc.nat(), { minLength: 1 }), (local, domain, seed) => {
        const canonical = normaliseAddress(`${local}@${domain}`);
        if (!canonical.ok) return;
        const unicode = displayValue(canonical.value.value);
        expect(normaliseAddress(mixCase(`${local}@${domain}`, seed))).toEqual(canonical);
        expect(normaliseAddress(mixCase(unicode, seed))).toEqual(canonical);
      }),
    );
  });

  it('normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.emailAddress(), domainArb), (raw) => {
        const once = parseListValue(raw);
        if (once.ok) expect(parseListValue(once.value.value)).toEqual(once);
      }),
    );
  });

  it('the fast match keys agree with the full parser', () => {
    // Short strings over the characters that matter at the edges of the fast path.
    const edgy = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '.', '@', '_', "'", 'é', 'x', 'n', '"'), maxLength: 16 });
    const mixed = fc.tuple(fc.oneof(fc.emailAddress(), fc.domain().map((d) => `x@${d}`)), fc.array(fc.nat(), { minLength: 1 }));
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string(), edgy, mixed.map(([a, seed]) => mixCase(a, seed))), (raw) => {
        const full = normaliseAddress(raw);
        const fast = addressKey(raw);
        expect(fast).toEqual(full.ok ? { address: full.value.value, domain: full.value.domain } : null);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.domain(), fc.string(), fc.tuple(fc.domain(), fc.array(fc.nat(), { minLength: 1 })).map(([d, seed]) => mixCase(d, seed)), fc.string({ unit: fc.constantFrom('a', 'B', '1', '-', '.', 'x', 'n'), maxLength: 12 })), (raw) => {
        const full = normaliseDomain(raw);
        expect(domainKey(raw)).toBe(full.ok ? full.value : null);
      }),
      { numRuns: 1000 },
    );
  });
});
