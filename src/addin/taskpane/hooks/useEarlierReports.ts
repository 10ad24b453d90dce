import { useCallback, useEffect, useState } from 'react';
import type { Submission } from '../../../contracts/submissions';
import type { PaneServices } from '../pane-services';

export type EarlierReportsState =
  | { kind: 'loading' }
  | { kind: 'ready'; items: Submission[] }
  | { kind: 'error' };

/** This user's earlier reports of the open message, loaded on open and on demand. */
export function useEarlierReports(services: PaneServices, internetMessageId: string | null) {
  const [state, setState] = useState<EarlierReportsState>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (internetMessageId === null || internetMessageId === '') {
      setState({ kind: 'ready', items: [] });
      return;
    }
    let current = true;
    services
      .earlierReports(internetMessageId)
      .then((items) => current && setState({ kind: 'ready', items }))
      .catch(() => current && setState({ kind: 'error' }));
    return () => {
      current = false;
    };
  }, [services, internetMessageId, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { state, reload };
}
