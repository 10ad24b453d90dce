/**
 * ItemChanged (Mailbox 1.5): a pinned task pane stays open while the user selects another
 * message (or none), and Outlook tells it through this event; `Office.context.mailbox.item` is
 * then the new message, or null. Each mailbox object registers one handler with Outlook, on
 * its first listener, and fans the event out to its listeners. The registration lasts as long
 * as the page: Outlook drops it with the pane, and a listener that leaves is simply not called.
 */
import { officeCall } from './async';

/** The event's name, for a client whose Office.js has no EventType enum. */
const ITEM_CHANGED = 'olkItemSelectedChanged';

function itemChangedType(): Office.EventType | string {
  return Office.EventType?.ItemChanged ?? ITEM_CHANGED;
}

export interface ItemChangedSource {
  /** Calls `listener` each time another item (or none) is selected; returns the unsubscribe. */
  onItemChanged(listener: () => void): () => void;
}

export function createItemChangedSource(log: (message: string, error: unknown) => void = defaultLog): ItemChangedSource {
  const listeners = new Set<() => void>();
  let registration: Promise<void> | null = null;

  const notify = () => {
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        log('an ItemChanged listener failed', error);
      }
    }
  };

  function register(): Promise<void> {
    const mailbox = Office.context?.mailbox;
    // Older than Mailbox 1.5: no events, and no pinning either, so nothing to follow.
    if (typeof mailbox?.addHandlerAsync !== 'function') return Promise.resolve();
    return officeCall<void>('addHandlerAsync', (callback) => mailbox.addHandlerAsync(itemChangedType(), notify, callback)).catch(
      (error: unknown) => {
        log('could not listen for ItemChanged', error);
        registration = null; // the next listener tries again
      },
    );
  }

  return {
    onItemChanged(listener) {
      listeners.add(listener);
      registration ??= register();
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

function defaultLog(message: string, error: unknown): void {
  console.error(`[second-look] ${message}`, error);
}
