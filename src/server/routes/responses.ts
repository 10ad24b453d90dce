/** Error responses routes document, so the OpenAPI document is honest. */
import { ErrorBody } from '../../contracts/common';

export const AUTH_ERRORS = { 401: ErrorBody, 403: ErrorBody } as const;
export const INPUT_ERRORS = { 400: ErrorBody, ...AUTH_ERRORS } as const;
export const NOT_FOUND = { 404: ErrorBody } as const;
export const CONFLICT = { 409: ErrorBody } as const;
