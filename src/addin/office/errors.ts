/**
 * The one error type the Office layer rejects with, so callers can tell "Outlook said no"
 * (and why) from their own bugs.
 */
export type OfficeErrorReason =
  /** The call ran and Outlook reported AsyncResultStatus.Failed. */
  | 'failed'
  /** This Outlook does not have the API (an older requirement set). */
  | 'unsupported'
  /** No message is open (for example the pane is pinned with nothing selected). */
  | 'noItem';

export class OfficeError extends Error {
  override readonly name = 'OfficeError';

  constructor(
    /** The Office API that failed, e.g. "getAsFileAsync". */
    readonly operation: string,
    readonly reason: OfficeErrorReason,
    message: string,
    /** Office's numeric error code when it gave one (for example 9020). */
    readonly code?: number,
  ) {
    super(`${operation}: ${message}`);
  }
}

export function isOfficeError(value: unknown): value is OfficeError {
  return value instanceof OfficeError;
}
