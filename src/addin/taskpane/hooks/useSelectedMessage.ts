import { useEffect, useState } from 'react';
import type { MessageFacts } from '../../office/types';
import type { PaneServices } from '../pane-services';

export interface Selection {
  /** The selected message, or null when none is. */
  message: MessageFacts | null;
  /** Counts selections since the pane opened: a new value means "another message", even the same one again. */
  key: number;
}

/**
 * The message the pane is about. A pinned pane stays open while the user moves through the
 * mailbox: each selection (or none) is read afresh, and everything about the message follows.
 */
export function useSelectedMessage(services: PaneServices): Selection {
  const [selection, setSelection] = useState<Selection>(() => ({ message: services.message(), key: 0 }));
  useEffect(
    () =>
      services.onMessageChange(() => {
        const message = services.message();
        setSelection((previous) => ({ message, key: previous.key + 1 }));
      }),
    [services],
  );
  return selection;
}
