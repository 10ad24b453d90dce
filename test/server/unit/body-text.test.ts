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
  test('the text part of multipart/alternative, quoted-printable decoded', () => {
    const eml = clusterMail({ from: 'news@northwind.example', to: 'anna@contoso.example', subject: 'Weekly', messageId: '<1@n>', text: fixtureText('newsletter-41'), html: fixtureHtml('newsletter-43') });
    expect(messageText(eml).replace(/\r\n/g, '\n').trim()).toBe(fixtureText('newsletter-41').trim());
  });

  test('HTML-only mail is read as text', () => {
    const html = Buffer.from(fixtureHtml('newsletter-43'), 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
    const text = messageText(mail(`Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${html}\r\n`));
    expect(text).toContain('Inside the tasting panel');
    expect(text).not.toContain('font-family');
  });

  test('charsets and base64 text; attachments are skipped', () => {
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
    expect(messageText(mail(body))).toBe('Kære kunde, vedhæftet faktura.');
  });

  test('a plain message, and garbage, never throw', () => {
    expect(messageText(mail('\r\nHello there.\r\n'))).toBe('Hello there.\r\n');
    expect(messageText(Buffer.from([0xff, 0xfe, 0x00, 0x41]))).toBe('');
    expect(messageText(mail('Content-Type: multipart/mixed\r\n\r\nno boundary'))).toBe('');
  });
});

describe('the fingerprint thread', () => {
  test('answers what messageFingerprint answers, in order, for several messages at once', async () => {
    const thread = new FingerprintThread();
    try {
      const texts = ['newsletter-41', 'fabrikam-invoice-2026-10'].map(fixtureText);
      const messages = texts.map((text, i) => clusterMail({ from: 'x@northwind.example', to: 'anna@contoso.example', subject: 's', messageId: `<${i}@n>`, text }));
      const expected = messages.map((m) => messageFingerprint(m));
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
