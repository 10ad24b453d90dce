import type { MessageFacts, OfficeMailbox } from '../../../src/addin/office';

/** An OfficeMailbox without Office: one message, one user, nothing supported beyond the basics, no selection changes. */
export function fakeMailbox(facts: MessageFacts, user: { address: string; displayName: string }, content: { headers?: string; eml?: string } = {}): OfficeMailbox {
  return {
    messageFacts: () => facts,
    internetHeaders: async () => content.headers ?? '',
    messageAsEml: async () => content.eml ?? '',
    displayLanguage: () => 'en-US',
    user: () => user,
    supports: () => false,
    restId: (id) => id,
    notify: async () => undefined,
    onItemChanged: () => () => undefined,
  };
}
