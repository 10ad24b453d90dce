/**
 * Words for a failed list call, shared by the ribbon command and the task pane. When the
 * server refused, the reason is worded in the user's language from the refusal's code, with
 * its figures where it gave them ("The list is full: 1,024 of 1,024 entries are used.").
 */
import type { Catalog } from '../../i18n/en-US';
import { ApiError, FeatureUnavailableError, NetworkError } from '../api/errors';
import { refusalText } from '../refusal/describe';

/**
 * One sentence for a person. `refused` wraps the reason in the sentence that fits what the
 * user tried (added to which list, removed from which list, loading it).
 */
export function listFailureText(error: unknown, strings: Catalog, refused: (reason: string) => string): string {
  if (error instanceof FeatureUnavailableError) return strings.lists.notAvailable;
  if (error instanceof NetworkError) return strings.lists.unreachable;
  if (error instanceof ApiError) return refused(refusalText(error.refusal, strings));
  return strings.errors.unexpected;
}

/** True for failures we expect and explain (the server said no, or could not be reached). */
export function isExplainedFailure(error: unknown): boolean {
  return error instanceof ApiError || error instanceof NetworkError || error instanceof FeatureUnavailableError;
}
