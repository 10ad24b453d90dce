/** Addresses read by ipaddr.js: what is an IP, which ones are inside a site, and networks. */
import { findIp, isInternalIp, isIpAddress, isLoopbackHost, parseNetwork } from '../../../src/core/net/addresses';

describe('IP addresses', () => {
  test.each([
    ['203.0.113.7', true],
    ['2603:10a6:20b:462::12', true],
    ['::1', true],
    ['::ffff:10.0.0.1', true],
    ['[2001:db8::1]', true],
    [':::', false],
    ['1:2', false],
    ['10:00:01', false],
    ['127.1', false],
    ['256.1.1.1', false],
    ['0x7f.0.0.1', false],
    ['', false],
  ])('%s is an address: %s', (text, expected) => {
    expect(isIpAddress(text)).toBe(expected);
  });

  test.each([
    ['10.1.2.3', true],
    ['172.16.0.9', true],
    ['192.168.1.1', true],
    ['100.64.0.1', true],
    ['100.127.255.254', true],
    ['169.254.10.10', true],
    ['127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:127.0.0.1', true],
    ['fd12:3456::1', true],
    ['fe80::1', true],
    ['::1', true],
    ['100.128.0.1', false],
    ['203.0.113.7', false],
    ['198.51.100.1', false],
    ['2603:10a6:20b:462::12', false],
    ['2001:db8::1', false],
    ['not an ip', false],
  ])('%s is internal: %s', (ip, expected) => {
    expect(isInternalIp(ip)).toBe(expected);
  });

  test('the organisation\'s own networks count as internal too', () => {
    const networks = ['40.107.0.0/16', '2a01:111:f400::/48', '192.0.2.10'].map((n) => parseNetwork(n)).filter((n) => n !== undefined);
    expect(networks).toHaveLength(3);
    expect(isInternalIp('40.107.22.5', networks)).toBe(true);
    expect(isInternalIp('2a01:111:f400:7e1a::1', networks)).toBe(true);
    expect(isInternalIp('192.0.2.10', networks)).toBe(true);
    expect(isInternalIp('192.0.2.11', networks)).toBe(false);
    expect(isInternalIp('40.108.0.1', networks)).toBe(false);
    expect(parseNetwork('10.0.0.0/33')).toBeUndefined();
    expect(parseNetwork('nonsense')).toBeUndefined();
  });

  test('findIp reads the address out of comments and literals', () => {
    expect(findIp('from mail.example (mail.example [203.0.113.7])')).toBe('203.0.113.7');
    expect(findIp('sender IP is 2603:10a6:20b:462::12)')).toBe('2603:10a6:20b:462::12');
    expect(findIp('helo [IPv6:2001:db8::1]')).toBe('2001:db8::1');
    expect(findIp('at 10:00:01 nothing')).toBeUndefined();
    expect(findIp(':::')).toBeUndefined();
  });

  test('loopback hosts', () => {
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('LOCALHOST.')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.0.0.2')).toBe(true);
    expect(isLoopbackHost('localhost.contoso.example')).toBe(false);
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
  });
});
