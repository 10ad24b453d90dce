import { generateRspamdMaps } from '../../../src/core/exports';
import { NOW, daysFromNow, entry } from '../lists/fixtures';

const body = (map: string) => map.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

describe('generateRspamdMaps', () => {
  const maps = generateRspamdMaps(
    [
      entry('b@example.com', 'block'),
      entry('a@example.com', 'block'),
      entry('example.net', 'block'),
      entry('*.example.info', 'block'),
      entry('vendor@example.org', 'allow'),
      entry('partner.example', 'allow'),
      entry('x@example.net', 'allow', { id: 'shadowed' }),
      entry('old@example.org', 'allow', { expiration: { type: 'date', date: daysFromNow(-1) } }),
      entry('"a b"@example.org', 'block', { id: 'quoted' }),
      entry('a#b@example.org', 'block', { id: 'hash' }),
    ],
    NOW,
  );

  it('writes one entry per line, sorted, in four plain maps', () => {
    expect(body(maps.blockSenders)).toEqual(['a@example.com', 'b@example.com']);
    expect(body(maps.blockDomains)).toEqual(['example.info', 'example.net']);
    expect(body(maps.allowSenders)).toEqual(['vendor@example.org']);
    expect(body(maps.allowDomains)).toEqual(['partner.example']);
  });

  it('covers subdomains of *.domain blocks with a regexp map', () => {
    expect(body(maps.blockDomainPatterns)).toEqual(['/(^|\\.)example\\.info$/i']);
    const re = /(^|\.)example\.info$/i;
    expect(re.test('mail.example.info')).toBe(true);
    expect(re.test('badexample.info')).toBe(false);
  });

  it('leaves out expired entries and allows shadowed by a block', () => {
    expect(maps.allowSenders).not.toContain('old@example.org');
    expect(maps.allowSenders).not.toContain('x@example.net');
  });

  it('starts with # comments and leaves out what the map syntax cannot hold', () => {
    expect(maps.blockSenders.startsWith('# Second Look: block senders (Rspamd multimap map)\n# Entries: 2.')).toBe(true);
    expect(maps.skipped.slice().sort()).toEqual(['hash', 'quoted']);
  });

  it('gives the same bytes for the same lists', () => {
    const again = generateRspamdMaps([entry('a@example.com', 'block'), entry('b@example.com', 'block')], new Date(NOW.getTime() + 1000));
    expect(again.blockSenders).toBe(maps.blockSenders);
  });
});
