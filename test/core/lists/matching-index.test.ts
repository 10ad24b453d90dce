import { buildTenantIndex, buildUserIndex, findMatch, lookupSender } from '../../../src/core/lists';
import { NOW, daysFromNow, entry } from './fixtures';

const nowMs = NOW.getTime();

describe('matching index', () => {
  const index = buildTenantIndex([
    entry('a@mail.example.com', 'block', { id: 'addr' }),
    entry('mail.example.com', 'block', { id: 'exact' }),
    entry('*.example.com', 'block', { id: 'wild-top' }),
    entry('*.eu.mail.example.com', 'block', { id: 'wild-near' }),
    entry('Bad Value', 'block', { id: 'broken' }),
  ]);

  it('the most specific match wins: address, exact domain, nearest wildcard', () => {
    const m = (address: string | null, domain: string) => findMatch(index, 'block', { address, domain }, nowMs);
    expect(m('a@mail.example.com', 'mail.example.com')).toMatchObject({ entry: { id: 'addr' }, matchedOn: 'address' });
    expect(m('b@mail.example.com', 'mail.example.com')).toMatchObject({ entry: { id: 'exact' }, matchedOn: 'domain' });
    expect(m(null, 'x.eu.mail.example.com')).toMatchObject({ entry: { id: 'wild-near' }, matchedOn: 'wildcardDomain' });
    expect(m(null, 'eu.mail.example.com')).toMatchObject({ entry: { id: 'wild-near' } });
    expect(m(null, 'other.example.com')).toMatchObject({ entry: { id: 'wild-top' } });
    expect(m(null, 'example.com')).toMatchObject({ entry: { id: 'wild-top' } });
    expect(m(null, 'example.net')).toBeNull();
    expect(m(null, 'notexample.com')).toBeNull();
  });

  it('lists entries whose stored value is unreadable, and never matches them', () => {
    expect(index.unreadable).toEqual(['broken']);
    expect(index.counts).toEqual({ allow: 0, block: 4 });
  });

  it('skips an expired entry and falls through to the next most specific one', () => {
    const i = buildTenantIndex([
      entry('a@example.com', 'block', { id: 'gone', expiration: { type: 'date', date: daysFromNow(-1) } }),
      entry('example.com', 'block', { id: 'live' }),
    ]);
    expect(findMatch(i, 'block', { address: 'a@example.com', domain: 'example.com' }, nowMs)?.entry.id).toBe('live');
  });

  it('normalises stored values that were not in the one form', () => {
    const i = buildUserIndex([{ id: 's', value: 'Bob@Bücher.Example' }], [{ id: 'b', value: '@EXAMPLE.net' }]);
    expect(findMatch(i, 'allow', { address: 'bob@xn--bcher-kva.example', domain: 'xn--bcher-kva.example' }, nowMs)?.entry.id).toBe('s');
    expect(findMatch(i, 'block', { address: null, domain: 'example.net' }, nowMs)?.entry.id).toBe('b');
  });

  it('looks both sides up at once, each most specific on its own side', () => {
    const i = buildTenantIndex([
      entry('a@example.com', 'allow', { id: 'allow-addr' }),
      entry('*.example.com', 'block', { id: 'block-wild' }),
      entry('example.com', 'allow', { id: 'allow-domain' }),
    ]);
    const m = lookupSender(i, { address: 'a@example.com', domain: 'example.com' }, nowMs);
    expect([m.allow?.entry.id, m.allow?.matchedOn, m.block?.entry.id, m.block?.matchedOn]).toEqual([
      'allow-addr',
      'address',
      'block-wild',
      'wildcardDomain',
    ]);
  });
});
