import { main } from '../../src/cli';
import { startTestServer } from '../helpers/server';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('second-look token', () => {
  test('mints a token the server accepts, with the role asked for', async () => {
    // The CLI signs with the real clock, so this server checks tokens against the real clock too.
    const server = await startTestServer('sqlite', {}, { realClock: true });
    try {
      const { io, out } = captureIo();
      const env = { SECOND_LOOK_DATA: server.config.dataDir, SECOND_LOOK_DEV_CERTS: 'off' };
      expect(await main(['token', '--user', 'SecOps@Contoso.example', '--role', 'SecurityAdministrator'], io, env)).toBe(0);
      const token = out[0] ?? '';
      const list = await server.app.inject({ method: 'GET', url: '/api/submissions', headers: { authorization: `Bearer ${token}` } });
      expect(list.statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  test.each([
    [['token'], /--user ADDRESS is required/],
    [['token', '--user', 'not-an-address'], /--user ADDRESS is required/],
    [['token', '--user', 'a@contoso.example', '--role', 'GlobalAdmin'], /--role must be one of SecurityAdministrator, SecurityReader/],
    [['token', '--user', 'a@contoso.example', '--hours=0'], /--hours/],
    [['token', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j → exit 2 with one clear line', async (argv, message) => {
    const { io, err, out } = captureIo();
    expect(await main(argv, io, { SECOND_LOOK_DATA: '/nonexistent-never-used', SECOND_LOOK_DEV_CERTS: 'off' })).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
    expect(out).toEqual([]);
  });
});
