/**
 * What can go wrong talking to /api, and how a page says it. The page never shows the
 * server's English sentence: a known `code` reads from the catalog, anything else gets the
 * catalog's generic sentence with the code, so a Danish page stays Danish.
 */
import type { ErrorBody } from '../../contracts/common';
import { errorText, type PortalCatalog } from '../../i18n/portal';

/** The server answered with a non-2xx status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    /** The server's stable code (ErrorBody.code), or `http_<status>` when it sent none. */
    readonly code: string,
    readonly body: ErrorBody | null,
  ) {
    super(`HTTP ${status} ${code}`);
  }

  /** Every reason's code, when the server refused for several (list validation). */
  get codes(): string[] {
    const all = (this.body?.errors ?? []).map((e) => e.code);
    return all.length > 0 ? all : [this.code];
  }
}

/** The request got no answer at all (offline, refused connection, aborted). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/** True when the route itself does not exist on this server yet (not "no such item"). */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.code === 'no_route';
}

/** One localized sentence per reason; never the server's own words. */
export function describeError(catalog: PortalCatalog, error: unknown): string {
  if (error instanceof NetworkError) return catalog.errors.network;
  if (error instanceof ApiError) {
    const texts = [...new Set(error.codes.map((code) => errorText(catalog, code) ?? catalog.errors.generic(code)))];
    return texts.join(' ');
  }
  return catalog.errors.unexpected;
}
