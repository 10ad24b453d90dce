/**
 * An action that keeps the form busy while it runs and shows its failure as an error toast:
 * `run(action)` resolves when the action has ended, whichever way.
 */
import { useState } from 'react';
import { describeError } from '../api/errors';
import { usePortal } from '../app/context';

export function useBusyRun(): [busy: boolean, run: (action: () => Promise<void>) => Promise<void>] {
  const { t, notify } = usePortal();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      notify('error', describeError(t, error));
    } finally {
      setBusy(false);
    }
  };
  return [busy, run];
}
