/**
 * Rspamd's `/checkv2` reply as typed data, and the one error type the Rspamd client rejects
 * with. The reply comes from another program over the network, so every field we use is
 * checked before it is trusted: a reply of the wrong shape is an RspamdError, never a
 * half-filled scan.
 *
 * Reply format: https://rspamd.com/doc/developers/protocol.html (the "checkv2" JSON reply).
 */
import type { FreshScan, FreshScanSymbol } from '../../core/analysis';

/** What went wrong, so a caller can say "check the password" rather than "it failed". */
export type RspamdErrorKind =
  /** The client options (URL, timeout) cannot work. */
  | 'invalidConfig'
  /** The message metadata cannot be sent as request headers (e.g. a line break in HELO). */
  | 'invalidRequest'
  /** No connection: wrong host or port, DNS failure, refused. */
  | 'unreachable'
  | 'timeout'
  /** The controller refused the password (401/403). */
  | 'unauthorized'
  /** Any other non-2xx status. */
  | 'http'
  /** A 2xx reply that is not the JSON /checkv2 documents. */
  | 'malformed';

export class RspamdError extends Error {
  override readonly name = 'RspamdError';

  constructor(
    readonly kind: RspamdErrorKind,
    message: string,
    /** The HTTP status, for `unauthorized` and `http`. */
    readonly status: number | undefined = undefined,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** The checked reply is the analyzer's FreshScan; these names are the integration's. */
export type RspamdSymbol = FreshScanSymbol;
export type RspamdScan = FreshScan;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(detail: string): RspamdError {
  return new RspamdError('malformed', `Rspamd sent a /checkv2 reply of the wrong shape: ${detail}`);
}

function finiteNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw malformed(`${where} is not a number`);
  return value;
}

function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw malformed(`${where} is not a string`);
  return value;
}

function parseOptions(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((o): o is string => typeof o === 'string')) {
    throw malformed(`${where}.options is not a list of strings`);
  }
  return value;
}

function parseSymbol(key: string, value: unknown): RspamdSymbol {
  const where = `symbols.${key}`;
  if (!isObject(value)) throw malformed(`${where} is not an object`);
  // The key is the symbol's name; a differing `name` would mean we misread the reply.
  const name = optionalString(value['name'], `${where}.name`) ?? key;
  if (name !== key) throw malformed(`${where}.name is "${name}"`);
  const symbol: { -readonly [K in keyof RspamdSymbol]: RspamdSymbol[K] } = {
    name,
    score: finiteNumber(value['score'], `${where}.score`),
    options: parseOptions(value['options'], where),
  };
  if (value['metric_score'] !== undefined) symbol.metricScore = finiteNumber(value['metric_score'], `${where}.metric_score`);
  const description = optionalString(value['description'], `${where}.description`);
  if (description !== undefined) symbol.description = description;
  return symbol;
}

function parseSymbols(value: unknown): RspamdSymbol[] {
  // A reply without symbols is possible (a pre-filter decided); a non-object is not.
  if (value === undefined) return [];
  if (!isObject(value)) throw malformed('symbols is not an object');
  return Object.entries(value)
    .map(([key, symbol]) => parseSymbol(key, symbol))
    .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function parseMessages(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value)) throw malformed('messages is not an object');
  const messages: Record<string, string> = {};
  for (const [key, text] of Object.entries(value)) {
    if (typeof text !== 'string') throw malformed(`messages.${key} is not a string`);
    messages[key] = text;
  }
  return messages;
}

/** Checks and converts a parsed /checkv2 JSON body. Throws only RspamdError (`malformed`). */
export function parseRspamdReply(body: unknown): RspamdScan {
  if (!isObject(body)) throw malformed('the body is not a JSON object');
  const action = body['action'];
  if (typeof action !== 'string' || action.trim() === '') throw malformed('action is missing');
  const isSkipped = body['is_skipped'];
  if (isSkipped !== undefined && typeof isSkipped !== 'boolean') throw malformed('is_skipped is not a boolean');
  const scan: { -readonly [K in keyof RspamdScan]: RspamdScan[K] } = {
    action,
    score: finiteNumber(body['score'], 'score'),
    requiredScore: finiteNumber(body['required_score'], 'required_score'),
    isSkipped: isSkipped === true,
    symbols: parseSymbols(body['symbols']),
    messages: parseMessages(body['messages']),
  };
  const messageId = optionalString(body['message-id'], 'message-id');
  if (messageId !== undefined) scan.messageId = messageId;
  return scan;
}

/** Parses the raw body text; invalid JSON is `malformed` too. */
export function parseRspamdReplyText(text: string): RspamdScan {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const start = text.slice(0, 60).replace(/\s+/g, ' ');
    throw new RspamdError('malformed', `Rspamd sent a /checkv2 reply that is not JSON: "${start}"`, undefined, { cause: error });
  }
  return parseRspamdReply(body);
}
