export { createApiClient, IDEMPOTENCY_KEY_HEADER } from './client';
export type { ApiClient, ApiClientOptions, CreatedSubmission } from './client';
export {
  ApiError,
  FeatureUnavailableError,
  NetworkError,
  isRetryable,
  isRetryableStatus,
} from './errors';
export { serverOrigin } from './origin';
export type { FetchLike, TokenSource } from './types';
