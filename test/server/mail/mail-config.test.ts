/** Outgoing mail's configuration: the pickup folder by default, a relay URL read strictly, and a password never repeated. */
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/server/config/config';
import { relayLabel } from '../../../src/server/config/mail-config';
import { TEST_CA_FILE } from '../../helpers/smtp-sink';

const BASE = { SECOND_LOOK_DATA: '/srv/second-look' };
const mailOf = (env: Record<string, string>) => loadConfig({ ...BASE, ...env }, {}, '/srv').mail;

describe('outgoing mail configuration', () => {
  test('by default: the pickup folder in the data folder, and the documented pace', () => {
    expect(mailOf({})).toEqual({
      delivery: { kind: 'pickup', folder: path.join('/srv/second-look', 'outbox') },
      pollSeconds: 5,
      leaseSeconds: 60,
      maxAttempts: 20,
      retrySeconds: 60,
      concurrency: 8,
    });
  });

  test('SECOND_LOOK_MAIL_CONNECTIONS: from 1 to 100, anything else refused with its name', () => {
    expect(mailOf({ SECOND_LOOK_MAIL_CONNECTIONS: '1' }).concurrency).toBe(1);
    expect(mailOf({ SECOND_LOOK_MAIL_CONNECTIONS: '100' }).concurrency).toBe(100);
    for (const bad of ['0', '101', 'many', '2.5']) expect(() => mailOf({ SECOND_LOOK_MAIL_CONNECTIONS: bad })).toThrow(/SECOND_LOOK_MAIL_CONNECTIONS/);
  });

  test('smtp:// with credentials: STARTTLS required, port 587 by default, percent-encoding decoded', () => {
    const { delivery } = mailOf({ SECOND_LOOK_SMTP_RELAY: 'smtp://second-look%40contoso.example:p%40ss%3Aw%2Frd@Relay.Contoso.example' });
    expect(delivery).toEqual({
      kind: 'relay',
      relay: { implicitTls: false, host: 'relay.contoso.example', port: 587, user: 'second-look@contoso.example', password: 'p@ss:w/rd', requireStartTls: true, caFile: undefined },
    });
  });

  test('smtps:// is TLS from the start, port 465; a relay on loopback or without credentials does not demand STARTTLS', () => {
    expect(mailOf({ SECOND_LOOK_SMTP_RELAY: 'smtps://relay.contoso.example' }).delivery).toMatchObject({ relay: { implicitTls: true, port: 465, requireStartTls: false } });
    expect(mailOf({ SECOND_LOOK_SMTP_RELAY: 'smtp://relay.contoso.example:25' }).delivery).toMatchObject({ relay: { port: 25, requireStartTls: false, user: undefined } });
    expect(mailOf({ SECOND_LOOK_SMTP_RELAY: 'smtp://u:p@127.0.0.1:2525' }).delivery).toMatchObject({ relay: { requireStartTls: false } });
    expect(mailOf({ SECOND_LOOK_SMTP_RELAY: 'smtp://u:p@[::1]:2525' }).delivery).toMatchObject({ relay: { host: '::1', requireStartTls: false } });
  });

  test('a CA file for the relay', () => {
    expect(mailOf({ SECOND_LOOK_SMTP_RELAY: 'smtps://relay.contoso.example', SECOND_LOOK_SMTP_RELAY_CA: TEST_CA_FILE }).delivery).toMatchObject({ relay: { caFile: TEST_CA_FILE } });
    expect(() => mailOf({ SECOND_LOOK_SMTP_RELAY: 'smtps://relay.contoso.example', SECOND_LOOK_SMTP_RELAY_CA: '/nowhere/ca.pem' })).toThrow(/SECOND_LOOK_SMTP_RELAY_CA names \/nowhere\/ca.pem/);
    expect(() => mailOf({ SECOND_LOOK_SMTP_RELAY_CA: TEST_CA_FILE })).toThrow(/set SECOND_LOOK_SMTP_RELAY too/);
  });

  test.each([
    ['a host and port alone', 'relay.contoso.example:587', /must be an smtp:\/\/ or smtps:\/\/ URL \(smtp:\/\/relay.contoso.example:587 or smtps:\/\/user:password@relay.contoso.example\)$/],
    ['not a URL', 'smtp://user:Hunter2-Secret@relay contoso', /not a URL/],
    ['another scheme', 'https://user:Hunter2-Secret@relay.contoso.example', /smtp:\/\/ or smtps:\/\/ URL.*got a https:\/\/ URL/],
    ['no host', 'smtp:Hunter2-Secret', /names no relay host/],
    ['a path', 'smtp://user:Hunter2-Secret@relay.contoso.example/submit', /no path, query or fragment/],
    ['a query', 'smtp://relay.contoso.example?tls=off&pass=Hunter2-Secret', /no path, query or fragment/],
    ['a password without a user', 'smtp://:Hunter2-Secret@relay.contoso.example', /both a user name and a password/],
    ['a user without a password', 'smtp://user@relay.contoso.example', /both a user name and a password/],
    ['port 0', 'smtp://user:Hunter2-Secret@relay.contoso.example:0', /port must be from 1 to 65535/],
    ['bad percent-encoding', 'smtp://user:Hunter2-Secret%zz@relay.contoso.example', /(not valid percent-encoding|not a URL)/],
  ])('%s is a ConfigError that names the variable and never repeats the password', (_what, value, message) => {
    let error: unknown;
    try {
      mailOf({ SECOND_LOOK_SMTP_RELAY: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^SECOND_LOOK_SMTP_RELAY/);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('Hunter2-Secret');
  });

  test.each([
    ['SECOND_LOOK_MAIL_POLL_SECONDS', '0'],
    ['SECOND_LOOK_MAIL_LEASE_SECONDS', '1'],
    ['SECOND_LOOK_MAIL_MAX_ATTEMPTS', '0'],
    ['SECOND_LOOK_MAIL_RETRY_SECONDS', 'soon'],
  ])('%s=%s is refused', (name, value) => {
    expect(() => mailOf({ [name]: value })).toThrow(new RegExp(`${name} must be a whole number`));
  });

  test('the relay as logs and the banner show it: no password', () => {
    const { delivery } = mailOf({ SECOND_LOOK_SMTP_RELAY: 'smtps://second-look:Hunter2-Secret@relay.contoso.example' });
    if (delivery.kind !== 'relay') throw new Error('expected a relay');
    expect(relayLabel(delivery.relay)).toBe('smtps://second-look:***@relay.contoso.example:465');
    expect(relayLabel({ implicitTls: false, host: '::1', port: 25, user: undefined })).toBe('smtp://[::1]:25');
  });
});
