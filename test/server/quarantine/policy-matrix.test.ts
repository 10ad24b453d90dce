/**
 * The policy matrix, bit by bit: for every permission, a policy with just that bit lets the
 * recipient take the action and a policy with every other bit refuses it (403 with a stable
 * code), through the same service the routes call, on a real database (SQLite and
 * PostgreSQL). The built-in policies cannot refuse most bits (every visible one is full
 * access), so the policies here are made up; the API test (user-admin-api.test.ts) covers the
 * built-in ones and the hard rule through HTTP.
 */
import type { QuarantineAction, UserActionPath } from '../../../src/contracts/quarantine';
import type { Principal } from '../../../src/core/permissions';
import { PERMISSION_BITS, type QuarantinePolicy } from '../../../src/core/quarantine';
import { ServiceError } from '../../../src/server/services/errors';
import { QuarantineService } from '../../../src/server/services/quarantine-service';
import type { PolicySource } from '../../../src/server/services/settings-service';
import type { SubmissionsService } from '../../../src/server/services/submissions-service';
import type { UserListsService } from '../../../src/server/services/user-lists-service';
import { BlobReader } from '../../../src/server/store/blob-store';
import { openDatabase, type Db } from '../../../src/server/store/database';
import { Store } from '../../../src/server/store/unit-of-work';
import { databaseKinds } from '../../helpers/databases';
import { plainMessage } from '../../helpers/quarantine';
import { startTestServer, type TestServer } from '../../helpers/server';

const ANNA: Principal = { id: 'test:anna', email: 'anna@contoso.example' } as Principal;
const BITS = Object.keys(PERMISSION_BITS) as QuarantineAction[];
const ALL = BITS.reduce((sum, a) => sum | PERMISSION_BITS[a], 0);

/** The action path that exercises each bit (view headers is read through the detail, preview through its own read). */
const PATH_OF: Partial<Record<QuarantineAction, UserActionPath>> = {
  delete: 'delete',
  release: 'release',
  requestRelease: 'request-release',
  blockSender: 'block-sender',
  allowSender: 'allow-sender',
};

describe.each(databaseKinds())('quarantine policy matrix on %s', (kind) => {
  let server: TestServer;
  let db: Db;
  let service: QuarantineService;
  const listed: string[] = [];
  beforeEach(async () => {
    server = await startTestServer(kind, { SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example', SECOND_LOOK_SMTP_PORT: 'off' });
    db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
    listed.length = 0;
    // Policies named `bits-N` have the permission bits N and send notifications (so even N = 128 is visible).
    const policies = (name: string): QuarantinePolicy | undefined => (name.startsWith('bits-') ? { name, permissions: Number(name.slice(5)), notificationEnabled: true } : undefined);
    service = new QuarantineService({
      store: new Store(db),
      clock: server.clock,
      blobs: new BlobReader(db, undefined),
      policy: { current: async () => ({ noticeSender: 'second-look@contoso.example', releaseRequestRecipients: [], noticeLanguage: 'en-US' }) } as unknown as PolicySource,
      userLists: { add: async (_p: Principal, list: string, value: string) => (listed.push(`${list}:${value}`), { value, displayValue: value, valueType: 'address', createdDateTime: '' }) } as unknown as UserListsService,
      submissions: {} as SubmissionsService,
      publicUrl: 'https://second-look.contoso.example',
      policiesInForce: async () => policies,
    });
  });
  afterEach(async () => {
    await db.destroy();
    await server.close();
  });

  async function quarantinedUnder(permissions: number, n: number): Promise<string> {
    const outcome = await server.app.quarantine.intake.intake({ bytes: plainMessage({ messageId: `<m${n}@supplier.example>` }), recipients: ['anna+quarantine-spam@contoso.example'], source: 'http' });
    const id = outcome.items[0]!.id;
    await db.updateTable('quarantined_messages').set({ policy: `bits-${permissions}` }).where('id', '=', id).execute();
    return id;
  }

  async function refusal(work: Promise<unknown>): Promise<string> {
    try {
      await work;
    } catch (error) {
      if (error instanceof ServiceError) return `${error.statusCode} ${error.code}`;
      throw error;
    }
    return 'allowed';
  }

  test.each(BITS)('%s: allowed with its bit alone, refused with every other bit', async (action) => {
    // Release and request release exclude each other: "every other bit" leaves out the partner too.
    const others = ALL & ~PERMISSION_BITS[action] & ~(action === 'release' ? PERMISSION_BITS.requestRelease : action === 'requestRelease' ? PERMISSION_BITS.release : 0);
    const allowedId = await quarantinedUnder(PERMISSION_BITS[action], 1);
    const refusedId = await quarantinedUnder(others, 2);
    expect((await service.myDetail(ANNA, allowedId)).actions).toEqual([action]);
    expect((await service.myDetail(ANNA, refusedId)).actions).not.toContain(action);

    const path = PATH_OF[action];
    if (path !== undefined) {
      expect(await refusal(service.act(ANNA, allowedId, path, undefined))).toBe('allowed');
      expect(await refusal(service.act(ANNA, refusedId, path, undefined))).toBe('403 quarantine_action_not_allowed');
    } else if (action === 'viewHeaders') {
      expect((await service.myDetail(ANNA, allowedId)).headers).toContain('Message-ID: <m1@supplier.example>');
      expect((await service.myDetail(ANNA, refusedId)).headers).toBeNull();
    } else if (action === 'preview') {
      expect(await refusal(service.myPreviewMessage(ANNA, allowedId))).toBe('allowed');
      expect(await refusal(service.myPreviewMessage(ANNA, refusedId))).toBe('403 quarantine_action_not_allowed');
    }
    if (action === 'blockSender' || action === 'allowSender') expect(listed).toEqual([`${action === 'blockSender' ? 'blocked' : 'safe'}:billing@supplier.example`]);
  });

  test('no permission at all and no notification: the message is not there for the recipient', async () => {
    const id = await quarantinedUnder(0, 3);
    await db.updateTable('quarantined_messages').set({ policy: 'unknown-policy' }).where('id', '=', id).execute();
    expect(await refusal(service.myDetail(ANNA, id))).toBe('404 not_found');
    expect((await service.mine(ANNA, {})).items).toEqual([]);
  });
});
