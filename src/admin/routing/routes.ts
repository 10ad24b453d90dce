/**
 * Every page of the portal and its address, in one typed table. `parseRoute` reads an address
 * into a Route, `hrefOf` writes one back, so a link can never point at a page that does not
 * exist. Filters live in the query string, so a filtered list is a link too.
 */

export const BASE = '/admin';

export type Route =
  | { name: 'overview' }
  | { name: 'submissions' }
  | { name: 'submission'; id: string }
  | { name: 'clusters' }
  | { name: 'cluster'; id: string }
  | { name: 'allowBlock' }
  | { name: 'audit' }
  | { name: 'settings' }
  | { name: 'mailQueue' }
  | { name: 'quarantine' }
  | { name: 'quarantineItem'; id: string }
  | { name: 'signIn' }
  | { name: 'signedOut' }
  | { name: 'notFound' };

export type RouteName = Route['name'];

/** Pages with no parameter, by their path below /admin. */
const STATIC: ReadonlyArray<[string, Route]> = [
  ['', { name: 'overview' }],
  ['/submissions', { name: 'submissions' }],
  ['/clusters', { name: 'clusters' }],
  ['/allow-block', { name: 'allowBlock' }],
  ['/audit', { name: 'audit' }],
  ['/settings', { name: 'settings' }],
  ['/mail-queue', { name: 'mailQueue' }],
  ['/quarantine', { name: 'quarantine' }],
  ['/sign-in', { name: 'signIn' }],
  ['/signed-out', { name: 'signedOut' }],
];

/** Pages with an id: /admin/<prefix>/<id>. */
const WITH_ID: ReadonlyArray<[string, 'submission' | 'cluster' | 'quarantineItem']> = [
  ['/submissions/', 'submission'],
  ['/clusters/', 'cluster'],
  ['/quarantine/', 'quarantineItem'],
];

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRoute(pathname: string): Route {
  if (pathname !== BASE && !pathname.startsWith(`${BASE}/`)) return { name: 'notFound' };
  let rest = pathname.slice(BASE.length);
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  if (rest === '/index.html') rest = '';
  for (const [path, route] of STATIC) if (rest === path) return route;
  for (const [prefix, name] of WITH_ID) {
    if (!rest.startsWith(prefix)) continue;
    let id: string;
    try {
      id = decodeURIComponent(rest.slice(prefix.length));
    } catch {
      return { name: 'notFound' };
    }
    return ID.test(id) ? { name, id } : { name: 'notFound' };
  }
  return { name: 'notFound' };
}

export function hrefOf(route: Route, query?: URLSearchParams | Record<string, string>): string {
  let path: string;
  switch (route.name) {
    case 'submission':
      path = `/submissions/${encodeURIComponent(route.id)}`;
      break;
    case 'cluster':
      path = `/clusters/${encodeURIComponent(route.id)}`;
      break;
    case 'quarantineItem':
      path = `/quarantine/${encodeURIComponent(route.id)}`;
      break;
    case 'notFound':
      path = '';
      break;
    default:
      path = STATIC.find(([, r]) => r.name === route.name)?.[0] ?? '';
  }
  const search = query ? new URLSearchParams(query).toString() : '';
  return `${BASE}${path || '/'}${search ? `?${search}` : ''}`;
}

/** The top-level section a page belongs to, for the navigation's current item. */
export function sectionOf(route: Route): RouteName {
  if (route.name === 'submission') return 'submissions';
  if (route.name === 'cluster') return 'clusters';
  if (route.name === 'quarantineItem') return 'quarantine';
  return route.name;
}
