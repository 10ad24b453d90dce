export { createApiClient, IDEMPOTENCY_KEY_HEADER, SENDER_LIST_PATHS } from './client';
export type { ApiClient, ApiClientOptions, CreatedSubmission } from './client';
export {
  ApiError,
  FeatureUnavailableError,
  NetworkError,
  isMissingRoute,
  isRetryable,
  isRetryableStatus,
} from './errors';
export { serverOrigin } from './origin';
export type { FetchLike, RemoveSenderOutcome, SenderListKind, TokenSource } from './types';
