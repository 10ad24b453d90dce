/**
 * The add-in's API client for "My quarantine" against the real server (in Node): the list, the
 * detail with its header block when the policy allows viewing headers, the preview of the body,
 * and the actions with the server's stable refusal codes.
 */
import { ApiError, createApiClient } from '../../src/addin/api';
import { failureReason, quarantineFromApi } from '../../src/addin/quarantine/quarantine';
import { daDK } from '../../src/i18n/da-DK';
import { enUS } from '../../src/i18n/en-US';
import { plainMessage } from '../helpers/quarantine';
import { startAddinServer, type AddinServer } from './helpers/addin-server';

const ANNA = 'anna@contoso.example';

describe('the quarantine calls of the API client', () => {
  let server: AddinServer;
  beforeEach(async () => {
    server = await startAddinServer({ SECOND_LOOK_QUARANTINE_POLICIES: 'malware:DefaultFullAccessPolicy' });
  });
  afterEach(async () => server.close());

  async function service(email: string) {
    const token = await server.token(email);
    return quarantineFromApi(createApiClient({ baseUrl: server.origin, fetch: server.fetch, tokens: { token: async () => token, invalidate: () => undefined } }));
  }

  it('lists, shows headers, requests release idempotently and words the hard rule refusal from the catalog', async () => {
    const out = await server.test.app.quarantine.intake.intake({
      bytes: plainMessage({ subject: 'Payment advice', messageId: '<adv@supplier.example>' }),
      recipients: [`anna+quarantine-malware@contoso.example`],
      source: 'http',
    });
    const id = out.items[0]?.id ?? '';
    const anna = await service(ANNA);

    const page = await anna.list();
    expect(page.items.map((i) => [i.subject, i.reason, i.releaseStatus])).toEqual([['Payment advice', 'malware', 'notReleased']]);
    expect((await anna.detail(id)).headers).toContain('Subject: Payment advice\r\n');

    const first = await anna.act(id, 'request-release');
    const second = await anna.act(id, 'request-release');
    expect(first.item?.releaseStatus).toBe('requested');
    expect(second.item).toEqual(first.item);
    expect(server.sentTo('POST', `/api/me/quarantine/${id}/request-release`)).toHaveLength(2);

    const refused = await anna.act(id, 'release').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    // Malware is released only by an administrator, whatever the policy says.
    expect((refused as ApiError).refusal).toMatchObject({ status: 403, code: 'quarantine_hard_rule' });
    expect(failureReason(refused, enUS)).toBe(enUS.serverErrors.codes.quarantine_hard_rule);
    expect(failureReason(refused, daDK)).toBe(daDK.serverErrors.codes.quarantine_hard_rule);

    // The body, read on the server for the pane's safe preview.
    expect(await anna.preview(id)).toEqual({ html: null, text: expect.stringContaining('Dear customer'), inlineImages: [], attachments: [], truncated: false });

    // Someone else's message is not found.
    const bob = await service('bob@contoso.example');
    expect(((await bob.detail(id).catch((error: unknown) => error)) as ApiError).status).toBe(404);
    expect(((await bob.preview(id).catch((error: unknown) => error)) as ApiError).status).toBe(404);
    expect((await bob.list()).items).toEqual([]);
  });
});
