/**
 * Turns Office's callback style into promises. Office reports failure in the callback's
 * result, not by throwing, so a forgotten status check silently passes `undefined` along;
 * this is the one place that check lives.
 */
import { OfficeError } from './errors';

/** The part of Office.AsyncResult this wrapper reads. */
interface AsyncResultLike<T> {
  status: unknown;
  value: T;
  error?: { code?: number; message?: string; name?: string } | null;
}

export function officeCall<T>(
  operation: string,
  invoke: (callback: (result: AsyncResultLike<T>) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result) => {
        if (result.status === Office.AsyncResultStatus.Succeeded) {
          resolve(result.value);
          return;
        }
        const error = result.error ?? {};
        reject(
          new OfficeError(
            operation,
            'failed',
            error.message ?? error.name ?? 'the call failed',
            typeof error.code === 'number' ? error.code : undefined,
          ),
        );
      });
    } catch (thrown) {
      // Some hosts throw synchronously (bad arguments, API missing) instead of calling back.
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      reject(new OfficeError(operation, 'failed', message));
    }
  });
}
