/**
 * What intake decides before storing: which envelope recipients the quarantine takes, one copy
 * per mailbox, and the listed fields made safe to keep.
 */
import fc from 'fast-check';
import { decodeHeaders } from '../../../src/core/analysis';
import { checkRecipient, distinctMailboxes, quarantineFields, storableLine, storableToken, type RecipientCheck } from '../../../src/core/quarantine';

const ACCEPTED = ['contoso.example', 'Bücher.example'];

describe('checkRecipient', () => {
  test('a mailbox at exactly an accepted domain is taken, its tag read', () => {
    expect(checkRecipient('Anna@Contoso.Example', ACCEPTED)).toEqual({ ok: true, mailbox: 'anna@contoso.example', tag: undefined });
    expect(checkRecipient('jörg+quarantine-hcspam@bücher.example', ACCEPTED)).toEqual({ ok: true, mailbox: 'jörg@xn--bcher-kva.example', tag: 'highConfidenceSpam' });
  });

  test('another domain (a subdomain too), a bad address, an unknown tag, or no accepted domains at all: refused with the reason', () => {
    expect(checkRecipient('eve@evil.example', ACCEPTED)).toMatchObject({ ok: false, code: 'notAcceptedDomain', recipient: 'eve@evil.example' });
    expect(checkRecipient('anna@eu.contoso.example', ACCEPTED)).toMatchObject({ ok: false, code: 'notAcceptedDomain' });
    expect(checkRecipient('anna@', ACCEPTED)).toMatchObject({ ok: false, code: 'invalidAddress' });
    expect(checkRecipient('anna+quarantine-ham@contoso.example', ACCEPTED)).toMatchObject({ ok: false, code: 'unknownTag' });
    expect(checkRecipient('anna@contoso.example', [])).toMatchObject({ ok: false, code: 'noAcceptedDomains', message: expect.stringContaining('SECOND_LOOK_ACCEPTED_DOMAINS') });
  });

  test('one copy per mailbox, under the more severe tag', () => {
    const checks = ['anna@contoso.example', 'ANNA+quarantine-spam@contoso.example', 'anna+quarantine-malware@contoso.example', 'bo@contoso.example'].map((r) => checkRecipient(r, ACCEPTED));
    expect(distinctMailboxes(checks.filter((c): c is Extract<RecipientCheck, { ok: true }> => c.ok))).toEqual([
      { mailbox: 'anna@contoso.example', tag: 'malware' },
      { mailbox: 'bo@contoso.example', tag: undefined },
    ]);
  });
});

describe('quarantineFields', () => {
  test('the From address and name, its domain, the decoded subject and the Message-ID', () => {
    const facts = decodeHeaders('From: =?utf-8?Q?J=C3=B8rgen?= <Jorgen@Supplier.Example>\r\nSubject: =?utf-8?B?RmFrdHVyYSDDpsO4w6U=?=\r\nMessage-ID: <a.b@supplier.example>\r\n\r\n');
    expect(quarantineFields(facts.sender)).toEqual({ internetMessageId: '<a.b@supplier.example>', sender: 'jorgen@supplier.example', senderName: 'Jørgen', senderDomain: 'supplier.example', subject: 'Faktura æøå' });
  });

  test('a message without them: empty values, never undefined', () => {
    expect(quarantineFields(decodeHeaders('X-Other: 1\r\n\r\n').sender)).toEqual({ internetMessageId: '', sender: '', senderName: null, senderDomain: '', subject: '' });
  });

  test('property: nothing stored holds a control character, and nothing is longer than its limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (text) => {
        // eslint-disable-next-line no-control-regex -- what must never be stored
        const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
        const line = storableLine(text, 1000);
        const token = storableToken(text, 500);
        expect(control.test(line) || control.test(token)).toBe(false);
        expect([...line].length).toBeLessThanOrEqual(1000);
        expect([...token].length).toBeLessThanOrEqual(500);
      }),
    );
  });
});
