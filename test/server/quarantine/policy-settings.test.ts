/**
 * Quarantine policies managed in Settings, over HTTP, on SQLite and PostgreSQL: the built-in
 * four and the environment's mapping until an admin saves; an own policy, mapped to a reason,
 * is what the next quarantined message of that reason gets and what its recipient may then do
 * (a change to the policy applies to messages already under it); the hard rule holds whatever
 * the mapping; bad settings are refused with the field named and change nothing; a policy
 * messages are still under cannot be removed; every change is audited.
 */
import { openDatabase } from '../../../src/server/store/database';
import { databaseKinds } from '../../helpers/databases';
import { plainMessage } from '../../helpers/quarantine';
import { startTestServer, type TestServer } from '../../helpers/server';

const ANNA = 'anna@contoso.example';
const DEFAULTS = {
  spam: 'DefaultFullAccessPolicy',
  highConfidenceSpam: 'DefaultFullAccessPolicy',
  bulk: 'DefaultFullAccessPolicy',
  phishing: 'DefaultFullAccessPolicy',
  highConfidencePhishing: 'AdminOnlyAccessPolicy',
  malware: 'AdminOnlyAccessPolicy',
  organisationRule: 'AdminOnlyAccessPolicy',
};
/** Preview, request release, block sender and view headers: 2 + 8 + 16 + 128. */
const LIMITED = { name: 'Limited with block', permissions: 154, notificationEnabled: true };

describe.each(databaseKinds())('quarantine policies in Settings on %s', (kind) => {
  let server: TestServer;
  let sa: string;
  let reader: string;
  let anna: string;
  beforeEach(async () => {
    server = await startTestServer(kind, { SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example', SECOND_LOOK_SMTP_PORT: 'off', SECOND_LOOK_QUARANTINE_POLICIES: 'spam:AdminOnlyAccessPolicy' });
    sa = await server.token('sa@contoso.example', ['SecurityAdministrator']);
    reader = await server.token('audit@contoso.example', ['SecurityReader']);
    anna = await server.token(ANNA);
  });
  afterEach(async () => server.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: object) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) });
  const save = (body: object, token = sa) => call('PUT', '/api/settings/quarantine-policies', token, body);

  /** Quarantines a message for Anna with the reason from the envelope tag; its row id. */
  async function quarantine(reason: string, messageId: string): Promise<string> {
    const outcome = await server.app.quarantine.intake.intake({ bytes: plainMessage({ messageId }), recipients: [ANNA.replace('@', `+quarantine-${reason}@`)], source: 'http' });
    return outcome.items[0]!.id;
  }

  test('the built-in policies and the environment\'s mapping until saved; readers read, only admins save', async () => {
    const before = await call('GET', '/api/settings/quarantine-policies', reader);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ policies: [], reasonPolicies: { ...DEFAULTS, spam: 'AdminOnlyAccessPolicy' }, modifiedDateTime: null });
    expect(before.json().builtIn).toEqual([
      { name: 'AdminOnlyAccessPolicy', permissions: 128, notificationEnabled: false },
      { name: 'DefaultFullAccessPolicy', permissions: 167, notificationEnabled: false },
      { name: 'DefaultFullAccessWithNotificationPolicy', permissions: 167, notificationEnabled: true },
      { name: 'NotificationEnabledPolicy', permissions: 167, notificationEnabled: true },
    ]);
    expect((await call('GET', '/api/settings/quarantine-policies', anna)).statusCode).toBe(403);
    expect((await save({ policies: [], reasonPolicies: DEFAULTS }, reader)).statusCode).toBe(403);
  });

  test('an own policy mapped to a reason: the next message of that reason gets it, and its recipient may do what it allows', async () => {
    const saved = await save({ policies: [LIMITED], reasonPolicies: { ...DEFAULTS, bulk: LIMITED.name } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ policies: [LIMITED], reasonPolicies: { bulk: LIMITED.name }, modifiedBy: 'sa@contoso.example' });

    const id = await quarantine('bulk', '<news-1@supplier.example>');
    const [item] = (await call('GET', '/api/me/quarantine', anna)).json().items;
    expect((await call('GET', `/api/quarantine/${id}`, sa)).json()).toMatchObject({ policy: LIMITED.name, reason: 'bulk' });
    // The admin list filters by an own policy's name, spaces and all.
    expect((await call('GET', `/api/quarantine?policy=${encodeURIComponent(LIMITED.name)}`, sa)).json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(item).toMatchObject({ id, actions: ['preview', 'requestRelease', 'blockSender', 'viewHeaders'] });
    const refused = await call('POST', `/api/me/quarantine/${id}/release`, anna);
    expect({ status: refused.statusCode, code: refused.json().code }).toEqual({ status: 403, code: 'quarantine_action_not_allowed' });
    expect((await call('POST', `/api/me/quarantine/${id}/delete`, anna)).statusCode).toBe(403);
    expect((await call('GET', `/api/me/quarantine/${id}/preview`, anna)).statusCode).toBe(200);
    expect((await call('POST', `/api/me/quarantine/${id}/block-sender`, anna)).statusCode).toBe(200);

    // The policy changed (no preview any more): the message already under it follows at once.
    expect((await save({ policies: [{ ...LIMITED, permissions: 8 + 128 }], reasonPolicies: { ...DEFAULTS, bulk: LIMITED.name } })).statusCode).toBe(200);
    const noPreview = await call('GET', `/api/me/quarantine/${id}/preview`, anna);
    expect({ status: noPreview.statusCode, code: noPreview.json().code }).toEqual({ status: 403, code: 'quarantine_action_not_allowed' });
    expect((await call('POST', `/api/me/quarantine/${id}/request-release`, anna)).json().item.releaseStatus).toBe('requested');

    const audit = (await call('GET', '/api/audit?targetType=settings', sa)).json().items.filter((a: { action: string }) => a.action === 'settings.quarantinePoliciesChanged');
    expect(audit).toHaveLength(2);
    expect(audit[0].detail).toMatchObject({ before: { policies: [LIMITED] }, after: { policies: [{ permissions: 136 }] } });
  });

  test('the hard rule holds whatever the mapping: malware under full access can only be requested', async () => {
    expect((await save({ policies: [], reasonPolicies: { ...DEFAULTS, malware: 'DefaultFullAccessPolicy' } })).statusCode).toBe(200);
    const id = await quarantine('malware', '<scan-1@supplier.example>');
    const refused = await call('POST', `/api/me/quarantine/${id}/release`, anna);
    expect({ status: refused.statusCode, code: refused.json().code }).toEqual({ status: 403, code: 'quarantine_hard_rule' });
    expect((await call('POST', `/api/me/quarantine/${id}/request-release`, anna)).statusCode).toBe(200);
  });

  test('bad settings are refused with the reason, and nothing changes', async () => {
    const cases: Array<[object, number, string]> = [
      [{ policies: [{ ...LIMITED, name: 'defaultfullaccesspolicy' }], reasonPolicies: DEFAULTS }, 400, 'builtInPolicyName'],
      [{ policies: [LIMITED, { ...LIMITED, name: 'LIMITED WITH BLOCK' }], reasonPolicies: DEFAULTS }, 400, 'duplicatePolicyName'],
      [{ policies: [{ ...LIMITED, permissions: 4 + 8 }], reasonPolicies: DEFAULTS }, 400, 'invalidPermissions'],
      [{ policies: [{ ...LIMITED, permissions: 64 }], reasonPolicies: DEFAULTS }, 400, 'invalidPermissions'],
      [{ policies: [{ ...LIMITED, permissions: 300 }], reasonPolicies: DEFAULTS }, 400, 'validation_failed'],
      [{ policies: [{ ...LIMITED, name: 'Trailing ' }], reasonPolicies: DEFAULTS }, 400, 'validation_failed'],
      [{ policies: [{ ...LIMITED, name: '<script>' }], reasonPolicies: DEFAULTS }, 400, 'validation_failed'],
      [{ policies: [], reasonPolicies: { ...DEFAULTS, bulk: 'NoSuchPolicy' } }, 400, 'unknownPolicy'],
      [{ policies: [], reasonPolicies: { ...DEFAULTS, bulk: undefined } }, 400, 'validation_failed'],
      [{ policies: [], reasonPolicies: { ...DEFAULTS, spoof: 'DefaultFullAccessPolicy' } }, 400, 'validation_failed'],
      [{ policies: [] }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const response = await save(body);
      expect({ body, status: response.statusCode, code: response.json().code }).toEqual({ body, status, code });
    }
    expect((await call('GET', '/api/settings/quarantine-policies', sa)).json()).toMatchObject({ policies: [], modifiedDateTime: null });
  });

  test('saved settings from before a reason existed, or unreadable ones, leave the environment\'s mapping in force', async () => {
    const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
    const stored = (value: string) =>
      db.insertInto('settings').values({ key: 'quarantinePolicies', value, modified_by: 'sa@contoso.example', modified_date_time: '2026-11-01T00:00:00.000Z' })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    try {
      const { organisationRule: _gone, ...older } = { ...DEFAULTS, bulk: LIMITED.name };
      await stored(JSON.stringify({ policies: [LIMITED], reasonPolicies: older }));
      server.clock.advance(10_000); // past the settings cache
      expect((await call('GET', '/api/settings/quarantine-policies', sa)).json()).toMatchObject({ policies: [LIMITED], reasonPolicies: { bulk: LIMITED.name, organisationRule: 'AdminOnlyAccessPolicy' } });
      const id = await quarantine('rule', '<rule-1@supplier.example>');
      expect((await call('GET', `/api/quarantine/${id}`, sa)).json()).toMatchObject({ reason: 'organisationRule', policy: 'AdminOnlyAccessPolicy' });

      await stored('{not json');
      server.clock.advance(10_000);
      const unreadable = await call('GET', '/api/settings/quarantine-policies', sa);
      expect(unreadable.statusCode).toBe(200);
      expect(unreadable.json()).toMatchObject({ policies: [], reasonPolicies: { ...DEFAULTS, spam: 'AdminOnlyAccessPolicy' } });
    } finally {
      await db.destroy();
    }
  });

  test('a policy quarantined messages are still under cannot be removed; once they are gone it can', async () => {
    expect((await save({ policies: [LIMITED], reasonPolicies: { ...DEFAULTS, bulk: LIMITED.name } })).statusCode).toBe(200);
    const id = await quarantine('bulk', '<news-2@supplier.example>');
    const inUse = await save({ policies: [], reasonPolicies: DEFAULTS });
    expect({ status: inUse.statusCode, code: inUse.json().code }).toEqual({ status: 409, code: 'policyInUse' });
    expect(inUse.json().message).toContain(LIMITED.name);
    expect((await call('GET', '/api/settings/quarantine-policies', sa)).json().policies).toEqual([LIMITED]);

    const admin = await server.token('qa@contoso.example', ['QuarantineAdministrator']);
    expect((await call('POST', `/api/quarantine/${id}/delete`, admin)).statusCode).toBe(204);
    expect((await save({ policies: [], reasonPolicies: DEFAULTS })).statusCode).toBe(200);
  });
});
