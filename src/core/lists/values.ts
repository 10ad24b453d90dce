/**
 * List values: email addresses and domains, validated and normalised to ONE form so that
 * `User@Bücher.example` and `user@xn--bcher-kva.example` are the same entry and match the
 * same senders.
 *
 * The one form:
 * - domains are IDNA A-labels (punycode) from UTS #46 processing (tr46 `toASCII`,
 *   non-transitional, STD3 rules, DNS lengths), which also folds case and full-width forms;
 * - the local part is Unicode NFC, lower-cased. RFC 5321 lets a server treat local parts as
 *   case-sensitive, but Exchange Online and practically every mailbox provider do not, and a
 *   list that missed `Bob@` because it holds `bob@` would surprise everyone;
 * - a quoted local part is unquoted when its content is a plain dot-atom (`"bob"@x` is
 *   `bob@x`), otherwise kept in canonical quoted form.
 *
 * Syntax comes from the `email-addresses` parser (RFC 5322, with RFC 6532 UTF-8), plus the
 * RFC 5321 size limits: local part 64 octets, domain 255 octets, whole address 320.
 */
import emailAddresses from 'email-addresses';
import { toASCII, toUnicode } from 'tr46';
import { listErrors, fail, ok, type Result } from './errors';

export const MAX_LOCAL_OCTETS = 64;
export const MAX_DOMAIN_OCTETS = 255;
export const MAX_ADDRESS_LENGTH = 320;
/** Inputs longer than this are refused before any parser sees them. */
const MAX_RAW_INPUT = 1024;

export type ParsedListValue =
  | { kind: 'address'; value: string; local: string; domain: string }
  | { kind: 'domain'; value: string; domain: string; wildcard: boolean };

const UTS46 = {
  checkBidi: true,
  checkHyphens: true,
  checkJoiners: true,
  useSTD3ASCIIRules: true,
  verifyDNSLength: true,
  transitionalProcessing: false,
} as const;

/** C0/C1 controls, line/paragraph separators and bidi overrides (which make text display
 * differently from what it is). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what we look for
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** RFC 6532 atext: RFC 5322 atext plus any non-ASCII character. */
const ATEXT_UTF8 = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\u{10FFFF}-]";
const DOT_ATOM_UTF8 = new RegExp(`^${ATEXT_UTF8}+(?:\\.${ATEXT_UTF8}+)*$`, 'u');

/** Octets in UTF-8 (RFC 5321 limits are in octets). No Buffer: core also runs in browsers. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

export function hasControlCharacters(s: string): boolean {
  return CONTROL.test(s);
}

/**
 * A domain in the one form, or an error. Accepts Unicode or punycode, any case, one
 * trailing dot. Refuses address literals, IP addresses and single-label names: none of
 * them identify a sender's organisation.
 */
export function normaliseDomain(raw: string): Result<string> {
  let input = raw.trim();
  if (input.length === 0) return fail(listErrors.invalidSyntax('the domain is empty'));
  if (input.length > MAX_RAW_INPUT || hasControlCharacters(input)) {
    return fail(listErrors.invalidSyntax('the domain contains characters that are not allowed'));
  }
  if (input.startsWith('[')) return fail(listErrors.invalidSyntax('address literals such as [192.0.2.1] are not supported'));
  if (input.endsWith('.')) input = input.slice(0, -1);
  const ascii = toASCII(input, UTS46);
  if (ascii === null || ascii.length === 0) {
    return fail(listErrors.invalidSyntax('the domain is not a valid host name'));
  }
  if (utf8Length(ascii) > MAX_DOMAIN_OCTETS) return fail(listErrors.domainTooLong());
  const labels = ascii.split('.');
  if (labels.length < 2) return fail(listErrors.invalidSyntax('the domain needs at least two labels, such as example.com'));
  const tld = labels[labels.length - 1] ?? '';
  if (/^[0-9]+$/.test(tld)) return fail(listErrors.invalidSyntax('IP addresses are not supported'));
  return ok(ascii);
}

/** The local part in the one form: NFC, lower case, unquoted when it can be. */
function canonicalLocalPart(semantic: string): string {
  const folded = semantic.normalize('NFC').toLowerCase().normalize('NFC');
  if (DOT_ATOM_UTF8.test(folded)) return folded;
  return `"${folded.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export function normaliseAddress(raw: string): Result<{ value: string; local: string; domain: string }> {
  const input = raw.trim();
  if (input.length === 0) return fail(listErrors.invalidSyntax('the address is empty'));
  if (input.length > MAX_RAW_INPUT || hasControlCharacters(input)) {
    return fail(listErrors.invalidSyntax('the address contains characters that are not allowed'));
  }
  const parsed = emailAddresses.parseOneAddress({ input, rfc6532: true });
  if (parsed === null || parsed.type !== 'mailbox') {
    return fail(listErrors.invalidSyntax('it does not follow RFC 5322 address syntax'));
  }
  // A bare address only: no display name, no <angle brackets>, no (comments).
  if (parsed.name !== null || parsed.parts.comments.length > 0 || input.includes('<')) {
    return fail(listErrors.invalidSyntax('give the bare address, without a name, <brackets> or (comments)'));
  }
  const domain = normaliseDomain(parsed.domain);
  if (!domain.ok) return domain;
  const local = canonicalLocalPart(parsed.local);
  if (local.length === 0 || local === '""') return fail(listErrors.invalidSyntax('the part before @ is empty'));
  if (utf8Length(local) > MAX_LOCAL_OCTETS) return fail(listErrors.localPartTooLong());
  const value = `${local}@${domain.value}`;
  if (value.length > MAX_ADDRESS_LENGTH) return fail(listErrors.addressTooLong());
  return ok({ value, local, domain: domain.value });
}

/**
 * Any list value: an address, a domain, `@domain` (the way Outlook shows domain entries)
 * or `*.domain` (the domain and all its subdomains, as in the Tenant Allow/Block List).
 * Whether a wildcard may be used is the caller's rule, not a syntax question.
 */
export function parseListValue(raw: string): Result<ParsedListValue> {
  const input = raw.trim();
  if (input.length > MAX_RAW_INPUT) return fail(listErrors.addressTooLong());
  if (input.startsWith('*.')) {
    const domain = normaliseDomain(input.slice(2));
    if (!domain.ok) return domain;
    return ok({ kind: 'domain', value: `*.${domain.value}`, domain: domain.value, wildcard: true });
  }
  const at = input.lastIndexOf('@');
  if (at === 0) {
    const domain = normaliseDomain(input.slice(1));
    if (!domain.ok) return domain;
    return ok({ kind: 'domain', value: domain.value, domain: domain.value, wildcard: false });
  }
  if (at > 0) {
    const address = normaliseAddress(input);
    if (!address.ok) return address;
    return ok({ kind: 'address', ...address.value });
  }
  const domain = normaliseDomain(input);
  if (!domain.ok) return domain;
  return ok({ kind: 'domain', value: domain.value, domain: domain.value, wildcard: false });
}

/** A normalised value with its domain in Unicode, for showing to people. */
export function displayValue(value: string): string {
  const at = value.lastIndexOf('@');
  const prefix = value.startsWith('*.') ? '*.' : '';
  const head = at >= 0 ? value.slice(0, at + 1) : prefix;
  const domain = at >= 0 ? value.slice(at + 1) : value.slice(prefix.length);
  const unicode = toUnicode(domain, UTS46);
  return head + (unicode.error ? domain : unicode.domain);
}
