/**
 * The portal's quarantine page without a browser: its addresses, the filters the address bar
 * holds and the one API query they mean, the quick filters, which recipients a release names,
 * what a bulk release includes and leaves out, the allow entry's expiry, and the decoded
 * header block.
 */
import { hrefOf, parseRoute, sectionOf } from '../../src/admin/routing/routes';
import { decodeEncodedWords, headerFields } from '../../src/admin/preview/headers';
import { allowExpiration } from '../../src/admin/components/AllowEntryFields';
import {
  bulkChoice,
  initialPicks,
  isQuarantineFiltered,
  isQuickOn,
  quarantineFiltersFrom,
  quarantineQueryOf,
  releaseRecipients,
  toggleQuick,
  QUARANTINE_REASONS,
  RELEASE_STATUSES,
} from '../../src/admin/pages/quarantine/filters';
import { QUARANTINE_REASONS as CONTRACT_REASONS, RELEASE_STATUSES as CONTRACT_STATUSES } from '../../src/contracts/quarantine';
import type { BulkReleaseMember, BulkReleasePreview } from '../../src/contracts/quarantine-bulk';
import { PORTAL_CATALOGS } from '../../src/i18n/portal';

describe('quarantine addresses', () => {
  test('the list and one row are pages of the portal, in the Quarantine section', () => {
    expect(parseRoute('/admin/quarantine')).toEqual({ name: 'quarantine' });
    expect(parseRoute('/admin/quarantine/')).toEqual({ name: 'quarantine' });
    expect(parseRoute('/admin/quarantine/abc-123')).toEqual({ name: 'quarantineItem', id: 'abc-123' });
    expect(parseRoute('/admin/quarantine/a/b')).toEqual({ name: 'notFound' });
    expect(parseRoute('/admin/quarantine/<x>')).toEqual({ name: 'notFound' });
    expect(hrefOf({ name: 'quarantineItem', id: 'abc-123' })).toBe('/admin/quarantine/abc-123');
    expect(hrefOf({ name: 'quarantine' }, { status: 'requested' })).toBe('/admin/quarantine?status=requested');
    expect(sectionOf({ name: 'quarantineItem', id: 'x' })).toBe('quarantine');
  });
});

describe('quarantine filters', () => {
  test('the default view is every row, newest first, 50 a page', () => {
    const filters = quarantineFiltersFrom(new URLSearchParams(''));
    expect(quarantineQueryOf(filters)).toEqual({ limit: 50, order: 'newest' });
    expect(isQuarantineFiltered(filters)).toBe(false);
  });

  test('every filter in the address becomes the API query', () => {
    const filters = quarantineFiltersFrom(
      new URLSearchParams(
        'recipient=bo@contoso.example&sender=news@northwind.example&senderDomain=@Northwind.Example&subject=%20weekly%20&reason=bulk&policy=DefaultFullAccessPolicy&status=requested&receivedAfter=2026-11-01&receivedBefore=2026-11-22&expiresAfter=2026-12-01&expiresBefore=2026-12-31&order=oldest&cursor=abc',
      ),
    );
    const query = quarantineQueryOf(filters);
    expect(query).toMatchObject({
      limit: 50,
      order: 'oldest',
      recipient: 'bo@contoso.example',
      sender: 'news@northwind.example',
      senderDomain: 'northwind.example',
      subject: 'weekly',
      reason: 'bulk',
      policy: 'DefaultFullAccessPolicy',
      releaseStatus: 'requested',
      cursor: 'abc',
    });
    expect(Date.parse(query.receivedAfter ?? '')).toBe(new Date(2026, 10, 1).getTime());
    // "Until 22 November" includes that day: up to the next local midnight.
    expect(Date.parse(query.receivedBefore ?? '')).toBe(new Date(2026, 10, 23).getTime());
    expect(Date.parse(query.expiresAfter ?? '')).toBe(new Date(2026, 11, 1).getTime());
    expect(Date.parse(query.expiresBefore ?? '')).toBe(new Date(2027, 0, 1).getTime());
    expect(isQuarantineFiltered(filters)).toBe(true);
  });

  test('values the API would refuse never reach it', () => {
    const filters = quarantineFiltersFrom(new URLSearchParams('reason=virus&status=maybe&policy=not%20a%20policy&receivedAfter=yesterday&order=sideways'));
    expect(quarantineQueryOf(filters)).toEqual({ limit: 50, order: 'newest' });
    expect(quarantineQueryOf(quarantineFiltersFrom(new URLSearchParams(`subject=${'x'.repeat(300)}`))).subject).toHaveLength(200);
  });

  test('quick filters set one key each, and a second click clears it', () => {
    let params = new URLSearchParams('cursor=c2');
    const apply = (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(changes)) if (v === null) next.delete(k); else next.set(k, v);
      params = next;
    };
    apply(toggleQuick(quarantineFiltersFrom(params), 'requested'));
    expect(params.toString()).toBe('status=requested');
    expect(quarantineQueryOf(quarantineFiltersFrom(params)).releaseStatus).toBe('requested');
    apply(toggleQuick(quarantineFiltersFrom(params), 'phishing'));
    expect(isQuickOn(quarantineFiltersFrom(params), 'phishing')).toBe(true);
    expect(quarantineQueryOf(quarantineFiltersFrom(params))).toMatchObject({ reason: 'phishing', releaseStatus: 'requested' });
    // Malware replaces Phishing (one reason at a time); Not released replaces Requested.
    apply(toggleQuick(quarantineFiltersFrom(params), 'malware'));
    apply(toggleQuick(quarantineFiltersFrom(params), 'notReleased'));
    expect(quarantineQueryOf(quarantineFiltersFrom(params))).toMatchObject({ reason: 'malware', releaseStatus: 'notReleased' });
    expect(isQuickOn(quarantineFiltersFrom(params), 'phishing')).toBe(false);
    apply(toggleQuick(quarantineFiltersFrom(params), 'malware'));
    apply(toggleQuick(quarantineFiltersFrom(params), 'notReleased'));
    expect(params.toString()).toBe('');
  });

  test('the page lists every reason and release status the contract has, named in every language', () => {
    expect([...QUARANTINE_REASONS]).toEqual([...CONTRACT_REASONS]);
    expect([...RELEASE_STATUSES]).toEqual([...CONTRACT_STATUSES]);
    for (const catalog of Object.values(PORTAL_CATALOGS)) {
      for (const reason of CONTRACT_REASONS) expect(catalog.quarantine.reasons[reason]).toBeTruthy();
      for (const status of CONTRACT_STATUSES) expect(catalog.quarantine.statuses[status]).toBeTruthy();
    }
  });
});

describe('release and bulk release choices', () => {
  const rows = [
    { id: 'a', recipient: 'ann@contoso.example', releaseStatus: 'notReleased' as const },
    { id: 'b', recipient: 'bo@contoso.example', releaseStatus: 'requested' as const },
    { id: 'c', recipient: 'cy@contoso.example', releaseStatus: 'released' as const },
  ];

  test('every releasable recipient chosen means "to all"; fewer names them', () => {
    expect(releaseRecipients(rows, new Set(['ann@contoso.example', 'bo@contoso.example']))).toBeUndefined();
    expect(releaseRecipients(rows, new Set(['bo@contoso.example']))).toEqual(['bo@contoso.example']);
    // One who has it already is never named again.
    expect(releaseRecipients(rows, new Set(['bo@contoso.example', 'cy@contoso.example']))).toEqual(['bo@contoso.example']);
  });

  const member = (id: string, risks: BulkReleaseMember['risks'], selected: boolean, releaseStatus: BulkReleaseMember['releaseStatus'] = 'notReleased'): BulkReleaseMember => ({
    id,
    recipient: `${id}@contoso.example`,
    sender: 'news@northwind.example',
    subject: 'Weekly',
    receivedDateTime: '2026-11-20T08:00:00.000Z',
    reason: 'bulk',
    releaseStatus,
    risks,
    selected,
  });
  const preview: BulkReleasePreview = {
    by: 'fingerprint',
    similarTo: 'm1',
    total: 5,
    selectedCount: 3,
    riskyCount: 2,
    members: [member('m1', [], true), member('m2', [], true), member('m3', [], true), member('r1', ['authenticationFailed'], false), member('r2', ['malware', 'wideRecipients'], false), member('done', [], false, 'released')],
  };

  test("the server's selection is the start: risky members and released ones unticked, nothing to include or exclude", () => {
    const picks = initialPicks(preview);
    expect([...picks]).toEqual(['m1', 'm2', 'm3']);
    expect(bulkChoice(preview, picks)).toEqual({ include: [], exclude: [], count: 3 });
  });

  test('a risky member ticked one by one is included; a selected member unticked is excluded', () => {
    const picks = new Set(['m1', 'm3', 'r2', 'done']);
    expect(bulkChoice(preview, picks)).toEqual({ include: ['r2'], exclude: ['m2'], count: 3 });
  });
});

describe('allow entry expiry for release + submit + allow', () => {
  test('as AllowEntryDialog offers it', () => {
    expect(allowExpiration('afterLastUsed', '')).toEqual({ type: 'afterLastUsed', days: 45 });
    expect(allowExpiration('7', '')).toEqual({ type: 'days', days: 7 });
    const date = allowExpiration('date', '2026-12-24');
    expect(date.type).toBe('date');
    expect(date.type === 'date' && new Date(date.date).getDate()).toBe(24);
  });
});

describe('decoded headers', () => {
  test('folded lines are joined and encoded words decoded in their charset', () => {
    const raw = [
      'Received: from mx.northwind.example',
      '\tby mx.contoso.example; Fri, 20 Nov 2026 08:00:00 +0000',
      'From: =?utf-8?B?SsO4cmdlbiBIYW5zZW4=?= <jh@northwind.example>',
      'Subject: =?iso-8859-1?Q?R=E6kkeh=F8jde_og_m=E5l?= =?utf-8?Q?_=E2=80=94_uge?= 48',
      'X-Broken: =?nope?B?!!!?=',
      'not a header line',
    ].join('\r\n');
    expect(headerFields(raw)).toEqual([
      { name: 'Received', value: 'from mx.northwind.example\tby mx.contoso.example; Fri, 20 Nov 2026 08:00:00 +0000' },
      { name: 'From', value: 'Jørgen Hansen <jh@northwind.example>' },
      { name: 'Subject', value: 'Rækkehøjde og mål — uge 48' },
      { name: 'X-Broken', value: expect.any(String) },
    ]);
  });

  test('plain text stays as it is, spaces between plain words kept', () => {
    expect(decodeEncodedWords('Hello  world')).toBe('Hello  world');
    expect(decodeEncodedWords('=?UTF-8?q?caf=C3=A9?= au lait')).toBe('café au lait');
  });
});
