/**
 * What the portal reads out of a verdict: whether an allow entry would be spoofable, and the
 * one-time link's session in sessionStorage. (The body for the safe preview is read on the
 * server with mailparser: test/server/quarantine/message-preview.test.ts.)
 */
import { aligned, spoofCheck } from '../../src/admin/pages/submission/spoof';
import { codeFromHash, forgetSession, readSession, writeSession } from '../../src/admin/auth/session-store';
import type { Verdict } from '../../src/contracts/verdict';

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
