import type { MessageFacts } from '../../../src/addin/office';
import type { PaneServices } from '../../../src/addin/taskpane/pane-services';
import { enUS } from '../../../src/i18n/en-US';

/**
 * Pane services without a server or Office: one message, nothing reported, empty lists.
 * Tests override what they exercise; `senderLists` merges so a test can replace one method.
 */
export function fakePane(
  facts: MessageFacts,
  overrides: Partial<Omit<PaneServices, 'senderLists'>> & { senderLists?: Partial<PaneServices['senderLists']> } = {},
): PaneServices {
  const { senderLists, ...rest } = overrides;
  return {
    locale: 'en-US',
    strings: enUS,
    message: () => facts,
    moreInfoUrl: async () => 'help.html',
    report: async () => ({ kind: 'noMessage' }),
    earlierReports: async () => [],
    outboxEntries: async () => [],
    dismissOutboxEntry: async () => undefined,
    onOutboxChange: () => () => undefined,
    startRetrying: async () => undefined,
    stopRetrying: () => undefined,
    ...rest,
    senderLists: {
      list: async () => ({ items: [], used: 0, limit: 1024 }),
      add: async () => {
        throw new Error('not in this test');
      },
      remove: async () => 'removed',
      ...senderLists,
    },
  };
}
