/**
 * The quarantine's settings: the SMTP listener's port, address, password and allow list (and
 * the refusals that keep a listener reachable from the network from being open to anyone), the
 * retention per reason (1–30 days) and the policy per reason.
 */
import { loadConfig } from '../../../src/server/config/config';
import { DEFAULT_REASON_POLICIES } from '../../../src/core/quarantine';

const load = (env: Record<string, string>) => loadConfig({ SECOND_LOOK_DATA: '/tmp/sl-config-test', ...env });

describe('the SMTP listener', () => {
  test('on 127.0.0.1:2525 by default, without AUTH or an allow list', () => {
    expect(load({}).quarantine.smtp).toEqual({ port: 2525, host: '127.0.0.1', auth: undefined, allow: [] });
  });

  test('a port, off, an address, a user and password, networks', () => {
    expect(load({ SECOND_LOOK_SMTP_PORT: 'off' }).quarantine.smtp).toBeUndefined();
    expect(load({ SECOND_LOOK_SMTP_PORT: '25', SECOND_LOOK_SMTP_HOST: '10.1.2.3', SECOND_LOOK_SMTP_ALLOW: '10.0.0.0/8 2001:db8::/32, 192.0.2.7' }).quarantine.smtp).toEqual({
      port: 25,
      host: '10.1.2.3',
      auth: undefined,
      allow: ['10.0.0.0/8', '2001:db8::/32', '192.0.2.7'],
    });
    expect(load({ SECOND_LOOK_SMTP_USER: 'postfix', SECOND_LOOK_SMTP_PASSWORD: 'long-enough-secret' }).quarantine.smtp?.auth).toEqual({ user: 'postfix', password: 'long-enough-secret' });
  });

  test.each([
    [{ SECOND_LOOK_SMTP_PORT: '70000' }, /SECOND_LOOK_SMTP_PORT must be a port from 0 to 65535, or off/],
    [{ SECOND_LOOK_SMTP_USER: 'postfix' }, /SECOND_LOOK_SMTP_USER and SECOND_LOOK_SMTP_PASSWORD are set together/],
    [{ SECOND_LOOK_SMTP_USER: 'postfix', SECOND_LOOK_SMTP_PASSWORD: 'short' }, /at least 12 characters/],
    [{ SECOND_LOOK_SMTP_ALLOW: '10.0.0.0/33' }, /SECOND_LOOK_SMTP_ALLOW lists networks .* got "10.0.0.0\/33"/],
    [{ SECOND_LOOK_SMTP_HOST: '0.0.0.0' }, /binds to 0.0.0.0, where others can reach it: say who may use it with SECOND_LOOK_SMTP_ALLOW/],
    [{ SECOND_LOOK_SMTP_HOST: '0.0.0.0', SECOND_LOOK_SMTP_USER: 'postfix', SECOND_LOOK_SMTP_PASSWORD: 'long-enough-secret' }, /offers AUTH only over TLS off loopback/],
  ])('%o is refused', (env, message) => {
    expect(() => load(env)).toThrow(message);
  });

  test('a refusal never repeats the password', () => {
    expect(() => load({ SECOND_LOOK_SMTP_HOST: '0.0.0.0', SECOND_LOOK_SMTP_USER: 'postfix', SECOND_LOOK_SMTP_PASSWORD: 'do-not-print-me-1' })).toThrow(/^(?!.*do-not-print-me-1)/s);
  });
});

describe('retention and policies per reason', () => {
  test('30 days and Exchange Online\'s mapping by default', () => {
    const { retentionDays, policies } = load({}).quarantine;
    expect(Object.values(retentionDays)).toEqual([30, 30, 30, 30, 30, 30, 30]);
    expect(policies).toEqual(DEFAULT_REASON_POLICIES);
  });

  test('a number for every reason, reason:days for one', () => {
    const { retentionDays } = load({ SECOND_LOOK_QUARANTINE_RETENTION_DAYS: '15, bulk:7, malware:30' }).quarantine;
    expect(retentionDays).toEqual({ spam: 15, highConfidenceSpam: 15, bulk: 7, phishing: 15, highConfidencePhishing: 15, malware: 30, organisationRule: 15 });
  });

  test('reason:policy for the built-in policies', () => {
    const { policies } = load({ SECOND_LOOK_QUARANTINE_POLICIES: 'spam:DefaultFullAccessWithNotificationPolicy,phishing:AdminOnlyAccessPolicy' }).quarantine;
    expect(policies).toMatchObject({ spam: 'DefaultFullAccessWithNotificationPolicy', phishing: 'AdminOnlyAccessPolicy', bulk: 'DefaultFullAccessPolicy' });
  });

  test.each([
    [{ SECOND_LOOK_QUARANTINE_RETENTION_DAYS: '0' }, /"0" is not a number of days from 1 to 30/],
    [{ SECOND_LOOK_QUARANTINE_RETENTION_DAYS: 'spam:31' }, /"spam:31" is not a number of days from 1 to 30/],
    [{ SECOND_LOOK_QUARANTINE_RETENTION_DAYS: 'junk:5' }, /"junk" is not a quarantine reason/],
    [{ SECOND_LOOK_QUARANTINE_POLICIES: 'spam:Lenient' }, /"spam:Lenient" is not reason:policy with a policy of AdminOnlyAccessPolicy/],
  ])('%o is refused', (env, message) => {
    expect(() => load(env)).toThrow(message);
  });
});
