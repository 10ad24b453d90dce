import { useCallback, useEffect, useState } from 'react';
import type { OutboxEntry } from '../../outbox/types';
import type { PaneServices } from '../pane-services';

/**
 * The outbox as the pane shows it. Starts the retry loop while the pane is open and
 * re-reads the entries whenever a flush or a report may have changed them.
 */
export function useOutbox(services: PaneServices, onFlushed: () => void) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);

  const refresh = useCallback(() => {
    services
      .outboxEntries()
      .then(setEntries)
      .catch(() => setEntries([]));
  }, [services]);

  useEffect(() => {
    const unsubscribe = services.onOutboxChange(() => {
      refresh();
      onFlushed();
    });
    refresh();
    void services.startRetrying();
    return () => {
      unsubscribe();
      services.stopRetrying();
    };
  }, [services, refresh, onFlushed]);

  const dismiss = useCallback(
    (key: string) => {
      services.dismissOutboxEntry(key).catch(() => undefined);
    },
    [services],
  );

  return { entries, dismiss };
}
