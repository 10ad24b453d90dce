/**
 * Schema pieces shared by every resource. Each schema is a TypeBox value: it is the JSON
 * Schema the server validates with, and (through Static) the TypeScript type the add-in
 * and the portal compile against. One truth for both sides of the wire.
 */
import { Type, type Static } from '@sinclair/typebox';

/** Every 4xx/5xx body. `message` is written for a person; `code` is stable for scripts. */
export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    code: Type.Optional(Type.String()),
    /** Every reason, each with its own code, when a request was refused for several. */
    errors: Type.Optional(Type.Array(Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }))),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBody>;

/**
 * An RFC 5321 mailbox, checked loosely here (one @, no spaces, a dot-free local part is
 * fine) and strictly by the services. Max 320 = 64 local + @ + 255 domain.
 */
export const EmailAddress = Type.String({
  minLength: 3,
  maxLength: 320,
  pattern: '^[^\\s@<>()\\[\\],;:"]+@[^\\s@<>()\\[\\],;:"]+$',
  description: 'An email address (RFC 5321 mailbox: local@domain)',
});

export const IsoDateTime = Type.String({ format: 'date-time', description: 'RFC 3339 date-time' });

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** A union of string literals whose Static type is the union of the values: every enum of the API. */
export const literalUnion = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** A page of results with an opaque cursor for the next one (null on the last page). */
export const Page = <T extends import('@sinclair/typebox').TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
