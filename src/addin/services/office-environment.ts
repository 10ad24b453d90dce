/**
 * The real environment: Outlook through the Office layer, durable storage, the browser's
 * fetch and clock, and the server this page was served from.
 */
import { serverOrigin } from '../api/origin';
import { createDefaultStorage, createOfficeMailbox } from '../office';
import type { AddinEnvironment } from './create-services';

export function officeEnvironment(): AddinEnvironment {
  return {
    mailbox: createOfficeMailbox(),
    storage: createDefaultStorage().storage,
    // Bound explicitly: calling an unbound window.fetch throws "Illegal invocation".
    fetch: (url, init) => globalThis.fetch(url, init),
    baseUrl: serverOrigin(),
    now: () => Date.now(),
  };
}
