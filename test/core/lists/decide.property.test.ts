/** Properties of decide(): block beats allow, expired entries never match, spelling does
 * not matter, and decide is total. */
import fc from 'fast-check';
import {
  DECISION_ACTIONS,
  FILTER_VERDICTS,
  type EntrySource,
  type Expiration,
  type MessageFacts,
} from '../../../src/contracts/lists';
import {
  DEFAULT_POLICY,
  buildTenantIndex,
  buildUserIndex,
  decide,
  displayValue,
  type DecisionContext,
  type TenantEntry,
} from '../../../src/core/lists';
import { DAY, NOW, daysFromNow } from './fixtures';

const locals = ['a', 'bob', 'sales', 'no-reply', 'jöse', 'x.y'];
const domains = ['example.com', 'mail.example.com', 'example.net', 'xn--bcher-kva.example', 'sub.xn--bcher-kva.example', 'example.org'];

const localArb = fc.constantFrom(...locals);
const domainArb = fc.constantFrom(...domains);
const addressArb = fc.tuple(localArb, domainArb).map(([l, d]) => `${l}@${d}`);
/** Any value an entry can hold: address, domain or wildcard domain. */
const valueArb = fc.oneof(addressArb, domainArb, domainArb.map((d) => `*.${d}`));
const verdictArb = fc.constantFrom(...FILTER_VERDICTS);
const sourceArb = fc.constantFrom<EntrySource>('direct', 'submission');
const authArb = fc.record(
  {
    spf: fc.constantFrom('pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'),
    dkim: fc.constantFrom('pass', 'fail', 'neutral', 'policy', 'none', 'temperror', 'permerror'),
    dmarc: fc.constantFrom('pass', 'fail', 'bestguesspass', 'none', 'temperror', 'permerror'),
    compauth: fc.constantFrom('pass', 'fail', 'softpass', 'none'),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<MessageFacts['authentication']>;

const messageArb = fc.record(
  {
    senderAddress: addressArb,
    senderDomain: domainArb,
    authentication: authArb,
    verdict: verdictArb,
    bcl: fc.integer({ min: 0, max: 9 }),
  },
  { requiredKeys: ['senderAddress', 'authentication', 'verdict'] },
) as fc.Arbitrary<MessageFacts>;

const liveExpiration: fc.Arbitrary<Expiration> = fc.oneof(
  fc.constant<Expiration>({ type: 'never' }),
  fc.constant<Expiration>({ type: 'days', days: 30 }),
  fc.constant<Expiration>({ type: 'afterLastUsed', days: 45 }),
  fc.integer({ min: 1, max: 30 }).map((d): Expiration => ({ type: 'date', date: daysFromNow(d) })),
);
const expiredExpiration: fc.Arbitrary<Expiration> = fc.oneof(
  fc.integer({ min: 0, max: 365 }).map((d): Expiration => ({ type: 'date', date: daysFromNow(-d) })),
  fc.constant<Expiration>({ type: 'days', days: 1 }), // set 2+ days ago below
  fc.constant<Expiration>({ type: 'afterLastUsed', days: 45 }), // last used 46+ days ago below
);

let seq = 0;
const entryArb = (action: 'allow' | 'block', expiration: fc.Arbitrary<Expiration>, expired = false) =>
  fc.record({ value: valueArb, source: sourceArb, expiration }).map(
    ({ value, source, expiration: exp }): TenantEntry => ({
      id: `${action}-${(seq += 1)}`,
      value,
      action,
      source,
      expiration: exp,
      expirationSetDateTime: expired ? daysFromNow(-50) : NOW.toISOString(),
      lastUsedDateTime: expired ? daysFromNow(-46) : null,
    }),
  );

const userArb = fc.record({
  safe: fc.array(valueArb.filter((v) => !v.startsWith('*.')), { maxLength: 4 }),
  blocked: fc.array(valueArb.filter((v) => !v.startsWith('*.')), { maxLength: 4 }),
});

function context(entries: TenantEntry[], user: { safe: string[]; blocked: string[] }): DecisionContext {
  const toUser = (values: string[]) => values.map((v, i) => ({ id: `u${i}`, value: v }));
  return {
    tenant: buildTenantIndex(entries),
    user: buildUserIndex(toUser(user.safe), toUser(user.blocked)),
    policy: DEFAULT_POLICY,
    now: NOW,
  };
}

describe('decide() properties', () => {
  it('block always beats allow: a matching live tenant block always quarantines', () => {
    fc.assert(
      fc.property(
        messageArb,
        fc.array(entryArb('allow', liveExpiration), { maxLength: 6 }),
        userArb,
        (message, allows, user) => {
          // A block entry built to match this sender: its address, its domain or a wildcard.
          const at = message.senderAddress.lastIndexOf('@');
          const domain = message.senderAddress.slice(at + 1);
          const blockValues = [message.senderAddress, domain, `*.${domain}`];
          for (const value of blockValues) {
            const block: TenantEntry = {
              id: 'the-block',
              value,
              action: 'block',
              source: 'direct',
              expiration: { type: 'never' },
              expirationSetDateTime: NOW.toISOString(),
              lastUsedDateTime: null,
            };
            const sameAddressAllow = { ...block, id: 'same-allow', action: 'allow' as const, expiration: { type: 'days' as const, days: 30 as const } };
            const d = decide(message, context([...allows, sameAddressAllow, block], user));
            expect(d.action).toBe('quarantine');
            expect(d.reason.code).not.toBe('tenantAllow');
            expect(d.usedTenantEntryIds.every((id) => !id.startsWith('allow-') && id !== 'same-allow')).toBe(true);
          }
        },
      ),
    );
  });

  it('an expired entry never matches: decisions equal those without the expired entries', () => {
    fc.assert(
      fc.property(
        messageArb,
        fc.array(entryArb('allow', liveExpiration), { maxLength: 4 }),
        fc.array(entryArb('block', liveExpiration), { maxLength: 4 }),
        fc.array(fc.oneof(entryArb('allow', expiredExpiration, true), entryArb('block', expiredExpiration, true)), {
          minLength: 1,
          maxLength: 6,
        }),
        userArb,
        (message, allows, blocks, expired, user) => {
          const without = decide(message, context([...allows, ...blocks], user));
          const withExpired = decide(message, context([...expired, ...allows, ...blocks], user));
          expect(withExpired).toEqual(without);
          const expiredIds = new Set(expired.map((e) => e.id));
          expect(withExpired.usedTenantEntryIds.some((id) => expiredIds.has(id))).toBe(false);
        },
      ),
    );
  });

  it('case and IDN spellings of the sender and of the entries give the same decision', () => {
    const respell = (s: string, upper: boolean, unicode: boolean) => {
      const shown = unicode ? displayValue(s) : s;
      return upper ? shown.toUpperCase() : shown;
    };
    fc.assert(
      fc.property(
        messageArb,
        fc.array(fc.oneof(entryArb('allow', liveExpiration), entryArb('block', liveExpiration)), { maxLength: 6 }),
        userArb,
        fc.boolean(),
        fc.boolean(),
        (message, entries, user, upper, unicode) => {
          const base = decide(message, context(entries, user));
          const respelledMessage: MessageFacts = {
            ...message,
            senderAddress: respell(message.senderAddress, upper, unicode),
            ...(message.senderDomain !== undefined ? { senderDomain: respell(message.senderDomain, !upper, unicode) } : {}),
          };
          const respelledEntries = entries.map((e) => ({ ...e, value: respell(e.value, upper, !unicode) }));
          const respelledUser = {
            safe: user.safe.map((v) => respell(v, !upper, unicode)),
            blocked: user.blocked.map((v) => respell(v, upper, unicode)),
          };
          const other = decide(respelledMessage, context(respelledEntries, respelledUser));
          expect(other.action).toBe(base.action);
          expect(other.reason.code).toBe(base.reason.code);
          expect(other.reason.entry?.id).toBe(base.reason.entry?.id);
          expect(other.usedTenantEntryIds).toEqual(base.usedTenantEntryIds);
        },
      ),
    );
  });

  it('is total: arbitrary inputs never throw and always give a known action and reason', () => {
    const anyString = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.emailAddress(), addressArb);
    const anyMessage = fc.record(
      {
        senderAddress: anyString,
        senderDomain: fc.oneof(anyString, domainArb),
        authentication: authArb,
        verdict: verdictArb,
        bcl: fc.oneof(fc.integer(), fc.double()),
      },
      { requiredKeys: ['senderAddress', 'authentication', 'verdict'] },
    ) as fc.Arbitrary<MessageFacts>;
    const anyEntry = fc
      .record({
        id: fc.string(),
        value: fc.oneof(anyString, valueArb),
        action: fc.constantFrom('allow' as const, 'block' as const),
        source: sourceArb,
        expiration: fc.oneof(liveExpiration, expiredExpiration, fc.constant<Expiration>({ type: 'date', date: 'garbage' })),
        expirationSetDateTime: fc.oneof(fc.constant(NOW.toISOString()), fc.string()),
        lastUsedDateTime: fc.oneof(fc.constant(null), fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
      })
      .map((e): TenantEntry => e);
    fc.assert(
      fc.property(
        anyMessage,
        fc.array(anyEntry, { maxLength: 8 }),
        fc.record({ safe: fc.array(anyString, { maxLength: 4 }), blocked: fc.array(anyString, { maxLength: 4 }) }),
        fc.integer({ min: 0, max: 10 }),
        fc.date({ min: new Date(NOW.getTime() - 400 * DAY), max: new Date(NOW.getTime() + 400 * DAY), noInvalidDate: true }),
        (message, entries, user, bulkThreshold, now) => {
          const ctx = { ...context(entries, user), policy: { ...DEFAULT_POLICY, bulkThreshold }, now };
          const d = decide(message, ctx);
          expect(DECISION_ACTIONS).toContain(d.action);
          expect(d.reason.code).not.toBe('internalError');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('safe senders never release malware or high-confidence phishing; safe domains never release quarantine', () => {
    fc.assert(
      fc.property(messageArb, userArb, (message, user) => {
        const d = decide(message, context([], user));
        if (message.verdict === 'malware' || message.verdict === 'highConfidencePhishing') {
          expect(d.action).toBe('quarantine');
        }
        if (d.reason.code === 'userSafeSender' && d.reason.entry?.matchedOn !== 'address') {
          const withoutLists = decide(message, context([], { safe: [], blocked: [] }));
          expect(withoutLists.action).not.toBe('quarantine');
        }
      }),
    );
  });
});
