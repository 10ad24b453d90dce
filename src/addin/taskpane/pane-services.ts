/**
 * What the task pane's components may do, as one object passed through React context.
 * Components never touch `Office`; tests and the e2e page give them this instead.
 */
import type { SenderListItem, SenderListResponse } from '../../contracts/lists';
import type { Submission } from '../../contracts/submissions';
import type { Catalog, Locale } from '../../i18n';
import type { RemoveSenderOutcome, SenderListKind } from '../api/types';
import type { MessageFacts } from '../office/types';
import { OutboxRetryLoop, type TimerLike } from '../outbox/retry-loop';
import type { OutboxEntry } from '../outbox/types';
import { quarantineFromApi, type QuarantineService } from '../quarantine/quarantine';
import type { ReportCategory } from '../report/categories';
import type { ReportResult } from '../report/report-message';
import type { AddinServices } from '../services/create-services';

/** Where "What do these buttons do?" leads when the server's config has not said. */
export const DEFAULT_MORE_INFO_URL = 'help.html';

/** The user's own safe and blocked senders, as the pane may read and change them. */
export interface SenderListsService {
  list(list: SenderListKind): Promise<SenderListResponse>;
  /** Resolves with the entry as the server stored it; rejects with ApiError, NetworkError or FeatureUnavailableError. */
  add(list: SenderListKind, value: string): Promise<SenderListItem>;
  remove(list: SenderListKind, value: string): Promise<RemoveSenderOutcome>;
}

export interface PaneServices {
  locale: Locale;
  strings: Catalog;
  /** The selected message, read afresh on each call; null when none is selected. */
  message(): MessageFacts | null;
  /** Calls `listener` when another message (or none) is selected in a pinned pane; returns the unsubscribe. */
  onMessageChange(listener: () => void): () => void;
  moreInfoUrl(): Promise<string>;
  report(category: ReportCategory, comment: string): Promise<ReportResult>;
  earlierReports(internetMessageId: string): Promise<Submission[]>;
  outboxEntries(): Promise<OutboxEntry[]>;
  dismissOutboxEntry(key: string): Promise<void>;
  /** Called whenever the outbox may have changed (a flush ran, a report was queued). */
  onOutboxChange(listener: () => void): () => void;
  /** Starts retrying the outbox (flush now, then on a backoff timer) until stopRetrying(). */
  startRetrying(): Promise<void>;
  stopRetrying(): void;
  senderLists: SenderListsService;
  /** "My quarantine": the user's own quarantined messages. */
  quarantine: QuarantineService;
}

export function createPaneServices(services: AddinServices, timer: TimerLike): PaneServices {
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const loop = new OutboxRetryLoop({
    outbox: services.outbox,
    timer,
    now: services.now,
    onFlushed: changed,
  });

  return {
    locale: services.locale,
    strings: services.strings,
    message: () => services.mailbox.messageFacts(),
    onMessageChange: (listener) => services.mailbox.onItemChanged(listener),
    async moreInfoUrl() {
      try {
        return (await services.config()).moreInfoUrl || DEFAULT_MORE_INFO_URL;
      } catch {
        return DEFAULT_MORE_INFO_URL;
      }
    },
    async report(category, comment) {
      const result = await services.report({ category, comment, context: 'command' });
      changed();
      if (result.kind === 'done' && result.outcome.kind === 'queued') await loop.reschedule();
      return result;
    },
    earlierReports: (internetMessageId) => services.earlierReports(internetMessageId),
    outboxEntries: () => services.outbox.entries(),
    async dismissOutboxEntry(key) {
      await services.outbox.dismiss(key);
      changed();
    },
    onOutboxChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async startRetrying() {
      await loop.start().catch(() => undefined);
    },
    stopRetrying() {
      loop.stop();
    },
    senderLists: {
      list: (list) => services.api.listSenders(list),
      add: (list, value) => services.api.addSender(list, value),
      remove: (list, value) => services.api.removeSender(list, value),
    },
    quarantine: quarantineFromApi(services.api),
  };
}
