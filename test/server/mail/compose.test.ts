/**
 * The message as it leaves: composed by nodemailer from the queued row, the same bytes every
 * time, marked as automatic, and with no way for user data (a subject, a name, an address) to
 * write a header of its own.
 */
import { simpleParser } from 'mailparser';
import { composeMail, type OutgoingMail } from '../../../src/server/mail/compose';
import { checkedHeaderFields, oneLineSubject, singleMailbox, UnsafeMailError } from '../../../src/server/mail/mail-fields';

const MAIL: OutgoingMail = {
  id: '3f0c9a52-8d1e-4c6b-9f3a-2b7d5e1c0a44',
  from: '"Second Look" <second-look@contoso.example>',
  to: 'anna@contoso.example',
  subject: 'Your report: Faktura 2026-118 – forfalden',
  text: 'Hello Anna,\n\nThe message you reported was legitimate.\n.\nThe security team',
  messageId: '<3f0c9a52.notice@contoso.example>',
  date: new Date('2026-11-22T12:00:00.000Z'),
};

/** Header names of a raw message, in order, lower-cased. */
function headerNames(raw: Buffer): string[] {
  const head = raw.toString('utf8').split('\r\n\r\n', 1)[0] ?? '';
  return head.split('\r\n').filter((line) => !/^[ \t]/.test(line)).map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
}

describe('composing a queued mail', () => {
  test('From, To, Subject, Date, the fixed Message-ID, the text, and Auto-Submitted: auto-generated', async () => {
    const { raw, envelope } = await composeMail(MAIL);
    const parsed = await simpleParser(raw);
    expect(parsed.from?.value).toEqual([{ name: 'Second Look', address: 'second-look@contoso.example' }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : undefined).toEqual([{ name: '', address: 'anna@contoso.example' }]);
    expect(parsed.subject).toBe(MAIL.subject);
    expect(parsed.date?.toISOString()).toBe('2026-11-22T12:00:00.000Z');
    expect(parsed.messageId).toBe(MAIL.messageId);
    expect(parsed.text?.replace(/\r\n/g, '\n').trimEnd()).toBe(MAIL.text);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('x-auto-response-suppress')).toBe('All');
    expect(envelope).toEqual({ from: 'second-look@contoso.example', to: ['anna@contoso.example'] });
    expect(headerNames(raw).sort()).toEqual(
      ['auto-submitted', 'content-transfer-encoding', 'content-type', 'date', 'from', 'message-id', 'mime-version', 'subject', 'to', 'x-auto-response-suppress'].sort(),
    );
  });

  test('the same mail composes to the same bytes (a retry sends the same message)', async () => {
    expect((await composeMail(MAIL)).raw.equals((await composeMail({ ...MAIL })).raw)).toBe(true);
  });

  test('every line ends in CRLF, whatever line ends the text had', async () => {
    const { raw } = await composeMail({ ...MAIL, text: 'one\ntwo\rthree\r\nfour' });
    const text = raw.toString('latin1');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

describe('header injection', () => {
  const injections = [
    'Invoice\r\nBcc: attacker@evil.example',
    'Invoice\nBcc: attacker@evil.example',
    'Invoice\rBcc: attacker@evil.example',
    'Invoice\r\n\r\n<html>fake body</html>',
    'Invoice\u0000\u0007\u001b[31m\u007f\u0085 end',
    'Invoice\u2028Bcc: attacker@evil.example\u2029',
  ];

  test.each(injections)('a subject %j is one line, and adds no header', async (subject) => {
    const { raw, envelope } = await composeMail({ ...MAIL, subject });
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(oneLineSubject(subject));
    expect(parsed.subject).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.bcc).toBeUndefined();
    expect(headerNames(raw)).not.toContain('bcc');
    expect(envelope.to).toEqual(['anna@contoso.example']);
    expect(parsed.text?.replace(/\r\n/g, '\n').trimEnd()).toBe(MAIL.text);
  });

  test('a queued subject is stored as one line', () => {
    expect(checkedHeaderFields({ ...MAIL, subject: 'Re:\r\n\tInvoice\r\nBcc: x@evil.example' }).subject).toBe('Re: Invoice Bcc: x@evil.example');
    expect(oneLineSubject('x'.repeat(2000))).toHaveLength(500);
  });

  const badAddresses = [
    'anna@contoso.example\r\nBcc: attacker@evil.example',
    'anna@contoso.example\nBcc: attacker@evil.example',
    'anna@contoso.example, attacker@evil.example',
    'anna@contoso.example; attacker@evil.example',
    'Anna\r\n <anna@contoso.example>',
    '"Anna\r\nBcc: attacker@evil.example" <anna@contoso.example>',
    'Team: anna@contoso.example, attacker@evil.example;',
    'anna@contoso.example Bcc: attacker@evil.example',
    'anna',
    '<>',
    '',
    'anna@contoso.example\u0000',
    'anna@-contoso.example',
    'an na@contoso.example',
  ];

  test.each(badAddresses)('a To field %j is refused, at queue time and at compose time', async (to) => {
    expect(() => checkedHeaderFields({ ...MAIL, to })).toThrow(UnsafeMailError);
    await expect(composeMail({ ...MAIL, to })).rejects.toThrow(UnsafeMailError);
  });

  test.each(badAddresses.filter((a) => a !== ''))('a From field %j is refused', (from) => {
    expect(() => checkedHeaderFields({ ...MAIL, from })).toThrow(UnsafeMailError);
  });

  test('a name and an address, or an address alone, are one mailbox', () => {
    expect(singleMailbox('to', 'anna@contoso.example')).toBe('anna@contoso.example');
    expect(singleMailbox('to', 'Anna Jensen <anna@contoso.example>')).toBe('anna@contoso.example');
    expect(singleMailbox('from', '"Security, Contoso" <security@contoso.example>')).toBe('security@contoso.example');
    expect(singleMailbox('to', 'søren@kø.example')).toBe('søren@kø.example');
  });

  test.each(['3f0c9a52.notice@contoso.example', '<a@b>\r\nBcc: x@evil.example', '<a b@c.example>', '<a@b@c>', `<${'a'.repeat(300)}@b>`])(
    'a Message-ID %j is refused',
    (messageId) => {
      expect(() => checkedHeaderFields({ ...MAIL, messageId })).toThrow(UnsafeMailError);
    },
  );

  test.each(['../../etc/passwd', 'a/b', 'a.eml', 'x'.repeat(65), ''])('a mail id %j (it names a file) is refused', (id) => {
    expect(() => checkedHeaderFields({ ...MAIL, id })).toThrow(UnsafeMailError);
  });
});
