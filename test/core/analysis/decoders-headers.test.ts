/** Unit tests of the decoders: header splitting, encoded words, authentication, Received, addresses. */
import { ProblemLog } from '../../../src/core/analysis/problem-log';
import { fieldFilter, splitHeaderFields } from '../../../src/core/analysis/header-fields';
import { decodeEncodedWords } from '../../../src/core/analysis/encoded-words';
import { parseAuthenticationResults } from '../../../src/core/analysis/decoders/auth-results';
import { classifyCompauthReason } from '../../../src/core/analysis/decoders/compauth';
import { buildReceivedChain, parseReceivedHop } from '../../../src/core/analysis/decoders/received';
import { parseMailbox } from '../../../src/core/analysis/decoders/sender';
import { findIp, isIpAddress } from '../../../src/core/net/addresses';
import { splitTopLevel, stripComments } from '../../../src/core/analysis/decoders/comments';
import { decodeHeaders } from '../../../src/core/analysis';
import type { HeaderField } from '../../../src/core/analysis';

/** Lazily decoded objects as the plain JSON they serialise to. */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x)) as unknown;

function field(raw: string): HeaderField {
  const fields = splitHeaderFields(raw, new ProblemLog());
  const first = fields[0];
  if (first === undefined) throw new Error(`no field in ${raw}`);
  return first;
}

describe('splitHeaderFields', () => {
  test('unfolds continuation lines, keeps repeats in order and stops at the body', () => {
    const log = new ProblemLog();
    const fields = splitHeaderFields(
      'Received: from a\r\n by b; Mon, 3 Feb 2025 10:00:00 +0000\r\nReceived: from c by d; Mon, 3 Feb 2025 09:59:00 +0000\r\nSubject: one\r\n\ttwo\r\n\r\nBody: not a header\r\n',
      log,
    );
    expect(fields.map((f) => [f.name, f.value])).toEqual([
      ['Received', 'from a by b; Mon, 3 Feb 2025 10:00:00 +0000'],
      ['Received', 'from c by d; Mon, 3 Feb 2025 09:59:00 +0000'],
      ['Subject', 'one\ttwo'],
    ]);
    expect(fields[2]?.folded).toBe('one\n\ttwo');
    expect(log.items).toEqual([]);
  });

  test('skips an mbox From line, a BOM and leading blank lines; accepts "Name :"', () => {
    const fields = splitHeaderFields('\ufeffFrom MAILER-DAEMON Mon Feb  3 10:00:00 2025\n\n\nSubject : hi\nX-A: 1\n', new ProblemLog());
    expect(fields.map((f) => [f.name, f.value])).toEqual([
      ['Subject', 'hi'],
      ['X-A', '1'],
    ]);
  });

  test('records lines that are not header fields, with the header name when there is one', () => {
    const log = new ProblemLog();
    const fields = splitHeaderFields(' orphan continuation\nno colon here\n  its continuation\nBad Name: x\nGood: y\n', log);
    expect(fields.map((f) => f.name)).toEqual(['Good']);
    expect(log.items.map((p) => [p.header, p.problem])).toEqual([
      ['(none)', 'continuationWithoutHeader'],
      ['(none)', 'malformedLine'],
      ['Bad Name', 'invalidHeaderName'],
    ]);
  });

  test('caps the problem list and counts the rest', () => {
    const log = new ProblemLog();
    splitHeaderFields('garbage\n'.repeat(500), log);
    expect(log.items).toHaveLength(ProblemLog.MAX_ITEMS);
    expect(log.omitted).toBe(500 - ProblemLog.MAX_ITEMS);
  });
});

describe('RFC 2047 encoded words', () => {
  test('are decoded with libmime; garbage is left readable', () => {
    const log = new ProblemLog();
    expect(decodeEncodedWords('=?utf-8?Q?Caf=C3=A9?= =?utf-8?B?b3JkZXI=?=', 'Subject', log)).toBe('Caféorder');
    expect(decodeEncodedWords('plain', 'Subject', log)).toBe('plain');
    expect(() => decodeEncodedWords('=?utf-8?B?###?= =?x?Q?', 'Subject', log)).not.toThrow();
  });

  test('decode Subject and the From display name', () => {
    const facts = decodeHeaders('From: =?iso-8859-1?Q?J=F8rgen?= <jorgen@example.com>\nSubject: =?utf-8?B?SGVqIHZlcmRlbg==?=\n');
    expect(plain(facts.sender.from)).toEqual({ address: 'jorgen@example.com', domain: 'example.com', name: 'Jørgen' });
    expect(facts.sender.subject).toBe('Hej verden');
  });
});

describe('Authentication-Results (RFC 8601)', () => {
  test('Exchange Online form: no authserv-id, bare action=, IP in a comment', () => {
    const log = new ProblemLog();
    const results = parseAuthenticationResults(
      field('Authentication-Results: spf=fail (sender IP is 203.0.113.7)\n smtp.mailfrom=example.com; dkim=none (message not signed)\n header.d=none;dmarc=fail action=oreject\n header.from=example.com;compauth=fail reason=000'),
      log,
      false,
    );
    expect(results.map((r) => [r.method, r.result, r.reason])).toEqual([
      ['spf', 'fail', undefined],
      ['dkim', 'none', undefined],
      ['dmarc', 'fail', undefined],
      ['compauth', 'fail', '000'],
    ]);
    expect(results[0]).toMatchObject({ ip: '203.0.113.7', properties: { 'smtp.mailfrom': 'example.com' }, text: 'spf=fail (sender IP is 203.0.113.7) smtp.mailfrom=example.com' });
    expect(results[2]?.properties).toEqual({ action: 'oreject', 'header.from': 'example.com' });
    expect(results[0]?.authservId).toBeUndefined();
    expect(log.items).toEqual([]);
  });

  test('Gmail form: authserv-id, several methods, policy in a comment, quoted reason', () => {
    const results = parseAuthenticationResults(
      field('Authentication-Results: mx.google.com;\n dkim=pass header.i=@example.com header.s=s1 header.b=Ab+/=;\n spf=pass (google.com: domain of a@example.com designates 2001:db8::25 as permitted sender) smtp.mailfrom=a@example.com;\n dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com; dkim/1=fail reason="bad signature" header.d=example.net'),
      new ProblemLog(),
      false,
    );
    expect(results.map((r) => r.method)).toEqual(['dkim', 'spf', 'dmarc', 'dkim']);
    expect(results[0]?.authservId).toBe('mx.google.com');
    expect(results[0]?.properties['header.b']).toBe('Ab+/=');
    expect(results[1]?.ip).toBe('2001:db8::25');
    expect(results[2]?.comment).toBe('p=REJECT sp=REJECT dis=NONE');
    expect(results[3]).toMatchObject({ result: 'fail', reason: 'bad signature' });
  });

  test('ARC form with instance and a version after the authserv-id', () => {
    const results = parseAuthenticationResults(
      field('ARC-Authentication-Results: i=2; mx.microsoft.com 1; spf=pass smtp.mailfrom=example.com; arc=pass (0 oda=1 ltdi=1)'),
      new ProblemLog(),
      true,
    );
    expect(results.map((r) => [r.method, r.result, r.instance, r.authservId])).toEqual([
      ['spf', 'pass', 2, 'mx.microsoft.com'],
      ['arc', 'pass', 2, 'mx.microsoft.com'],
    ]);
  });

  test('"none" is not a problem; garbage statements and unclosed comments are', () => {
    const log = new ProblemLog();
    expect(parseAuthenticationResults(field('Authentication-Results: mx.example.org; none'), log, false)).toEqual([]);
    expect(log.items).toEqual([]);
    parseAuthenticationResults(field('Authentication-Results: spf=pass; what is this; dkim=pass (unclosed'), log, false);
    expect(log.items.map((p) => p.problem)).toEqual(['truncated', 'unreadableValue']);
  });

  test('decodeHeaders takes each method from the top-most header (our own edge)', () => {
    const facts = decodeHeaders(
      'Authentication-Results: mx.example.org; spf=fail smtp.mailfrom=example.com\nAuthentication-Results: relay.example.net; spf=pass smtp.mailfrom=example.com; dmarc=pass header.from=example.com\n',
    );
    expect(facts.auth.spf?.result).toBe('fail');
    expect(facts.auth.dmarc?.result).toBe('pass');
    expect(facts.auth.results).toHaveLength(3);
  });
});

describe('compauth reason codes', () => {
  test.each([
    ['000', 'explicitFail'],
    ['001', 'implicitFail'],
    ['002', 'orgProhibitsSpoof'],
    ['010', 'dmarcFailAcceptedDomain'],
    ['100', 'pass'],
    ['109', 'pass'],
    ['130', 'arcOverride'],
    ['701', 'pass'],
    ['201', 'softPass'],
    ['301', 'notChecked'],
    ['405', 'bypassed'],
    ['905', 'bypassed'],
    ['601', 'implicitFailAcceptedDomain'],
    ['003', 'unknown'],
    ['501', 'unknown'],
    ['12', 'unknown'],
    [undefined, 'unknown'],
  ])('%s is %s', (reason, expected) => {
    expect(classifyCompauthReason(reason)).toBe(expected);
  });
});

describe('Received chain', () => {
  test('reads from, by, with, id, the connecting IP and the date; orders hops oldest first with delays', () => {
    const log = new ProblemLog();
    const newest = parseReceivedHop(
      field('Received: from AS9PR06CA0001.eurprd06.prod.outlook.com (2603:10a6:20b:462::12) by\n DB9PR01MB7000.eurprd01.prod.exchangelabs.com with HTTPS; Mon, 3 Feb 2025\n 10:05:00 +0000'),
      log,
    );
    const oldest = parseReceivedHop(
      field('Received: from mail.example.com (mail.example.com [203.0.113.7])\n\tby mx.example.net (Postfix) with ESMTPS id 4XyZ12\n\tfor <a@example.net>; Mon,  3 Feb 2025 10:00:00 +0000 (UTC)'),
      log,
    );
    expect(oldest).toMatchObject({ from: 'mail.example.com', by: 'mx.example.net', with: 'ESMTPS', id: '4XyZ12', ip: '203.0.113.7' });
    expect(newest.ip).toBe('2603:10a6:20b:462::12');
    const chain = buildReceivedChain([newest, oldest]);
    expect(chain.hops.map((h) => h.by)).toEqual(['mx.example.net', 'DB9PR01MB7000.eurprd01.prod.exchangelabs.com']);
    expect(chain.hops[1]?.delaySeconds).toBe(300);
    expect(chain.totalDelaySeconds).toBe(300);
    expect(log.items).toEqual([]);
  });

  test('a missing or unreadable date is recorded', () => {
    const log = new ProblemLog();
    parseReceivedHop(field('Received: from a by b'), log);
    parseReceivedHop(field('Received: from a by b; yesterday-ish'), log);
    expect(log.items.map((p) => p.problem)).toEqual(['badDate', 'badDate']);
  });
});

describe('sender addresses', () => {
  test.each([
    ['From: Jane <jane@Example.COM>', { address: 'jane@Example.COM', domain: 'example.com', name: 'Jane' }],
    ['From: jane@example.com', { address: 'jane@example.com', domain: 'example.com' }],
    ['From: "Doe, Jane" <jane@example.com>', { address: 'jane@example.com', domain: 'example.com', name: 'Doe, Jane' }],
    ['From: jane@example.com (Jane Doe)', { address: 'jane@example.com', domain: 'example.com', name: 'Jane Doe' }],
  ])('%s', (raw, expected) => {
    expect(plain(parseMailbox(field(raw), new ProblemLog()))).toEqual(expected);
  });

  test('no address at all is recorded, the null return path is not', () => {
    const log = new ProblemLog();
    expect(parseMailbox(field('Return-Path: <>'), log)).toBeUndefined();
    expect(parseMailbox(field('From: undisclosed'), log)).toBeUndefined();
    expect(log.items.map((p) => p.header)).toEqual(['From']);
  });
});

describe('lexical helpers', () => {
  test('IP detection never mistakes a time for IPv6', () => {
    expect(isIpAddress('10:00:02')).toBe(false);
    expect(isIpAddress('2001:db8::1')).toBe(true);
    expect(isIpAddress('203.0.113.256')).toBe(false);
    expect(findIp('sender IP is 198.51.100.7')).toBe('198.51.100.7');
    expect(findIp('mail.example.com. [IPv6:2001:db8::25]')).toBe('2001:db8::25');
    expect(findIp('Mon, 3 Feb 2025 10:00:02')).toBeUndefined();
  });

  test('splitTopLevel ignores separators in comments, quotes and brackets', () => {
    expect(splitTopLevel('a=1 (x; y); b="p;q"; c=[r;s]; ', ';')).toEqual({
      segments: ['a=1 (x; y)', 'b="p;q"', 'c=[r;s]'],
      unterminated: false,
    });
    expect(splitTopLevel('a (open', ';').unterminated).toBe(true);
  });

  test('stripComments handles nesting and escapes', () => {
    const { text, comments } = stripComments('spf=pass (a (nested) \\) b) x=y');
    expect(text.split(/\s+/)).toEqual(['spf=pass', 'x=y']);
    expect(comments).toEqual(['a (nested) ) b']);
    expect(stripComments('a "(not a comment)" (but this is)')).toEqual({ text: 'a "(not a comment)"', comments: ['but this is'] });
  });
});

describe('header names', () => {
  test('are matched in any case, and only exactly', () => {
    const facts = decodeHeaders([
      'authentication-results: spf=fail smtp.mailfrom=a.example',
      'X-FOREFRONT-ANTISPAM-REPORT: SFV:SPM;CAT:BULK;',
      'x-Spam-Statu5: Yes, score=9.0 required=5.0',
      'X-Spam-Status-: Yes, score=9.0 required=5.0',
      'fROM: Anna <anna@a.example>',
      '',
      'X-Spam-Status: Yes, score=9.0 required=5.0 (in the body, not a header)',
    ].join('\r\n'));
    expect(facts.auth.spf?.result).toBe('fail');
    expect(facts.forefront?.sfv).toBe('SPM');
    expect(facts.sender.from?.address).toBe('anna@a.example');
    expect(facts.spamAssassin).toBeUndefined();
    expect(facts.fieldCount).toBe(5);
  });

  test('a filter only takes names its in-place matching can fold exactly', () => {
    expect(() => fieldFilter(['X_Underscore'])).toThrow(/letters-digits-hyphens/);
    expect(fieldFilter(['Received', 'X-Spam-Status']).byLength.get(8)).toEqual(['received']);
  });
});
