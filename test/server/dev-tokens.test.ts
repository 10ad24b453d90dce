/**
 * Dev tokens reach nobody but the local developer. Each condition alone turns them off: the
 * route answers 404 as if it did not exist, and the start banner says why.
 */
import { devTokenRefusals } from '../../src/server/config/config';
import { startTestServer, type TestServer } from '../helpers/server';
import { startTestIssuer } from '../helpers/test-issuer';

const ASK = { user: 'ceo@contoso.com' };

type Case = [name: string, env: Record<string, string>, headers: Record<string, string>, status: number];

const cases: Case[] = [
  ['the embedded default from this machine', {}, { host: 'localhost:3000' }, 200],
  ['Host 127.0.0.1', {}, { host: '127.0.0.1:3000' }, 200],
  ['Host [::1]', {}, { host: '[::1]:3000' }, 200],
  ['SECOND_LOOK_DEV_TOKENS=off', { SECOND_LOOK_DEV_TOKENS: 'off' }, { host: 'localhost:3000' }, 404],
  ['a bind beyond loopback', { SECOND_LOOK_HOST: '0.0.0.0' }, { host: 'localhost:3000' }, 404],
  ['a public URL that is not loopback', { SECOND_LOOK_PUBLIC_URL: 'https://triage.contoso.example' }, { host: 'localhost:3000' }, 404],
  ['a public Host header', {}, { host: 'triage.contoso.example' }, 404],
  ['a Host that only looks local', {}, { host: 'localhost.contoso.example' }, 404],
  ['a Host with user info before a public name', {}, { host: 'localhost@triage.contoso.example' }, 404],
  ['X-Forwarded-For', {}, { host: 'localhost:3000', 'x-forwarded-for': '203.0.113.9' }, 404],
  ['X-Forwarded-Host', {}, { host: 'localhost:3000', 'x-forwarded-host': 'triage.contoso.example' }, 404],
  ['X-Forwarded-Proto', {}, { host: 'localhost:3000', 'x-forwarded-proto': 'https' }, 404],
  ['Forwarded', {}, { host: 'localhost:3000', forwarded: 'for=203.0.113.9' }, 404],
  ['X-Real-IP', {}, { host: 'localhost:3000', 'x-real-ip': '203.0.113.9' }, 404],
  ['the reproduction: public URL, public Host, X-Forwarded-For', { SECOND_LOOK_PUBLIC_URL: 'https://triage.contoso.example' }, { host: 'triage.contoso.example', 'x-forwarded-for': '203.0.113.9' }, 404],
];

describe('dev tokens', () => {
  test.each(cases)('%s', async (_name, env, headers, status) => {
    const server = await startTestServer('sqlite', env);
    try {
      const response = await server.app.inject({ method: 'POST', url: '/api/dev/token', headers, payload: ASK });
      expect(response.statusCode).toBe(status);
      if (status === 404) {
        expect(response.json()).toMatchObject({ code: 'no_route' });
        expect(response.json()).not.toHaveProperty('token');
      } else {
        expect(response.json().token).toEqual(expect.any(String));
      }
    } finally {
      await server.close();
    }
  });

  test('a peer that is not loopback gets 404 even with a loopback Host', async () => {
    const server = await startTestServer();
    try {
      const response = await server.app.inject({ method: 'POST', url: '/api/dev/token', headers: { host: 'localhost' }, remoteAddress: '203.0.113.9', payload: ASK });
      expect(response.statusCode).toBe(404);
    } finally {
      await server.close();
    }
  });

  test('an outside identity provider turns dev tokens off', async () => {
    const issuer = await startTestIssuer(() => new Date());
    const server = await startTestServer('sqlite', issuer.env());
    try {
      const response = await server.app.inject({ method: 'POST', url: '/api/dev/token', headers: { host: 'localhost' }, payload: ASK });
      expect(response.statusCode).toBe(404);
      expect(devTokenRefusals(server.config)).toEqual(['an outside identity provider is configured (SECOND_LOOK_JWKS_URL)']);
    } finally {
      await server.close();
      await issuer.close();
    }
  });

  test('every configuration reason is named for the start banner', async () => {
    const server = await startTestServer('sqlite', {
      SECOND_LOOK_DEV_TOKENS: 'off',
      SECOND_LOOK_HOST: '0.0.0.0',
      SECOND_LOOK_PUBLIC_URL: 'https://triage.contoso.example',
    });
    try {
      expect(devTokenRefusals(server.config)).toEqual([
        'SECOND_LOOK_DEV_TOKENS is off',
        'the server binds to 0.0.0.0, not to loopback',
        'the public URL https://triage.contoso.example is not a loopback or localhost URL',
      ]);
    } finally {
      await server.close();
    }
  });

  test('a dev token is an end-user token: no admin role, whatever is asked', async () => {
    const server: TestServer = await startTestServer();
    try {
      const response = await server.app.inject({ method: 'POST', url: '/api/dev/token', headers: { host: 'localhost' }, payload: { ...ASK, roles: ['SecurityAdministrator'] } });
      expect(response.statusCode).toBe(400);
      const plain = await server.app.inject({ method: 'POST', url: '/api/dev/token', headers: { host: 'localhost' }, payload: ASK });
      const token = plain.json().token as string;
      const admin = await server.app.inject({ method: 'GET', url: '/api/submissions', headers: { authorization: `Bearer ${token}` } });
      expect(admin.statusCode).toBe(403);
    } finally {
      await server.close();
    }
  });
});
