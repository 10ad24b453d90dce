import fs from 'node:fs';
import path from 'node:path';
import { configFromEnvironment } from '../../src/server/config';
import { ConfigError, devTokensEnabled, loadConfig } from '../../src/server/config/config';
import { withDevCertificates } from '../../src/server/config/dev-certs';
import { tempDir } from '../helpers/server';

describe('configuration', () => {
  test('defaults: port 3000, ./data, SQLite, loopback, dev tokens on', () => {
    const config = loadConfig({}, {}, '/srv/app');
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: '/srv/app/data', databaseUrl: undefined, publicUrl: 'http://localhost:3000', maxMessageBytes: 35 * 1024 * 1024 });
    expect(devTokensEnabled(config)).toBe(true);
  });

  test('the documented variables are read; the environment wins over the file', () => {
    const config = loadConfig(
      { SECOND_LOOK_PORT: '8443', DATABASE_URL: 'postgres://db/sl' },
      { SECOND_LOOK_PORT: '9999', SECOND_LOOK_DATA: '/var/lib/second-look', SECOND_LOOK_PUBLIC_URL: 'https://triage.contoso.example/' },
      '/srv/app',
    );
    expect(config).toMatchObject({ port: 8443, dataDir: '/var/lib/second-look', databaseUrl: 'postgres://db/sl', publicUrl: 'https://triage.contoso.example' });
  });

  test("the portal signs in as the add-in's app registration unless told otherwise", () => {
    const idp = { SECOND_LOOK_JWKS_URL: 'https://login.example/keys', SECOND_LOOK_ISSUER: 'https://login.example/tenant/v2.0', SECOND_LOOK_AUDIENCE: 'api://second-look', SECOND_LOOK_CLIENT_ID: '6f1c0b8e-1111-4222-8333-944445555666' };
    expect(loadConfig(idp).portal.clientId).toBe('6f1c0b8e-1111-4222-8333-944445555666');
    expect(loadConfig({ ...idp, SECOND_LOOK_PORTAL_CLIENT_ID: 'portal-spa' }).portal.clientId).toBe('portal-spa');
  });

  test('binding beyond loopback turns dev tokens off', () => {
    expect(devTokensEnabled(loadConfig({ SECOND_LOOK_HOST: '0.0.0.0' }))).toBe(false);
    expect(devTokensEnabled(loadConfig({ SECOND_LOOK_HOST: '::1' }))).toBe(true);
  });

  test.each([
    [{ SECOND_LOOK_PORT: 'eighty' }, /SECOND_LOOK_PORT/],
    [{ SECOND_LOOK_PORT: '70000' }, /SECOND_LOOK_PORT/],
    [{ SECOND_LOOK_PUBLIC_URL: 'triage.example' }, /SECOND_LOOK_PUBLIC_URL/],
    [{ SECOND_LOOK_TLS_CERT: 'a.crt' }, /set together/],
    [{ SECOND_LOOK_JWKS_URL: 'https://idp.example/keys' }, /SECOND_LOOK_ISSUER/],
  ])('%j is refused with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('the config file is read, and a broken one is a clear error', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'second-look.config.json'), JSON.stringify({ SECOND_LOOK_PORT: 4000, SECOND_LOOK_HOST: '127.0.0.2' }));
    expect(configFromEnvironment({ SECOND_LOOK_DEV_CERTS: 'off' }, dir)).toMatchObject({ port: 4000, host: '127.0.0.2' });
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ nope');
    expect(() => configFromEnvironment({ SECOND_LOOK_CONFIG: 'broken.json' }, dir)).toThrow(/not valid JSON/);
    expect(() => configFromEnvironment({ SECOND_LOOK_CONFIG: 'missing.json' }, dir)).toThrow(/does not exist/);
  });

  test('office-addin-dev-certs certificates are picked up and make the public URL https', () => {
    const home = tempDir();
    const certs = path.join(home, '.office-addin-dev-certs');
    fs.mkdirSync(certs);
    fs.writeFileSync(path.join(certs, 'localhost.crt'), 'cert');
    fs.writeFileSync(path.join(certs, 'localhost.key'), 'key');
    const config = withDevCertificates(loadConfig({}), {}, home);
    expect(config.publicUrl).toBe('https://localhost:3000');
    expect(config.tls?.certFile).toBe(path.join(certs, 'localhost.crt'));
    expect(withDevCertificates(loadConfig({}), { SECOND_LOOK_DEV_CERTS: 'off' }, home).tls).toBeUndefined();
    expect(withDevCertificates(loadConfig({}), {}, tempDir()).tls).toBeUndefined();
  });
});
