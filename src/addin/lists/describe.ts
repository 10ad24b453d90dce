/**
 * Words for a failed list call, shared by the ribbon command and the task pane. When the
 * server refused, its own `message` is shown as it is: it names the value and, for a full
 * list, how many entries are used of the limit ("The list is full: 1024 of 1024 entries
 * are used. Remove one first.").
 */
import type { Catalog } from '../../i18n/en-US';
import { ApiError, FeatureUnavailableError, NetworkError } from '../api/errors';

/**
 * One sentence for a person. `refused` wraps the server's reason in the sentence that fits
 * what the user tried (added to which list, removed from which list).
 */
export function listFailureText(error: unknown, strings: Catalog, refused: (reason: string) => string): string {
  if (error instanceof FeatureUnavailableError) return strings.lists.notAvailable;
  if (error instanceof NetworkError) return strings.lists.unreachable;
  if (error instanceof ApiError) return refused(error.message);
  return strings.errors.unexpected;
}

/** True for failures we expect and explain (the server said no, or could not be reached). */
export function isExplainedFailure(error: unknown): boolean {
  return error instanceof ApiError || error instanceof NetworkError || error instanceof FeatureUnavailableError;
}
