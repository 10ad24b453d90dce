import { RspamdError } from '../../src/server/integrations/rspamd';

/** The RspamdError a check rejected with; anything else (or success) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<RspamdError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RspamdError) return error;
    throw new Error(`expected an RspamdError, got ${String(error)}`);
  }
  throw new Error('expected the check to fail');
}
