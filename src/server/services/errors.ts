/**
 * Errors a service raises on purpose. Each carries the HTTP status and a stable code; the
 * app's error handler turns them into an ErrorBody. Anything else is a bug (500).
 */
export class ServiceError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string) => new ServiceError(400, code, message);
export const forbidden = (message: string) => new ServiceError(403, 'forbidden', message);
export const notFound = (what: string) => new ServiceError(404, 'not_found', `${what} was not found`);
export const tooLarge = (message: string) => new ServiceError(413, 'too_large', message);
