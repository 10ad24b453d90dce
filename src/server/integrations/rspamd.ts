/**
 * A small client for an Rspamd controller's `/checkv2`: sends a raw message for a fresh scan
 * and returns the typed result. Optional: the server only uses it when a controller URL is
 * configured. Every failure (bad options, refused connection, timeout, wrong password,
 * malformed reply) is an RspamdError, so a caller can fall back to the header analysis alone
 * and say why.
 *
 * Request headers are the documented ones: https://rspamd.com/doc/developers/protocol.html
 */
import net from 'node:net';
import { toASCII } from 'tr46';
import { parseRspamdReplyText, RspamdError, type RspamdScan } from './rspamd-reply';

export { parseRspamdReply, parseRspamdReplyText, RspamdError } from './rspamd-reply';
export type { RspamdErrorKind, RspamdScan, RspamdSymbol } from './rspamd-reply';

export interface RspamdClientOptions {
  /** The controller's base URL, e.g. `http://127.0.0.1:11334` (a normal worker's works too). */
  readonly url: string;
  /** The controller password, sent as the `Password` header. */
  readonly password?: string;
  readonly timeoutMs: number;
  /** Injected in tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
}

/** The SMTP envelope as the MTA saw it; each field becomes one request header. */
export interface RspamdScanMeta {
  /** Envelope sender (MAIL FROM). */
  readonly from?: string;
  /** Envelope recipients (RCPT TO). */
  readonly rcpt?: readonly string[];
  /** The connecting client's IP address. */
  readonly ip?: string;
  readonly helo?: string;
  /**
   * The client's resolved host name. When an IP is known (given, or read from Received)
   * and this is not, Rspamd looks the name up in DNS itself.
   */
  readonly hostname?: string;
  readonly queueId?: string;
}

export interface RspamdClient {
  /** The URL scans are posted to. */
  readonly checkUrl: string;
  check(message: Buffer, meta?: RspamdScanMeta): Promise<RspamdScan>;
}

/** Control characters would end the header line (request smuggling) and are never valid here. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function headerValue(name: string, value: string): string {
  if (value === '' || hasControlCharacter(value)) {
    throw new RspamdError('invalidRequest', `The ${name} value for Rspamd is empty or contains control characters`);
  }
  // fetch only sends Latin-1 header values; sending the UTF-8 bytes that way lets an
  // internationalised address (RFC 6531) reach Rspamd as the UTF-8 it expects.
  return Buffer.from(value, 'utf8').toString('latin1');
}

/**
 * An envelope address with its domain as an IDNA A-label: Rspamd 3.4 drops an SMTP address
 * with non-ASCII bytes, and the A-label is the same domain. A non-ASCII local part (RFC 6531)
 * has no ASCII form; it is sent as UTF-8 and Rspamd may ignore it.
 */
function envelopeAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  if (at < 0 || /^[\x20-\x7e]*$/.test(domain)) return address;
  const ascii = toASCII(domain, { transitionalProcessing: false, useSTD3ASCIIRules: true });
  return ascii === null ? address : `${address.slice(0, at + 1)}${ascii}`;
}

function requestHeaders(meta: RspamdScanMeta, password: string | undefined): Headers {
  const headers = new Headers();
  const add = (name: string, value: string | undefined): void => {
    if (value !== undefined) headers.append(name, headerValue(name, value));
  };
  if (meta.ip !== undefined && net.isIP(meta.ip) === 0) {
    throw new RspamdError('invalidRequest', `The IP value for Rspamd is not an IP address: "${meta.ip.slice(0, 60)}"`);
  }
  add('From', meta.from === undefined ? undefined : envelopeAddress(meta.from));
  for (const rcpt of meta.rcpt ?? []) add('Rcpt', envelopeAddress(rcpt));
  add('IP', meta.ip);
  add('Helo', meta.helo);
  add('Hostname', meta.hostname);
  add('Queue-Id', meta.queueId);
  add('Password', password);
  return headers;
}

/** The URL without credentials or query, safe to put in an error message. */
function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function checkUrlOf(base: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch (error) {
    throw new RspamdError('invalidConfig', `The Rspamd URL "${base.slice(0, 200)}" is not a URL`, undefined, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RspamdError('invalidConfig', `The Rspamd URL must be http or https, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    // fetch refuses such URLs, and Rspamd takes its password in a header, not Basic auth.
    throw new RspamdError('invalidConfig', 'The Rspamd URL must not contain a user or password; set the password option instead');
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/checkv2`;
  url.search = '';
  url.hash = '';
  return url;
}

/** Rspamd's own reason on an error status (`{"error": "..."}`), when it sent one. */
function errorText(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && typeof parsed.error === 'string') {
      return parsed.error;
    }
  } catch {
    // not JSON: show the start of the text instead
  }
  return body.slice(0, 200).replace(/\s+/g, ' ').trim();
}

/**
 * Duck-typed, not `instanceof Error`: fetch's errors may come from another realm (a test
 * runner's VM context, an injected fetch), where that check is false.
 */
interface ErrorLike {
  readonly name: string;
  readonly message: string;
  readonly cause?: unknown;
  readonly code?: unknown;
}

function errorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string'
    && 'message' in value && typeof value.message === 'string';
}

/** The socket-level reason (ECONNREFUSED, ENOTFOUND ...) under fetch's "fetch failed". */
function networkCause(error: unknown): string {
  const cause = errorLike(error) ? error.cause : undefined;
  if (errorLike(cause)) return typeof cause.code === 'string' ? cause.code : cause.message;
  return errorLike(error) ? error.message : String(error);
}

function isTimeout(error: unknown): boolean {
  return errorLike(error) && (error.name === 'TimeoutError' || (errorLike(error.cause) && error.cause.name === 'TimeoutError'));
}

function statusError(url: URL, status: number, body: string): RspamdError {
  const reason = errorText(body);
  const suffix = reason === '' ? '' : `: ${reason}`;
  if (status === 401 || status === 403) {
    return new RspamdError('unauthorized', `Rspamd at ${displayUrl(url)} refused the request (HTTP ${status}${suffix}); check the controller password`, status);
  }
  return new RspamdError('http', `Rspamd at ${displayUrl(url)} answered HTTP ${status}${suffix}`, status);
}

export function createRspamdClient(options: RspamdClientOptions): RspamdClient {
  const url = checkUrlOf(options.url);
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new RspamdError('invalidConfig', `The Rspamd timeout must be a positive number of milliseconds, not ${options.timeoutMs}`);
  }
  const doFetch = options.fetch ?? fetch;
  const { password, timeoutMs } = options;

  async function check(message: Buffer, meta: RspamdScanMeta = {}): Promise<RspamdScan> {
    const headers = requestHeaders(meta, password);
    // One signal for the whole exchange: connecting, waiting for the scan and reading the body.
    // (The body is copied into a plain Uint8Array: fetch's types do not take a Buffer.)
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await doFetch(url, { method: 'POST', headers, body: new Uint8Array(message), signal });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (isTimeout(error) || signal.aborted) {
        throw new RspamdError('timeout', `Rspamd at ${displayUrl(url)} did not answer within ${timeoutMs} ms`, undefined, { cause: error });
      }
      throw new RspamdError('unreachable', `Rspamd at ${displayUrl(url)} is unreachable (${networkCause(error)})`, undefined, { cause: error });
    }
    if (status < 200 || status > 299) throw statusError(url, status, text);
    return parseRspamdReplyText(text);
  }

  return {
    checkUrl: displayUrl(url),
    async check(message, meta) {
      try {
        return await check(message, meta);
      } catch (error) {
        // The promise contract: only RspamdError, whatever an injected fetch throws.
        if (error instanceof RspamdError) throw error;
        throw new RspamdError('unreachable', `Rspamd check failed: ${errorLike(error) ? error.message : String(error)}`, undefined, { cause: error });
      }
    },
  };
}
