import { useCallback, useEffect, useState } from 'react';
import type { Submission } from '../../../contracts/submissions';
import type { Catalog } from '../../../i18n';
import { ApiError } from '../../api/errors';
import { refusalText } from '../../refusal/describe';
import type { PaneServices } from '../pane-services';

export type EarlierReportsView =
  | { kind: 'loading' }
  | { kind: 'ready'; items: Submission[] }
  /** `reason`: the server's refusal in words; null when it could not be reached. */
  | { kind: 'error'; reason: string | null };

/** What was loaded, and for which message: a list for another message is never shown. */
type Loaded = EarlierReportsView & { for: string | null };

/**
 * This user's earlier reports of the open message (with the security team's answers), loaded
 * when a message is opened or selected, and on demand (after a report, after an outbox flush).
 * A reload keeps the list on screen until the new one arrives; another message starts afresh.
 */
export function useEarlierReports(services: PaneServices, internetMessageId: string | null, strings: Catalog) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading', for: null });
  const [generation, setGeneration] = useState(0);
  const id = internetMessageId === '' ? null : internetMessageId;

  useEffect(() => {
    if (id === null) {
      setLoaded({ kind: 'ready', items: [], for: null });
      return;
    }
    let current = true;
    services
      .earlierReports(id)
      .then((items) => current && setLoaded({ kind: 'ready', items, for: id }))
      .catch((error: unknown) => {
        const reason = error instanceof ApiError ? refusalText(error.refusal, strings) : null;
        if (current) setLoaded({ kind: 'error', reason, for: id });
      });
    return () => {
      current = false;
    };
  }, [services, id, generation, strings]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const state: EarlierReportsView = loaded.for === id ? loaded : { kind: 'loading' };
  return { state, reload };
}
