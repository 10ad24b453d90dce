/**
 * fast-check arbitraries from JSON Schema (as the OpenAPI document carries the routes' TypeBox
 * schemas): values that fit a schema, and values that almost fit or do not fit at all. The
 * fuzzer sends both kinds to every route; a new route is covered as soon as it is documented.
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  $ref?: string;
  default?: unknown;
}

export type Resolve = (ref: string) => JsonSchema;

/** Strings that have broken parsers before: limits, encodings, injections, time oddities. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\r\n',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '%00',
  '%',
  '%E0%A4%A',
  "'; drop table submissions; --",
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil.example")',
  '\u202Eevil\u202C',
  '😀'.repeat(40),
  'a'.repeat(5000),
  '2026-12-31T23:59:60Z',
  '2026-02-30T00:00:00Z',
  '0000-00-00T00:00:00Z',
  '9999-12-31T23:59:59+99:99',
  'anna@',
  '@contoso.example',
  'anna@contoso..example',
  'anna@xn--',
  '*.',
  '*.*.example',
  'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
];

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
const anyJson = fc.jsonValue({ maxDepth: 3 });

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type[0];
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  return undefined;
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') {
    return fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 60, minLength + 60);
  if (schema.pattern) {
    // The pattern must carry the length bounds itself ({16,128}, not +): stringMatching rarely
    // draws a long match, and the filter below would then search for one for many minutes.
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

/** Values that satisfy `schema`. */
export function validValue(schema: JsonSchema, resolve: Resolve, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return validValue(resolve(schema.$ref), resolve, depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((c) => validValue(c, resolve, depth + 1)));
  if (schema.allOf) return validValue(Object.assign({}, ...schema.allOf) as JsonSchema, resolve, depth + 1);
  switch (typeOf(schema)) {
    case 'string':
      return validString(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schema.items ? validValue(schema.items, resolve, depth + 1) : anyJson;
      return fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, (schema.minItems ?? 0) + 5) });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, child] of Object.entries(properties)) model[name] = validValue(child, resolve, depth + 1);
      return fc.record(model, { requiredKeys: [...required].filter((k) => k in model) });
    }
    default:
      return depth > 2 ? fc.constant(null) : anyJson;
  }
}

/**
 * One character past a length limit. fast-check builds a string character by character, which
 * over a limit of tens of thousands (a notice template, a message) takes seconds a value; a
 * long run of one character with a short generated tail breaks the limit just as well.
 */
function tooLong(maxLength: number): fc.Arbitrary<string> {
  if (maxLength < 200) return fc.string({ minLength: maxLength + 1, maxLength: maxLength + 40 });
  return fc.string({ minLength: 1, maxLength: 40 }).map((tail) => 'a'.repeat(maxLength) + tail);
}

/** One item past a count limit; over a large limit, copies of a few generated items. */
function tooMany(item: fc.Arbitrary<unknown>, maxItems: number): fc.Arbitrary<unknown[]> {
  if (maxItems < 50) return fc.array(item, { minLength: maxItems + 1, maxLength: maxItems + 2 });
  return fc.array(item, { minLength: 1, maxLength: 3 }).map((few) => Array.from({ length: maxItems + 1 }, (_, i) => few[i % few.length]));
}

/** Values that break `schema` in one way or many: wrong types, limits, patterns, shapes. */
export function offSchemaValue(schema: JsonSchema, resolve: Resolve, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return offSchemaValue(resolve(schema.$ref), resolve, depth);
  const general = fc.oneof(hostileString, anyJson, fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 53, [], {}));
  const type = typeOf(schema);
  const specific: fc.Arbitrary<unknown>[] = [];
  if (type === 'string' || schema.format) {
    if (schema.maxLength !== undefined) specific.push(tooLong(schema.maxLength));
    if (schema.minLength !== undefined && schema.minLength > 0) specific.push(fc.string({ maxLength: schema.minLength - 1 }));
    specific.push(fc.string({ maxLength: 80, unit: 'binary' }));
  }
  if (type === 'integer' || type === 'number') {
    specific.push(fc.constantFrom((schema.maximum ?? 0) + 1, (schema.minimum ?? 0) - 1, 0.5, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, '12abc', '1e3'));
  }
  if (type === 'object' && schema.properties && depth < 3) {
    const properties = Object.entries(schema.properties);
    const base = validValue(schema, resolve, depth) as fc.Arbitrary<Record<string, unknown>>;
    specific.push(base.map((v) => ({ ...v, unexpectedProperty: 'x' })));
    if ((schema.required ?? []).length > 0) {
      specific.push(fc.tuple(base, fc.constantFrom(...(schema.required ?? []))).map(([v, drop]) => {
        const copy = { ...v };
        delete copy[drop];
        return copy;
      }));
    }
    if (properties.length > 0) {
      specific.push(
        fc.tuple(base, fc.constantFrom(...properties)).chain(([v, [name, child]]) => offSchemaValue(child, resolve, depth + 1).map((bad) => ({ ...v, [name]: bad }))),
      );
    }
  }
  if (type === 'array' && schema.items && depth < 3) {
    specific.push(fc.array(offSchemaValue(schema.items, resolve, depth + 1), { minLength: 1, maxLength: 3 }));
    if (schema.maxItems !== undefined) specific.push(tooMany(validValue(schema.items, resolve, depth + 1), schema.maxItems));
  }
  if (schema.enum || schema.anyOf) specific.push(fc.string({ maxLength: 20 }));
  return specific.length > 0 ? fc.oneof({ arbitrary: general, weight: 1 }, { arbitrary: fc.oneof(...specific), weight: 2 }) : general;
}

/** A value for `schema`, valid about two times in three. */
export function fuzzValue(schema: JsonSchema, resolve: Resolve): fc.Arbitrary<{ value: unknown; valid: boolean }> {
  return fc.oneof(
    { arbitrary: validValue(schema, resolve).map((value) => ({ value, valid: true })), weight: 2 },
    { arbitrary: offSchemaValue(schema, resolve).map((value) => ({ value, valid: false })), weight: 1 },
  );
}
