/**
 * Errors a service raises on purpose. Each carries the HTTP status and a stable code; the
 * app's error handler turns them into an ErrorBody. Anything else is a bug (500).
 */
export class ServiceError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Every reason, when there is more than one (list validation), with its own code. */
    readonly errors?: ReadonlyArray<Record<string, unknown>>,
    /** Response headers the answer needs, e.g. Retry-After on a 429. */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string) => new ServiceError(400, code, message);
export const forbidden = (message: string) => new ServiceError(403, 'forbidden', message);
export const notFound = (what: string) => new ServiceError(404, 'not_found', `${what} was not found`);
/** Too many requests for now; `retryAfterSeconds` says when to come back. */
export const tooMany = (code: string, message: string, retryAfterSeconds: number) =>
  new ServiceError(429, code, message, undefined, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
export const tooLarge = (message: string) => new ServiceError(413, 'too_large', message);

/**
 * A list entry refused by the core's validation. A duplicate or a full list conflicts with
 * what is stored (409); anything else is bad input (400). Every reason is in `errors`.
 */
export function listRefusal(errors: ReadonlyArray<{ code: string; message: string }>): ServiceError {
  const first = errors[0] ?? { code: 'invalidSyntax', message: 'the value was refused' };
  const conflict = errors.some((e) => e.code === 'duplicate' || e.code === 'limitReached');
  return new ServiceError(conflict ? 409 : 400, first.code, errors.map((e) => e.message).join(' '), errors);
}
