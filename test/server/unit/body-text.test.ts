/**
 * The text a fingerprint is made of, read from whole messages: quoted-printable and base64
 * parts, charsets, HTML-only mail, attachments skipped; and the fingerprint thread that runs it.
 */
import { fingerprintText, signatureFromBytes, signatureToBytes, similarity } from '../../../src/core/clusters';
import { messageFingerprint, messageText } from '../../../src/server/mail/body-text';
import { FingerprintThread } from '../../../src/server/mail/fingerprint-thread';
import { clusterMail, fixtureHtml, fixtureText } from '../../helpers/cluster-mail';

const mail = (body: string) => Buffer.from(`From: a@b.example\r\nSubject: x\r\n${body}`, 'latin1');

describe('messageText', () => {
  test('the text part of multipart/alternative, quoted-printable decoded', async () => {
    const eml = clusterMail({ from: 'news@northwind.example', to: 'anna@contoso.example', subject: 'Weekly', messageId: '<1@n>', text: fixtureText('newsletter-41'), html: fixtureHtml('newsletter-43') });
    expect((await messageText(eml)).replace(/\r\n/g, '\n').trim()).toBe(fixtureText('newsletter-41').trim());
  });

  test('HTML-only mail is read as text', async () => {
    const html = Buffer.from(fixtureHtml('newsletter-43'), 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
    const text = await messageText(mail(`Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${html}\r\n`));
    expect(text).toContain('Inside the tasting panel');
    expect(text).not.toContain('font-family');
  });

  test('charsets and base64 text; attachments are skipped', async () => {
    const latin1 = Buffer.from('Kære kunde, vedhæftet faktura.', 'latin1').toString('base64');
    const body = [
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: text/plain; charset="ISO-8859-1"',
      'Content-Transfer-Encoding: base64',
      '',
      latin1,
      '--outer',
      'Content-Type: text/plain; name="notes.txt"',
      'Content-Disposition: attachment; filename="notes.txt"',
      '',
      'attached words',
      '--outer--',
      '',
    ].join('\r\n');
    expect(await messageText(mail(body))).toBe('Kære kunde, vedhæftet faktura.');
  });

  test('a plain message, and garbage, never throw', async () => {
    expect(await messageText(mail('\r\nHello there.\r\n'))).toBe('Hello there.\r\n');
    expect(await messageText(Buffer.from([0xff, 0xfe, 0x00, 0x41]))).toBe('');
    expect(await messageText(mail('Content-Type: multipart/mixed\r\n\r\nno boundary'))).toBe('');
  });
});

describe('messageText on mail as it really comes', () => {
  const multipart = (boundary: string, ...parts: string[][]) => [`Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts.flatMap((p) => [`--${boundary}`, ...p]), `--${boundary}--`, ''].join('\r\n');

  test('an 8-bit body with no charset is read as UTF-8; one that is not UTF-8 still reads its ASCII', async () => {
    const utf8 = Buffer.concat([mail('Content-Transfer-Encoding: 8bit\r\n\r\n'), Buffer.from('Grüße aus Köln, 5 €.\r\n', 'utf8')]);
    expect(await messageText(utf8)).toBe('Grüße aus Köln, 5 €.\r\n');
    const latin1 = Buffer.concat([mail('Content-Type: text/plain\r\n\r\n'), Buffer.from('Kære kunde, faktura vedhæftet.\r\n', 'latin1')]);
    const text = await messageText(latin1);
    expect(text).toContain('K\ufffdre kunde, faktura vedh\ufffdftet.');
  });

  test('windows-1252 and iso-8859-1 read as a mail client reads them, and charset names only libmime knows', async () => {
    const cp1252 = await messageText(mail('Content-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=93Tilbud=94 p=E5 =80 50=\r\n0.\r\n'));
    expect(cp1252).toBe('“Tilbud” på € 500.\r\n');
    // Labelled ISO-8859-1, written by Windows: the WHATWG decoder reads 0x93/0x94 as quotes, as a browser does.
    expect(await messageText(mail('Content-Type: text/plain; charset="ISO-8859-1"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=93K=E6re=94\r\n'))).toBe('“Kære”\r\n');
    // cp850 is no WHATWG label; libmime (iconv-lite) reads it.
    expect(await messageText(mail('Content-Type: text/plain; charset=cp850\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCaf=82\r\n'))).toBe('Café\r\n');
    // A charset nobody knows: read as UTF-8.
    expect(await messageText(mail('Content-Type: text/plain; charset=x-no-such-charset\r\n\r\nplain words\r\n'))).toBe('plain words\r\n');
  });

  test('a broken base64 part gives what can be read, and never throws', async () => {
    const body = multipart('b', ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', `${Buffer.from('Your invoice is attached').toString('base64')}!!**`, 'bm90IHF1aXRl']);
    expect(await messageText(mail(body))).toContain('Your invoice is attached');
    expect(await messageText(mail('Content-Transfer-Encoding: base64\r\n\r\n%%%% ====\r\n'))).toBe('');
  });

  test('a multipart without its closing delimiter is read to the end', async () => {
    const body = ['Content-Type: multipart/alternative; boundary="open"', '', '--open', 'Content-Type: text/plain', '', 'first part', '--open', 'Content-Type: text/plain', '', 'second part, never closed', ''].join('\r\n');
    expect((await messageText(mail(body))).replace(/\r\n/g, '\n')).toBe('first part\nsecond part, never closed\n');
  });

  test('nested multiparts: the plain text only; HTML when the plain part is blank; attached messages and files skipped', async () => {
    const pdf = ['Content-Type: application/pdf; name="invoice.pdf"', 'Content-Transfer-Encoding: base64', 'Content-Disposition: attachment; filename="invoice.pdf"', '', Buffer.alloc(3000, 1).toString('base64').replace(/.{76}/g, '$&\r\n')];
    const attached = ['Content-Type: message/rfc822', 'Content-Disposition: inline', '', 'Subject: forwarded', '', 'words of the forwarded message'];
    const alternative = (plain: string) => ['Content-Type: multipart/alternative; boundary="alt"', '', '--alt', 'Content-Type: text/plain; charset=utf-8', '', plain, '--alt', 'Content-Type: text/html; charset=utf-8', '', '<p>Hello <b>from</b> HTML</p>', '--alt--', ''];
    expect(await messageText(mail(multipart('mix', alternative('Hello from text'), attached, pdf)))).toBe('Hello from text');
    expect((await messageText(mail(multipart('mix', alternative('  '), attached, pdf)))).replace(/\s+/g, ' ').trim()).toBe('Hello from HTML');
  });

  test('bounded: a MIME bomb, ten thousand parts and a huge text part finish quickly with bounded text', async () => {
    const depth = 10_000;
    const opening = Array.from({ length: depth }, (_, i) => `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`).join('');
    const closing = Array.from({ length: depth }, (_, i) => `\r\n--b${depth - 1 - i}--\r\n`).join('');
    const bomb = mail(`Content-Type: multipart/mixed; boundary="b0"\r\n\r\n${opening}--b${depth}\r\nContent-Type: text/plain\r\n\r\ninnermost\r\n--b${depth}--\r\n${closing}`);
    const flat = mail(multipart('x', ...Array.from({ length: 10_000 }, (_, i) => ['Content-Type: text/plain', '', `part ${i}`])));
    const huge = mail(`\r\n${'word '.repeat(1_000_000)}`);
    const started = Date.now();
    expect(await messageText(bomb)).toBe('');
    const parts = (await messageText(flat)).split('\n');
    expect(parts[0]).toBe('part 0');
    expect(parts.length).toBeLessThan(200);
    expect((await messageText(huge)).length).toBe(4 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('the fingerprint thread', () => {
  test('answers what messageFingerprint answers, in order, for several messages at once', async () => {
    const thread = new FingerprintThread();
    try {
      const texts = ['newsletter-41', 'fabrikam-invoice-2026-10'].map(fixtureText);
      const messages = texts.map((text, i) => clusterMail({ from: 'x@northwind.example', to: 'anna@contoso.example', subject: 's', messageId: `<${i}@n>`, text }));
      const expected = await Promise.all(messages.map((m) => messageFingerprint(m)));
      const results = await thread.fingerprint([messages[0], undefined, messages[1]]);
      expect(results).toHaveLength(3);
      expect(results[1]).toEqual({ signature: undefined, shingles: 0 });
      expect(Buffer.from(results[0]?.signature ?? [])).toEqual(Buffer.from(expected[0]?.signature ?? []));
      const first = signatureFromBytes(results[0]?.signature ?? new Uint8Array());
      const direct = fingerprintText(texts[0] ?? '');
      expect(first).toEqual(direct?.signature);
      expect(Buffer.from(results[2]?.signature ?? [])).toEqual(Buffer.from(signatureToBytes(fingerprintText(texts[1] ?? '')?.signature ?? new Uint32Array())));
      if (direct && first) expect(similarity(direct, { ...direct, signature: first })).toBe(1);
    } finally {
      await thread.close();
    }
  });
});
