/**
 * The server's origin. The server serves the add-in's pages, so the page's own origin is
 * the API's origin. Classic Outlook's JavaScript-only runtime (which loads commands.js
 * without a page) may have no `location`; the server can then announce itself by defining
 * `globalThis.SECOND_LOOK_ORIGIN` before commands.js runs.
 */
interface OriginGlobals {
  location?: { origin?: string };
  SECOND_LOOK_ORIGIN?: string;
}

export function serverOrigin(globals: OriginGlobals = globalThis as OriginGlobals): string {
  const announced = globals.SECOND_LOOK_ORIGIN;
  if (typeof announced === 'string' && /^https?:\/\//.test(announced)) {
    return announced.replace(/\/+$/, '');
  }
  const origin = globals.location?.origin;
  if (typeof origin === 'string' && /^https?:\/\//.test(origin)) return origin;
  throw new Error('The add-in cannot tell which server it belongs to (no page origin).');
}
