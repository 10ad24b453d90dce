/** One example per precedence rule of decide() (see the comment at the top of decide.ts). */
import type { MessageFacts } from '../../../src/contracts/lists';
import {
  DEFAULT_POLICY,
  buildTenantIndex,
  buildUserIndex,
  decide,
  explainDecision,
  type DecisionContext,
  type TenantEntry,
  type UserListEntry,
} from '../../../src/core/lists';
import { NOW, daysFromNow, entry, message, userEntry } from './fixtures';

function ctx(
  tenant: TenantEntry[] = [],
  user: { safe?: UserListEntry[]; blocked?: UserListEntry[] } = {},
  policy = DEFAULT_POLICY,
): DecisionContext {
  return {
    tenant: buildTenantIndex(tenant),
    user: buildUserIndex(user.safe ?? [], user.blocked ?? []),
    policy,
    now: NOW,
  };
}

const spam = (sender = 'sales@example.com', extra: Partial<MessageFacts> = {}) =>
  message(sender, { verdict: 'spam', ...extra });

describe('decide: the policy alone', () => {
  it.each([
    ['none', 'inbox', 'noVerdict'],
    ['spam', 'junk', 'verdictSpam'],
    ['highConfidenceSpam', 'quarantine', 'verdictHighConfidenceSpam'],
    ['phishing', 'quarantine', 'verdictPhishing'],
    ['highConfidencePhishing', 'quarantine', 'verdictHighConfidencePhishing'],
    ['malware', 'quarantine', 'verdictMalware'],
    ['spoof', 'junk', 'verdictSpoof'],
    ['bulk', 'junk', 'verdictBulk'],
  ] as const)('%s → %s', (verdict, action, code) => {
    const d = decide(message('a@example.com', { verdict }), ctx());
    expect(d).toMatchObject({ action, reason: { code }, usedTenantEntryIds: [], ignoredEntries: [] });
  });

  it('uses the configured per-verdict actions', () => {
    const policy = { ...DEFAULT_POLICY, actions: { ...DEFAULT_POLICY.actions, spam: 'quarantine' as const } };
    expect(decide(spam(), ctx([], {}, policy)).action).toBe('quarantine');
  });

  it('compares BCL with the bulk threshold, at or above is bulk', () => {
    const c = ctx([], {}, { ...DEFAULT_POLICY, bulkThreshold: 6 });
    expect(decide(message('news@example.com', { verdict: 'none', bcl: 6 }), c)).toMatchObject({
      action: 'junk',
      reason: { code: 'verdictBulk', threshold: { name: 'bulkThreshold', value: 6, observed: 6 } },
    });
    expect(decide(message('news@example.com', { verdict: 'bulk', bcl: 5 }), c)).toMatchObject({
      action: 'inbox',
      reason: { code: 'bulkBelowThreshold', threshold: { value: 6, observed: 5 } },
    });
    expect(decide(message('news@example.com', { verdict: 'bulk' }), c).reason.code).toBe('verdictBulk');
  });

  it('treats an unknown verdict as the worst case', () => {
    const d = decide(message('a@example.com', { verdict: 'weird' as MessageFacts['verdict'] }), ctx([], { safe: [userEntry('a@example.com')] }));
    expect(d).toMatchObject({ action: 'quarantine', reason: { code: 'unknownVerdict' } });
  });

  it('quarantines (never throws) when the clock is invalid', () => {
    const d = decide(message('a@example.com'), { ...ctx(), now: new Date(Number.NaN) });
    expect(d).toMatchObject({ action: 'quarantine', reason: { code: 'internalError' } });
  });
});

describe('decide: 1. malware is never overridden', () => {
  it('ignores tenant allow, safe senders and tenant block', () => {
    const allow = entry('a@example.com', 'allow', { source: 'submission', expiration: { type: 'afterLastUsed', days: 45 } });
    const d = decide(message('a@example.com', { verdict: 'malware' }), ctx([allow], { safe: [userEntry('a@example.com')] }));
    expect(d.action).toBe('quarantine');
    expect(d.reason).toEqual({ code: 'verdictMalware', verdict: 'malware' });
    expect(d.usedTenantEntryIds).toEqual([]);
    expect(d.ignoredEntries.map((i) => [i.entry.list, i.code])).toEqual([
      ['tenantAllow', 'filterWinsMalware'],
      ['safeSenders', 'filterWinsMalware'],
    ]);
  });
});

describe('decide: 2. tenant block beats every allow', () => {
  it('quarantines and names the block entry, even for clean mail', () => {
    const block = entry('*.example.com', 'block', { id: 'b1' });
    const d = decide(message('a@mail.example.com'), ctx([block]));
    expect(d).toMatchObject({
      action: 'quarantine',
      reason: { code: 'tenantBlock', entry: { id: 'b1', value: '*.example.com', list: 'tenantBlock', matchedOn: 'wildcardDomain' } },
      usedTenantEntryIds: ['b1'],
    });
  });

  it('wins over a tenant allow for the same address and over a safe sender', () => {
    const block = entry('example.com', 'block', { id: 'b1' });
    const allow = entry('a@example.com', 'allow', { id: 'a1' });
    const d = decide(spam('a@example.com'), ctx([allow, block], { safe: [userEntry('a@example.com')] }));
    expect(d.action).toBe('quarantine');
    expect(d.reason.code).toBe('tenantBlock');
    expect(d.usedTenantEntryIds).toEqual(['b1']);
    expect(d.ignoredEntries.map((i) => i.code)).toEqual(['tenantBlockWins', 'tenantBlockWins']);
  });

  it('a domain block does not cover subdomains; *.domain does', () => {
    const c = ctx([entry('example.com', 'block')]);
    expect(decide(message('a@mail.example.com'), c).action).toBe('inbox');
    expect(decide(message('a@example.com'), c).action).toBe('quarantine');
  });
});

describe('decide: 3. high-confidence phishing', () => {
  const hcp = (extra: Partial<MessageFacts> = {}) => message('a@example.com', { verdict: 'highConfidencePhishing', ...extra });

  it('a safe sender does not release it', () => {
    const d = decide(hcp(), ctx([], { safe: [userEntry('a@example.com')] }));
    expect(d.action).toBe('quarantine');
    expect(d.ignoredEntries[0]?.code).toBe('filterWinsHighConfidencePhishing');
  });

  it('a directly made allow entry does not release it', () => {
    const d = decide(hcp(), ctx([entry('a@example.com', 'allow', { id: 'a1' })]));
    expect(d.action).toBe('quarantine');
    expect(d.ignoredEntries).toEqual([
      { entry: { id: 'a1', value: 'a@example.com', list: 'tenantAllow', matchedOn: 'address' }, code: 'allowCannotOverrideVerdict' },
    ]);
  });

  it('an allow entry made from a submission releases it, and is reported used', () => {
    const allow = entry('example.com', 'allow', { id: 'a1', source: 'submission', expiration: { type: 'afterLastUsed', days: 45 } });
    const d = decide(hcp(), ctx([allow]));
    expect(d).toMatchObject({ action: 'inbox', reason: { code: 'tenantAllow', entry: { id: 'a1', matchedOn: 'domain' } }, usedTenantEntryIds: ['a1'] });
  });

  it('not when the message fails authentication', () => {
    const allow = entry('a@example.com', 'allow', { source: 'submission', expiration: { type: 'afterLastUsed', days: 45 } });
    const d = decide(hcp({ authentication: { compauth: 'fail' } }), ctx([allow]));
    expect(d.action).toBe('quarantine');
    expect(d.ignoredEntries[0]?.code).toBe('authenticationFailed');
  });
});

describe('decide: 4. the user lists', () => {
  it('a safe address releases junk and quarantine verdicts', () => {
    const c = ctx([], { safe: [userEntry('a@example.com', 's1')] });
    for (const verdict of ['spam', 'highConfidenceSpam', 'phishing', 'bulk'] as const) {
      expect(decide(message('A@Example.com', { verdict }), c)).toMatchObject({
        action: 'inbox',
        reason: { code: 'userSafeSender', entry: { id: 's1', list: 'safeSenders', matchedOn: 'address' } },
        usedTenantEntryIds: [],
      });
    }
  });

  it('a safe domain releases junk but not quarantine', () => {
    const c = ctx([], { safe: [userEntry('example.com')] });
    expect(decide(spam('a@example.com'), c)).toMatchObject({ action: 'inbox', reason: { code: 'userSafeSender' } });
    const q = decide(message('a@example.com', { verdict: 'phishing' }), c);
    expect(q).toMatchObject({ action: 'quarantine', reason: { code: 'verdictPhishing' } });
    expect(q.ignoredEntries[0]?.code).toBe('safeDomainNotHonouredForQuarantine');
  });

  it('a safe sender does not release a spoof verdict (docs silent: safer)', () => {
    const d = decide(message('a@example.com', { verdict: 'spoof' }), ctx([], { safe: [userEntry('a@example.com')] }));
    expect(d).toMatchObject({ action: 'junk', reason: { code: 'verdictSpoof' } });
    expect(d.ignoredEntries[0]?.code).toBe('authenticationFailed');
  });

  it('a blocked sender sends clean mail to junk, and keeps the stricter verdict action', () => {
    const c = ctx([], { blocked: [userEntry('example.com', 'k1')] });
    expect(decide(message('a@example.com'), c)).toMatchObject({
      action: 'junk',
      reason: { code: 'userBlockedSender', entry: { id: 'k1', list: 'blockedSenders', matchedOn: 'domain' } },
    });
    expect(decide(message('a@example.com', { verdict: 'phishing' }), c).action).toBe('quarantine');
  });

  it('the same value on both lists: Safe Senders wins', () => {
    const d = decide(spam('a@example.com'), ctx([], { safe: [userEntry('a@example.com')], blocked: [userEntry('a@example.com')] }));
    expect(d).toMatchObject({ action: 'inbox', reason: { code: 'userSafeSender' } });
    expect(d.ignoredEntries[0]?.code).toBe('safeSenderWins');
  });

  it('a safe address beats a blocked domain; a blocked address beats a safe domain', () => {
    const a = decide(message('a@example.com'), ctx([], { safe: [userEntry('a@example.com')], blocked: [userEntry('example.com')] }));
    expect(a).toMatchObject({ action: 'inbox', reason: { code: 'userSafeSender' } });
    const b = decide(message('a@example.com'), ctx([], { safe: [userEntry('example.com')], blocked: [userEntry('a@example.com')] }));
    expect(b).toMatchObject({ action: 'junk', reason: { code: 'userBlockedSender' } });
    expect(b.ignoredEntries[0]?.code).toBe('moreSpecificBlockedSender');
  });

  it("a user's blocked sender beats a tenant allow", () => {
    const d = decide(spam('a@example.com'), ctx([entry('a@example.com', 'allow')], { blocked: [userEntry('a@example.com')] }));
    expect(d).toMatchObject({ action: 'junk', reason: { code: 'userBlockedSender' }, usedTenantEntryIds: [] });
    expect(d.ignoredEntries[0]?.code).toBe('userBlockWins');
  });

  it('a safe sender on clean mail changes nothing, so the reason is the verdict', () => {
    expect(decide(message('a@example.com'), ctx([], { safe: [userEntry('a@example.com')] })).reason.code).toBe('noVerdict');
  });
});

describe('decide: 5. tenant allow', () => {
  it('releases bulk, spam, high-confidence spam and phishing, and is reported used', () => {
    const c = ctx([entry('example.com', 'allow', { id: 'a1' })]);
    for (const verdict of ['bulk', 'spam', 'highConfidenceSpam', 'phishing'] as const) {
      expect(decide(message('a@example.com', { verdict }), c)).toMatchObject({
        action: 'inbox',
        reason: { code: 'tenantAllow', entry: { id: 'a1', matchedOn: 'domain' } },
        usedTenantEntryIds: ['a1'],
      });
    }
  });

  it('is not used for clean mail (nothing to override), so its last-used date does not move', () => {
    const d = decide(message('a@example.com'), ctx([entry('a@example.com', 'allow')]));
    expect(d).toMatchObject({ action: 'inbox', reason: { code: 'noVerdict' }, usedTenantEntryIds: [] });
  });

  it.each([
    [{ compauth: 'fail' }],
    [{ dmarc: 'fail' }],
    [{ dmarc: 'fail', compauth: 'none' }],
  ] as const)('does not apply when authentication fails (%j)', (authentication) => {
    const d = decide(spam('a@example.com', { authentication }), ctx([entry('a@example.com', 'allow')]));
    expect(d).toMatchObject({ action: 'junk', reason: { code: 'verdictSpam' }, usedTenantEntryIds: [] });
    expect(d.ignoredEntries[0]?.code).toBe('authenticationFailed');
  });

  it('applies when compauth passes despite a DMARC fail (compauth is the composite)', () => {
    const d = decide(spam('a@example.com', { authentication: { dmarc: 'fail', compauth: 'softpass' } }), ctx([entry('a@example.com', 'allow')]));
    expect(d.action).toBe('inbox');
  });

  it('does not apply to a spoof verdict', () => {
    const d = decide(message('a@example.com', { verdict: 'spoof' }), ctx([entry('a@example.com', 'allow')]));
    expect(d.action).toBe('junk');
  });

  it('an expired allow entry never matches', () => {
    const old = entry('a@example.com', 'allow', { expiration: { type: 'days', days: 1 }, setAt: daysFromNow(-2) });
    const d = decide(spam('a@example.com'), ctx([old]));
    expect(d).toMatchObject({ action: 'junk', ignoredEntries: [] });
  });

  it('an allow entry expires exactly at its expiry instant', () => {
    const e = entry('a@example.com', 'allow', { expiration: { type: 'date', date: NOW.toISOString() } });
    expect(decide(spam('a@example.com'), ctx([e])).action).toBe('junk');
  });
});

describe('decide: the sender', () => {
  it('matches Unicode and punycode spellings of the same domain', () => {
    const c = ctx([entry('xn--bcher-kva.example', 'block', { id: 'b1' })]);
    expect(decide(message('Jöse@BÜCHER.example'), c).reason.entry?.id).toBe('b1');
    expect(decide(message('jose@xn--bcher-kva.example'), c).reason.entry?.id).toBe('b1');
  });

  it('when senderDomain differs from the address, blocks check both and allows do not apply', () => {
    const c = ctx([entry('a@example.com', 'allow', { id: 'a1' }), entry('example.net', 'block', { id: 'b1' })]);
    expect(decide(spam('a@example.com', { senderDomain: 'example.net' }), c).reason.entry?.id).toBe('b1');
    const d = decide(spam('a@example.com', { senderDomain: 'example.org' }), c);
    expect(d.action).toBe('junk');
    expect(d.ignoredEntries[0]).toMatchObject({ entry: { id: 'a1' }, code: 'senderMismatch' });
    expect(decide(spam('a@example.com', { senderDomain: 'EXAMPLE.com' }), c).action).toBe('inbox');
  });

  it('an unparseable sender matches no entry but still gets the verdict action', () => {
    const c = ctx([entry('example.com', 'allow')], { safe: [userEntry('example.com')] });
    expect(decide(spam('not an address'), c)).toMatchObject({ action: 'junk', reason: { code: 'verdictSpam' } });
    expect(decide(spam(''), c).action).toBe('junk');
  });

  it('a block on the domain alone still applies when only senderDomain is known', () => {
    const c = ctx([entry('example.com', 'block', { id: 'b1' })]);
    expect(decide(message('<>', { senderDomain: 'example.com' }), c).reason.entry?.id).toBe('b1');
  });
});

describe('explainDecision', () => {
  it('names the entry, and why other entries did not apply', () => {
    const block = entry('example.com', 'block', { id: 'b1' });
    const allow = entry('a@example.com', 'allow', { id: 'a1' });
    const text = explainDecision(decide(spam('a@example.com'), ctx([allow, block])));
    expect(text).toBe(
      'The message is quarantined because the sender matches the Tenant Allow/Block List block entry example.com (id b1).' +
        ' The Tenant Allow/Block List allow entry a@example.com (id a1) matched but did not apply: a block entry wins over allow entries.',
    );
  });

  it('names the threshold', () => {
    const text = explainDecision(decide(message('n@example.com', { verdict: 'bulk', bcl: 8 }), ctx()));
    expect(text).toContain('bulk complaint level 8 is at or above the bulk threshold 7');
  });
});
