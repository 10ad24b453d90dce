/**
 * A router on the History API: the address bar is the state. navigate() pushes (or replaces)
 * an entry and tells every subscriber; the back button (popstate) does the same. Components
 * read the current address with useLocation() and write the query string with useQueryState().
 */
import { Link as FluentLink } from '@fluentui/react-components';
import { useCallback, useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import { hrefOf, parseRoute, type Route } from './routes';

type Listener = () => void;
const listeners = new Set<Listener>();

function notify(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => `${window.location.pathname}${window.location.search}`;

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  notify();
  if (!options.replace) window.scrollTo(0, 0);
}

export interface Location {
  route: Route;
  pathname: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const current = useSyncExternalStore(subscribe, snapshot, snapshot);
  const [pathname = '/admin', search = ''] = current.split('?');
  return { route: parseRoute(pathname), pathname, query: new URLSearchParams(search) };
}

/**
 * The page's query string as state: `set({ q: 'invoice', cursor: null })` changes those keys
 * and keeps the others. Filter changes replace the history entry unless `push` is asked for.
 */
export function useQueryState(): [URLSearchParams, (changes: Record<string, string | null | undefined>, options?: { push?: boolean }) => void] {
  const { pathname, query } = useLocation();
  const set = useCallback(
    (changes: Record<string, string | null | undefined>, options: { push?: boolean } = {}) => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, value);
      }
      const search = next.toString();
      navigate(`${pathname}${search ? `?${search}` : ''}`, { replace: !options.push });
    },
    [pathname],
  );
  return [query, set];
}

/** True for a plain left click: anything else (new tab, download) is the browser's. */
function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey && !event.defaultPrevented;
}

export function onLinkClick(href: string) {
  return (event: MouseEvent) => {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    navigate(href);
  };
}

/** A Fluent link to a page of the portal. */
export function RouteLink({ to, query, children, className, ...rest }: { to: Route; query?: Record<string, string>; children: ReactNode; className?: string; 'data-testid'?: string }) {
  const href = hrefOf(to, query);
  return (
    <FluentLink href={href} onClick={onLinkClick(href)} {...(className ? { className } : {})} {...rest}>
      {children}
    </FluentLink>
  );
}
