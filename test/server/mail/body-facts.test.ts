/**
 * A whole message's body, read by mailparser and summarised by the analyzer: links, their
 * domains, attachments; and the verdict those facts add to.
 */
import { analyzeMessage } from '../../../src/server/mail/analyze-message';
import { readBodyFacts } from '../../../src/server/mail/body-facts';

describe('body facts', () => {
  const message = [
    'From: Example <news@example.com>',
    'To: alex@example.org',
    'Subject: Links',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: multipart/alternative; boundary="c"',
    '',
    '--c',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'See https://www.example.com/a and https://bücher.example/b.',
    '--c',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<a href="https://www.example.com/a">a</a> <a href=\'https://cdn.example.net/x?a=1&amp;b=2\'>x</a> <a href="mailto:x@example.com">m</a>',
    '--c--',
    '--b',
    'Content-Type: application/pdf; name="invoice.pdf"',
    'Content-Disposition: attachment; filename="invoice.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    'JVBERi0xLjQK',
    '--b',
    'Content-Type: application/x-iso9660-image; name="=?utf-8?Q?faktura_=C3=A6.iso?="',
    'Content-Disposition: attachment; filename="=?utf-8?Q?faktura_=C3=A6.iso?="',
    '',
    'AAAA',
    '--b--',
    '',
  ].join('\r\n');

  test('counts links, lists their domains (IDN as punycode) and the attachments', async () => {
    const body = await readBodyFacts(message);
    expect(body.linkCount).toBe(3);
    expect(body.linkDomains).toEqual(['cdn.example.net', 'www.example.com', 'xn--bcher-kva.example']);
    expect(body.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['invoice.pdf', 'application/pdf'],
      ['faktura æ.iso', 'application/x-iso9660-image'],
    ]);
    expect(body.problems).toEqual([]);
  });

  test('analyzeMessage turns them into findings', async () => {
    const verdict = await analyzeMessage(Buffer.from(message));
    const risky = verdict.findings.find((f) => f.code === 'BODY_RISKY_ATTACHMENT');
    expect(risky?.evidence).toEqual({ header: 'Content-Disposition', value: 'faktura æ.iso' });
    expect(verdict.findings.find((f) => f.code === 'BODY_LINKS')?.explanation).toBe(
      'The message contains 3 links to 3 domains: cdn.example.net, www.example.com, xn--bcher-kva.example.',
    );
  });

  test('garbage never rejects', async () => {
    const body = await readBodyFacts(Buffer.from([0xff, 0xfe, 0, 1, 2, 3, 0x0a, 0x0a, 0x80]));
    expect(body.linkCount).toBe(0);
    await expect(analyzeMessage('\u0000\u0001')).resolves.toMatchObject({ category: 'undetermined' });
  });
});
