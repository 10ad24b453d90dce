/**
 * Submit for analysis with a real Rspamd configured: its fresh scan's symbols join the
 * verdict's findings. When Rspamd cannot be reached, the verdict still comes, and says so.
 */
import { invoiceReport } from '../helpers/reports';
import { startTestServer, type TestServer } from '../helpers/server';
import { freePort, rspamdAvailable, startRspamd, type RspamdInstance } from './rspamd-support';

const run = rspamdAvailable('analysis with Rspamd /checkv2') ? describe : describe.skip;

run('analysis with a real Rspamd', () => {
  let rspamd: RspamdInstance;
  beforeAll(async () => {
    rspamd = await startRspamd();
  }, 60_000);
  afterAll(async () => rspamd?.stop());

  async function analyse(server: TestServer): Promise<{ findings: Array<{ code: string; evidence: { header: string; value: string } }>; problems: Array<{ header: string; problem: string; detail: string }> }> {
    const anna = await server.token('anna@contoso.example');
    const admin = await server.token('secops@contoso.example', ['SecurityAdministrator']);
    const id = (await server.app.inject({ method: 'POST', url: '/api/submissions', headers: { authorization: `Bearer ${anna}` }, payload: invoiceReport() })).json().id;
    const response = await server.app.inject({ method: 'POST', url: `/api/submissions/${id}/analyze`, headers: { authorization: `Bearer ${admin}` } });
    expect(response.statusCode).toBe(201);
    return response.json().result;
  }

  test("Rspamd's action and symbols become findings with their evidence", async () => {
    const server = await startTestServer('sqlite', { SECOND_LOOK_RSPAMD_URL: rspamd.controllerUrl, SECOND_LOOK_RSPAMD_PASSWORD: rspamd.password });
    try {
      const verdict = await analyse(server);
      const action = verdict.findings.find((f) => f.code === 'RSPAMD_ACTION');
      expect(action?.evidence.header).toBe('Rspamd /checkv2');
      expect(action?.evidence.value).toMatch(/^[a-z ]+ \[-?\d+(\.\d+)? \/ \d+(\.\d+)?\]$/);
      expect(verdict.findings.some((f) => f.code === 'AUTH_COMPAUTH_FAIL')).toBe(true);
      expect(verdict.problems.filter((p) => p.problem === 'scanUnavailable')).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('a wrong password or an unreachable Rspamd leaves the verdict standing, with the reason', async () => {
    const closed = await freePort();
    for (const env of [
      { SECOND_LOOK_RSPAMD_URL: rspamd.controllerUrl, SECOND_LOOK_RSPAMD_PASSWORD: 'not-the-password' },
      { SECOND_LOOK_RSPAMD_URL: `http://127.0.0.1:${closed}`, SECOND_LOOK_RSPAMD_TIMEOUT_MS: '2000' },
    ]) {
      const server = await startTestServer('sqlite', env);
      try {
        const verdict = await analyse(server);
        expect(verdict.findings.some((f) => f.code.startsWith('RSPAMD_'))).toBe(false);
        expect(verdict.findings.some((f) => f.code === 'AUTH_COMPAUTH_FAIL')).toBe(true);
        expect(verdict.problems).toEqual(expect.arrayContaining([expect.objectContaining({ header: 'Rspamd /checkv2', problem: 'scanUnavailable' })]));
      } finally {
        await server.close();
      }
    }
  });
});
