/**
 * What the portal reads out of a stored message and a verdict: the body for the safe preview
 * (multipart, quoted-printable, base64, charsets, inline images, attachments), whether an allow
 * entry would be spoofable, and the one-time link's session in sessionStorage.
 */
import { readMessage } from '../../src/admin/preview/mime';
import { aligned, spoofCheck } from '../../src/admin/pages/submission/spoof';
import { codeFromHash, forgetSession, readSession, writeSession } from '../../src/admin/auth/session-store';
import type { Verdict } from '../../src/contracts/verdict';
import { clusterMail, fixtureHtml, fixtureText } from '../helpers/cluster-mail';

const bytes = (text: string | Buffer) => new Uint8Array(typeof text === 'string' ? Buffer.from(text, 'binary') : text);

describe('readMessage', () => {
  test('a mailing tool\'s multipart/alternative: both parts, quoted-printable decoded as UTF-8', () => {
    const eml = clusterMail({ from: 'news@northwind.example', to: 'anna@contoso.example', subject: 'Weekly', messageId: '<w@n>', text: fixtureText('newsletter-43'), html: fixtureHtml('newsletter-43') });
    const body = readMessage(new Uint8Array(eml));
    expect(body.html).toContain('THE WEEKLY LEDGER');
    expect(body.html).toBe(fixtureHtml('newsletter-43').replace(/\r?\n/g, '\r\n'));
    expect(body.text).toContain('Christmas ordering deadlines');
  });

  test('base64, a legacy charset, an inline image and an attachment', () => {
    const html = Buffer.from('<p>Faktura for m\xe6lk</p><img src="cid:logo@x">', 'latin1').toString('base64');
    const eml = [
      'From: a@b.example',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/related; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/html; charset=iso-8859-1',
      'Content-Transfer-Encoding: base64',
      '',
      html,
      '--inner',
      'Content-Type: image/png',
      'Content-ID: <logo@x>',
      'Content-Transfer-Encoding: base64',
      '',
      'iVBORw0KGgo=',
      '--inner--',
      '--outer',
      'Content-Type: application/pdf; name="invoice.pdf"',
      'Content-Disposition: attachment; filename*=utf-8\'\'faktura%20118.pdf',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQK',
      '--outer--',
      '',
    ].join('\r\n');
    const body = readMessage(bytes(eml));
    expect(body.html).toBe('<p>Faktura for mælk</p><img src="cid:logo@x">');
    expect(body.inline.get('logo@x')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(body.attachments).toEqual([{ filename: 'faktura 118.pdf', contentType: 'application/pdf', size: 9 }]);
    expect(body.text).toBeNull();
  });

  test('a plain message, and one with no body at all', () => {
    expect(readMessage(bytes('Subject: hi\r\n\r\nHello\r\n')).text).toBe('Hello\r\n');
    const empty = readMessage(bytes('Subject: only headers'));
    expect(empty.html).toBeNull();
    expect(empty.text).toBe('');
  });

  test('malformed structure shows less, never throws', () => {
    const broken = 'Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@not base64@@@';
    expect(() => readMessage(bytes(broken))).not.toThrow();
    const deep = `Content-Type: multipart/mixed; boundary=b\r\n\r\n${'--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n'.repeat(50)}`;
    expect(() => readMessage(bytes(deep))).not.toThrow();
  });
});

function verdict(facts: Partial<Verdict['facts']>, findings: Array<{ code: string; params: Record<string, string> }> = []): Verdict {
  return {
    schemaVersion: 1,
    locale: 'en-US',
    category: 'spam',
    absentEvidence: [],
    blocked: true,
    assessment: { kind: 'justified', explanation: '' },
    then: { action: 'junk', explanation: '' },
    primaryCause: { kind: 'senderAuthentication', layer: 'authentication', findingCode: null, explanation: '' },
    contributingCauses: [],
    findings: findings.map((f) => ({ ...f, severity: 'high', causeKind: 'senderAuthentication', layer: 'authentication', evidence: { header: 'Authentication-Results', value: '' }, explanation: '' })),
    recommendations: [],
    facts: { hops: [], ...facts },
    problems: [],
    problemsOmitted: 0,
  };
}

describe('spoofCheck', () => {
  test('DMARC pass, or compauth pass: the From domain is proven, the entry is not spoofable', () => {
    expect(spoofCheck(verdict({ dmarc: 'pass' }), 'news@northwind.example').spoofable).toBe(false);
    expect(spoofCheck(verdict({ compauth: { result: 'pass', meaning: '' } }), 'northwind.example').spoofable).toBe(false);
  });

  test('SPF pass counts only when the envelope domain aligns with the entry', () => {
    expect(spoofCheck(verdict({ spf: 'pass', mailFrom: 'bounce@bounce.northwind.example' }), 'northwind.example').spoofable).toBe(false);
    expect(spoofCheck(verdict({ spf: 'pass', mailFrom: 'esp@mailer.example' }), 'news@northwind.example').spoofable).toBe(true);
  });

  test('a DMARC failure for the domain, or no authentication at all, is spoofable', () => {
    const failed = verdict({ dmarc: 'fail', spf: 'fail' }, [{ code: 'AUTH_DMARC_FAIL', params: { domain: 'supplier.example' } }]);
    expect(spoofCheck(failed, 'billing@supplier.example')).toEqual({ spoofable: true, domain: 'supplier.example' });
    expect(spoofCheck(verdict({}), 'x@y.example').spoofable).toBe(true);
  });

  test('alignment is relaxed: the same domain or a subdomain either way', () => {
    expect(aligned('mail.contoso.example', 'contoso.example')).toBe(true);
    expect(aligned('contoso.example', 'CONTOSO.example')).toBe(true);
    expect(aligned('notcontoso.example', 'contoso.example')).toBe(false);
  });
});

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('the one-time link\'s session', () => {
  const session = { token: 'eyJ.x.y', expiresDateTime: '2026-11-22T22:00:00.000Z', user: { email: 'secops@contoso.example', roles: ['SecurityAdministrator' as const] } };

  test('kept until it expires, then gone; forgotten on sign-out', () => {
    const storage = new MemoryStorage();
    writeSession(storage, session);
    expect(readSession(storage, new Date('2026-11-22T12:00:00Z'))).toEqual(session);
    expect(readSession(storage, new Date('2026-11-22T22:00:00Z'))).toBeNull();
    expect(storage.length).toBe(0);
    writeSession(storage, session);
    forgetSession(storage);
    expect(readSession(storage, new Date('2026-11-22T12:00:00Z'))).toBeNull();
  });

  test('something else in its place is dropped', () => {
    const storage = new MemoryStorage();
    storage.setItem('second-look.portal.session', '{"token":1}');
    expect(readSession(storage)).toBeNull();
    expect(storage.length).toBe(0);
  });

  test('the code comes only from the fragment, and only in the shape the server makes', () => {
    expect(codeFromHash('#code=AbC_123-xyzxyzxyzxyz')).toBe('AbC_123-xyzxyzxyzxyz');
    expect(codeFromHash('#code=short')).toBeNull();
    expect(codeFromHash('#code=<script>alert(1)</script>aaaaaaaa')).toBeNull();
    expect(codeFromHash('')).toBeNull();
  });
});
