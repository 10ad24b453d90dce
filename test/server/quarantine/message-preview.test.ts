/**
 * Safe previews, read on the server with mailparser: the three routes (my quarantined message,
 * any quarantined row for readers, a submission's original), who may see which (another user's
 * id is 404 with no data; a policy without the preview bit is 403), what a preview holds (HTML
 * with cid: left in place, text, inline images as data: URLs within a budget, attachments), and
 * hostile input (no headers, 8-bit garbage, 0 bytes, a MIME bomb): a bounded preview or a clear
 * 4xx, never a 5xx or a hang.
 */
import type { Principal } from '../../../src/core/permissions';
import { PERMISSION_BITS } from '../../../src/core/quarantine';
import { messagePreview, PREVIEW_LIMITS } from '../../../src/server/mail/message-preview';
import { ServiceError } from '../../../src/server/services/errors';
import { MessagePreviewService } from '../../../src/server/services/message-preview-service';
import { QuarantineService } from '../../../src/server/services/quarantine-service';
import type { PolicySource } from '../../../src/server/services/settings-service';
import type { SubmissionsService } from '../../../src/server/services/submissions-service';
import type { UserListsService } from '../../../src/server/services/user-lists-service';
import { BlobReader } from '../../../src/server/store/blob-store';
import { openDatabase } from '../../../src/server/store/database';
import { Store } from '../../../src/server/store/unit-of-work';
import { clusterMail, fixtureHtml, fixtureText } from '../../helpers/cluster-mail';
import { databaseKinds } from '../../helpers/databases';
import { eightBitGarbage, mimeBomb, plainMessage } from '../../helpers/quarantine';
import { invoiceReport } from '../../helpers/reports';
import { startTestServer, type TestServer } from '../../helpers/server';

const ANNA = 'anna@contoso.example';
const BO = 'bo@contoso.example';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/** An HTML newsletter with an inline logo (cid:), a remote image and a PDF attachment. */
function richMessage(): Buffer {
  const html = Buffer.from('<p>Faktura for m\xe6lk</p><img src="cid:logo@supplier"><img src="https://tracker.example/p.gif">', 'latin1').toString('base64');
  return Buffer.from([
    'From: "Billing" <billing@supplier.example>',
    'To: anna@contoso.example',
    'Subject: Invoice with logo',
    'Message-ID: <rich@supplier.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/related; boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/html; charset=iso-8859-1',
    'Content-Transfer-Encoding: base64',
    '',
    html,
    '--inner',
    'Content-Type: image/png',
    'Content-ID: <logo@supplier>',
    'Content-Transfer-Encoding: base64',
    '',
    PNG,
    '--inner--',
    '--outer',
    'Content-Type: application/pdf; name="invoice.pdf"',
    "Content-Disposition: attachment; filename*=utf-8''faktura%20118.pdf",
    'Content-Transfer-Encoding: base64',
    '',
    'JVBERi0xLjQK',
    '--outer--',
    '',
  ].join('\r\n'));
}

describe('messagePreview (mailparser)', () => {
  test('HTML with cid: left in place, the inline image as a data: URL, the attachment listed', async () => {
    const preview = await messagePreview(richMessage());
    expect(preview.html).toBe('<p>Faktura for mælk</p><img src="cid:logo@supplier"><img src="https://tracker.example/p.gif">');
    expect(preview.inlineImages).toEqual([{ contentId: 'logo@supplier', dataUrl: `data:image/png;base64,${PNG}` }]);
    expect(preview.attachments).toEqual([{ filename: 'faktura 118.pdf', contentType: 'application/pdf', size: 9 }]);
    expect(preview.truncated).toBe(false);
  });

  test("a mailing tool's multipart/alternative: both parts, quoted-printable decoded as UTF-8", async () => {
    const eml = clusterMail({ from: 'news@northwind.example', to: 'anna@contoso.example', subject: 'Weekly', messageId: '<w@n>', text: fixtureText('newsletter-43'), html: fixtureHtml('newsletter-43') });
    const preview = await messagePreview(eml);
    expect(preview.html).toContain('THE WEEKLY LEDGER');
    expect(preview.text).toContain('Christmas ordering deadlines');
  });

  test('inline images past the budget are left out, and the preview says so', async () => {
    const preview = await messagePreview(richMessage(), { ...PREVIEW_LIMITS, maxInlineBytes: 10 });
    expect(preview.inlineImages).toEqual([]);
    expect(preview.html).toContain('cid:logo@supplier');
    expect(preview.truncated).toBe(true);
  });

  test('a plain message, a long body cut to the limit', async () => {
    const plain = await messagePreview(plainMessage());
    expect([plain.html, plain.text]).toEqual([null, expect.stringContaining('Dear customer')]);
    const long = await messagePreview(plainMessage({ body: 'x'.repeat(5000) }), { ...PREVIEW_LIMITS, maxBodyChars: 100 });
    expect([long.text?.length, long.truncated]).toEqual([100, true]);
  });

  test('hostile input: 0 bytes, no headers and 8-bit garbage give a preview; a MIME bomb is refused quickly', async () => {
    expect(await messagePreview(Buffer.alloc(0))).toEqual({ html: null, text: null, inlineImages: [], attachments: [], truncated: false });
    await expect(messagePreview(Buffer.from('\r\nno header here, only words\r\n'))).resolves.toEqual(expect.objectContaining({ text: expect.stringContaining('only words') }));
    await expect(messagePreview(eightBitGarbage(false))).resolves.toEqual(expect.objectContaining({ html: null, attachments: [] }));
    await expect(messagePreview(eightBitGarbage(true))).resolves.toEqual(expect.objectContaining({ html: null }));
    const started = Date.now();
    await expect(messagePreview(mimeBomb())).rejects.toThrow(/child nodes/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe.each(databaseKinds())('preview routes on %s', (kind) => {
  let server: TestServer;
  let anna: string;
  let bo: string;
  let reader: string;
  beforeEach(async () => {
    server = await startTestServer(kind, { SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example', SECOND_LOOK_SMTP_PORT: 'off' });
    anna = await server.token(ANNA);
    bo = await server.token(BO);
    reader = await server.token('reader@contoso.example', ['SecurityReader']);
  });
  afterEach(async () => server.close());

  /** Quarantines `message` for Anna as spam (a policy with preview); returns her row's id. */
  async function quarantine(message: Buffer, recipient = 'anna+quarantine-spam@contoso.example'): Promise<string> {
    const outcome = await server.app.quarantine.intake.intake({ bytes: message, recipients: [recipient], source: 'http' });
    return outcome.items[0]!.id;
  }
  const get = (url: string, token: string) => server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  test('the owner previews their message; another user gets 404 and no data; readers preview any row', async () => {
    const id = await quarantine(richMessage());
    const mine = await get(`/api/me/quarantine/${id}/preview`, anna);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual({
      html: expect.stringContaining('cid:logo@supplier'),
      text: null,
      inlineImages: [{ contentId: 'logo@supplier', dataUrl: `data:image/png;base64,${PNG}` }],
      attachments: [{ filename: 'faktura 118.pdf', contentType: 'application/pdf', size: 9 }],
      truncated: false,
    });

    for (const url of [`/api/me/quarantine/${id}/preview`, '/api/me/quarantine/nope/preview']) {
      const other = await get(url, bo);
      expect([url, other.statusCode]).toEqual([url, 404]);
      expect(other.body).not.toMatch(/Faktura|logo|invoice/i);
    }
    // Readers (and admins) through the admin route; an end user may not use it.
    expect((await get(`/api/quarantine/${id}/preview`, reader)).json().attachments).toHaveLength(1);
    expect((await get(`/api/quarantine/${id}/preview`, anna)).statusCode).toBe(403);
    expect((await get('/api/quarantine/nope/preview', reader)).statusCode).toBe(404);
  });

  test('a policy without the preview bit: 403 with a stable code, and no data', async () => {
    // Malware → AdminOnlyAccessPolicy: the recipient sees nothing at all, so it is 404.
    const malware = await quarantine(richMessage(), 'anna+quarantine-malware@contoso.example');
    expect((await get(`/api/me/quarantine/${malware}/preview`, anna)).statusCode).toBe(404);
    // Every visible built-in policy has the preview bit, so the refusal is shown through the
    // services the route calls, with made-up policies named `bits-N` (as the policy matrix does).
    const id = await quarantine(plainMessage({ messageId: '<nopreview@supplier.example>' }));
    const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
    try {
      const previews = new MessagePreviewService({
        quarantine: new QuarantineService({
          store: new Store(db),
          clock: server.clock,
          blobs: new BlobReader(db, undefined),
          policy: {} as PolicySource,
          userLists: {} as UserListsService,
          submissions: {} as SubmissionsService,
          policiesInForce: async () => (name: string) => (name.startsWith('bits-') ? { name, permissions: Number(name.slice(5)), notificationEnabled: true } : undefined),
        }),
        submissions: {} as SubmissionsService,
      });
      const principal = { id: 'test:anna', email: ANNA } as Principal;
      const everyBitButPreview = Object.values(PERMISSION_BITS).reduce((sum, bit) => sum | bit, 0) & ~PERMISSION_BITS.preview & ~PERMISSION_BITS.requestRelease;
      await db.updateTable('quarantined_messages').set({ policy: `bits-${everyBitButPreview}` }).where('id', '=', id).execute();
      const refused = await previews.myQuarantined(principal, id).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ServiceError);
      expect([(refused as ServiceError).statusCode, (refused as ServiceError).code]).toEqual([403, 'quarantine_action_not_allowed']);
      await db.updateTable('quarantined_messages').set({ policy: `bits-${PERMISSION_BITS.preview}` }).where('id', '=', id).execute();
      expect((await previews.myQuarantined(principal, id)).text).toContain('Dear customer');
    } finally {
      await db.destroy();
    }
  });

  test('hostile stored messages: a bounded preview or a clear 4xx, never a 5xx', async () => {
    const garbage = await quarantine(eightBitGarbage(true));
    const bomb = await quarantine(mimeBomb());
    const garbageAnswer = await get(`/api/me/quarantine/${garbage}/preview`, anna);
    expect(garbageAnswer.statusCode).toBe(200);
    const bombAnswer = await get(`/api/me/quarantine/${bomb}/preview`, anna);
    expect([bombAnswer.statusCode, bombAnswer.json().code]).toEqual([422, 'message_unreadable']);

    // Bytes intake would refuse (0 bytes, no header at all), written straight into the store.
    const db = openDatabase({ dataDir: server.config.dataDir, databaseUrl: server.config.databaseUrl });
    try {
      for (const bytes of [Buffer.alloc(0), Buffer.from('no header here, only words\r\n')]) {
        const id = await quarantine(plainMessage({ messageId: `<swap-${bytes.length}@supplier.example>` }));
        const row = await db.selectFrom('quarantined_messages').select('message_sha256').where('id', '=', id).executeTakeFirstOrThrow();
        await db.updateTable('message_blobs').set({ bytes }).where('sha256', '=', row.message_sha256).execute();
        const answer = await get(`/api/quarantine/${id}/preview`, reader);
        expect([bytes.length, answer.statusCode]).toEqual([bytes.length, 200]);
        expect(answer.json().inlineImages).toEqual([]);
      }
    } finally {
      await db.destroy();
    }
  });

  test("a submission's preview: the reporter and readers, nobody else", async () => {
    const created = await server.app.inject({ method: 'POST', url: '/api/submissions', headers: { authorization: `Bearer ${anna}` }, payload: { ...invoiceReport(), message: richMessage().toString('base64') } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const own = await get(`/api/submissions/${id}/preview`, anna);
    expect([own.statusCode, own.json().attachments]).toEqual([200, [{ filename: 'faktura 118.pdf', contentType: 'application/pdf', size: 9 }]]);
    expect((await get(`/api/submissions/${id}/preview`, reader)).statusCode).toBe(200);
    const other = await get(`/api/submissions/${id}/preview`, bo);
    expect(other.statusCode).toBe(403); // as its .eml: someone else's report is refused, not hidden
    expect(other.body).not.toContain('Faktura');
  });
});
