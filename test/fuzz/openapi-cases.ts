/**
 * Requests for every operation in the server's OpenAPI document: path, query, headers and body
 * drawn from each parameter's schema, valid or not, plus whole-request oddities (bodies that
 * are not JSON, wrong content types, unknown parameters). Who sends it is drawn too.
 */
import fc from 'fast-check';
import { fuzzValue, HOSTILE_STRINGS, type JsonSchema, type Resolve } from './schema-arbitrary';

export type Caller = 'admin' | 'reader' | 'user' | 'otherUser' | 'anonymous' | 'badToken';
export const CALLERS: readonly Caller[] = ['admin', 'reader', 'user', 'otherUser', 'anonymous', 'badToken'];

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  jsonBody: JsonSchema | undefined;
}

export interface RequestCase {
  caller: Caller;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload: string | Buffer | undefined;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function operationsOf(doc: OpenApiDocument): { operations: Operation[]; resolve: Resolve } {
  const resolve: Resolve = (ref) => doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? {};
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        jsonBody: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return { operations, resolve };
}

/** Real values the server holds, so that some requests reach past "not found". */
export type KnownValues = Record<string, readonly string[]>;

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

const RAW_MESSAGES = [
  'From: a@example.com\r\nSubject: hi\r\n\r\nbody',
  'Received: from x by y; Sun, 22 Nov 2026 09:14:01 +0000\r\nAuthentication-Results: spf=fail\r\n\r\n',
  '\r\n\r\nno headers',
  '',
];

/** A body for an operation without a JSON schema: nothing, or something it should refuse. */
const strayBody: fc.Arbitrary<{ contentType: string | undefined; payload: string | Buffer | undefined }> = fc.oneof(
  fc.constant({ contentType: undefined, payload: undefined }),
  fc.constantFrom(...RAW_MESSAGES).map((m) => ({ contentType: 'message/rfc822', payload: Buffer.from(m) })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ contentType: 'message/rfc822', payload: Buffer.from(bytes) })),
  fc.jsonValue({ maxDepth: 2 }).map((v) => ({ contentType: 'application/json', payload: JSON.stringify(v) })),
  fc.string({ maxLength: 50 }).map((s) => ({ contentType: 'text/plain', payload: s })),
);

function jsonBody(schema: JsonSchema, resolve: Resolve): fc.Arbitrary<{ contentType: string | undefined; payload: string | Buffer | undefined }> {
  return fc.oneof(
    { arbitrary: fuzzValue(schema, resolve).map(({ value }) => ({ contentType: 'application/json', payload: JSON.stringify(value) ?? 'null' })), weight: 8 },
    { arbitrary: fc.constantFrom('{', '{"a":', '[1,2', '"unterminated', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}').map((p) => ({ contentType: 'application/json', payload: p })), weight: 1 },
    { arbitrary: fc.constant({ contentType: 'application/json', payload: '' }), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.string({ maxLength: 40 }), fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data', 'application/x-www-form-urlencoded'))
        .map(([payload, contentType]) => ({ contentType, payload })),
      weight: 1,
    },
  );
}

export function requestCases(operation: Operation, resolve: Resolve, known: KnownValues): fc.Arbitrary<RequestCase> {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const headerParams = operation.parameters.filter((p) => p.in === 'header');

  const pathValues = fc.record(
    Object.fromEntries(
      pathParams.map((p) => {
        const real = known[p.name] ?? [];
        const drawn = fuzzValue(p.schema, resolve).map(({ value }) => text(value));
        const choices: fc.Arbitrary<string>[] = [drawn, fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s !== ''))];
        if (real.length > 0) choices.unshift(fc.constantFrom(...real), fc.constantFrom(...real));
        return [p.name, fc.oneof(...choices)];
      }),
    ),
  );
  const queryValues = fc.record(
    Object.fromEntries(queryParams.map((p) => {
      const real = known[`query:${p.name}`] ?? [];
      const drawn = fuzzValue(p.schema, resolve).map(({ value }) => value);
      return [p.name, fc.option(real.length > 0 ? fc.oneof(drawn, fc.constantFrom(...real)) : drawn, { nil: undefined, freq: 2 })];
    })),
  );
  const headerValues = fc.record(
    Object.fromEntries(headerParams.map((p) => [p.name, fc.option(fuzzValue(p.schema, resolve).map(({ value }) => text(value)), { nil: undefined })])),
  );
  const extraQuery = fc.option(fc.tuple(fc.constantFrom('unknown', 'limit', 'cursor', '__proto__', 'token'), fc.constantFrom(...HOSTILE_STRINGS)), { nil: undefined, freq: 4 });
  const body = operation.jsonBody ? jsonBody(operation.jsonBody, resolve) : strayBody;

  return fc
    .record({ caller: fc.constantFrom(...CALLERS), path: pathValues, query: queryValues, headers: headerValues, extraQuery, body })
    .map(({ caller, path, query, headers, extraQuery: extra, body: b }) => {
      let url = operation.path;
      for (const [name, value] of Object.entries(path)) url = url.replace(`{${name}}`, encodeURIComponent(value));
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) {
        if (value === undefined) continue;
        if (Array.isArray(value)) for (const item of value) search.append(name, text(item));
        else search.append(name, text(value));
      }
      if (extra) search.append(extra[0], extra[1]);
      const qs = search.toString();
      const requestHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) {
        // A header value cannot carry line breaks or NUL: such a request never reaches a server.
        if (value !== undefined && !/[\r\n\0]/.test(value)) requestHeaders[name] = value;
      }
      if (b.contentType !== undefined) requestHeaders['content-type'] = b.contentType;
      return { caller, method: operation.method, url: qs ? `${url}?${qs}` : url, headers: requestHeaders, payload: b.payload };
    });
}
