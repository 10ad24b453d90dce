/**
 * The portal's addresses and the User reported view's filters: every page has one address
 * (read and written by the same table), and the address bar's filters mean one API query.
 */
import { PORTAL_PAGE_PATHS } from '../../src/contracts/portal/pages';
import { hrefOf, parseRoute, sectionOf, type Route } from '../../src/admin/routing/routes';
import { filtersFrom, isFiltered, queryOf } from '../../src/admin/pages/submissions/filters';

describe('routes', () => {
  const pages: Array<[string, Route]> = [
    ['/admin/', { name: 'overview' }],
    ['/admin/submissions', { name: 'submissions' }],
    ['/admin/submissions/3f06eab4-aca7-4861', { name: 'submission', id: '3f06eab4-aca7-4861' }],
    ['/admin/clusters', { name: 'clusters' }],
    ['/admin/clusters/c_42', { name: 'cluster', id: 'c_42' }],
    ['/admin/allow-block', { name: 'allowBlock' }],
    ['/admin/audit', { name: 'audit' }],
    ['/admin/settings', { name: 'settings' }],
    ['/admin/mail-queue', { name: 'mailQueue' }],
    ['/admin/quarantine', { name: 'quarantine' }],
    ['/admin/quarantine/q_7f3a', { name: 'quarantineItem', id: 'q_7f3a' }],
    ['/admin/sign-in', { name: 'signIn' }],
    ['/admin/signed-out', { name: 'signedOut' }],
  ];

  test.each(pages)('%s is read and written back the same', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
    expect(hrefOf(route)).toBe(path);
  });

  test('the server answers exactly the pages the portal has (so a deep link never 404s)', () => {
    const served = PORTAL_PAGE_PATHS.map((p) => `/admin${p.replace(':id', 'x1')}`);
    for (const path of served) expect(parseRoute(path).name).not.toBe('notFound');
    const written = pages.map(([, route]) => hrefOf(route).replace(/\/(submissions|clusters|quarantine)\/[^/]+$/, '/$1/x1'));
    expect(new Set(written.map((p) => (p === '/admin/' ? '/admin' : p)))).toEqual(new Set(served));
  });

  test('trailing slashes, /admin itself and index.html are the same pages', () => {
    expect(parseRoute('/admin')).toEqual({ name: 'overview' });
    expect(parseRoute('/admin/index.html')).toEqual({ name: 'overview' });
    expect(parseRoute('/admin/submissions/')).toEqual({ name: 'submissions' });
  });

  test('anything else is not found, ids included', () => {
    for (const path of ['/', '/adminx', '/admin/nope', '/admin/submissions/a/b', '/admin/submissions/%E0%A4%A', '/admin/submissions/<script>', `/admin/clusters/${'x'.repeat(65)}`]) {
      expect(parseRoute(path)).toEqual({ name: 'notFound' });
    }
  });

  test('query strings and the navigation section', () => {
    expect(hrefOf({ name: 'submissions' }, { category: 'notJunk', q: 'weekly ledger' })).toBe('/admin/submissions?category=notJunk&q=weekly+ledger');
    expect(sectionOf({ name: 'submission', id: 'x' })).toBe('submissions');
    expect(sectionOf({ name: 'cluster', id: 'x' })).toBe('clusters');
  });
});

describe('User reported filters', () => {
  test('the default view is the work queue: unreviewed user reports, newest first, 50 a page', () => {
    const filters = filtersFrom(new URLSearchParams(''));
    expect(queryOf(filters)).toEqual({ source: 'user', limit: 50, sort: 'newest', review: 'unreviewed' });
    expect(isFiltered(filters)).toBe(false);
  });

  test('every filter in the address becomes the API query', () => {
    const filters = filtersFrom(
      new URLSearchParams('category=notJunk&review=all&reporter=anna@contoso.example&sender=@northwind.example&recipient=bo@contoso.example&q=weekly&after=2026-11-01&before=2026-11-22&sort=oldest&cursor=abc&clusterId=c1'),
    );
    const query = queryOf(filters);
    expect(query).toMatchObject({
      source: 'user',
      category: 'notJunk',
      reporter: 'anna@contoso.example',
      sender: 'northwind.example',
      recipient: 'bo@contoso.example',
      q: 'weekly',
      sort: 'oldest',
      cursor: 'abc',
      clusterId: 'c1',
    });
    expect(query.review).toBeUndefined();
    // "Before 22 November" includes that day: up to the next local midnight.
    expect(Date.parse(query.createdBefore ?? '')).toBe(new Date(2026, 10, 23).getTime());
    expect(Date.parse(query.createdAfter ?? '')).toBe(new Date(2026, 10, 1).getTime());
    expect(isFiltered(filters)).toBe(true);
  });

  test('values the API would refuse never leave the page', () => {
    const filters = filtersFrom(new URLSearchParams('category=bogus&review=maybe&after=yesterday&sort=sideways'));
    expect(queryOf(filters)).toEqual({ source: 'user', limit: 50, sort: 'newest', review: 'unreviewed' });
  });
});
