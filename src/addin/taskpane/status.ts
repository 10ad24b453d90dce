/**
 * The pane's "what just happened" line as a small state machine, kept free of React so it
 * can be tested on its own. A queued report remembers its outbox key, so the line turns
 * into the confirmation (or the refusal) when the outbox later delivers it.
 */
import type { Catalog } from '../../i18n';
import type { OutboxEntry } from '../outbox/types';
import { failedEntryText } from '../refusal/describe';
import { CATEGORY_FACTS, type ReportCategory } from '../report/categories';
import { describeReport, type ReportState, type Tone } from '../report/describe';
import type { ReportResult } from '../report/report-message';

export type PaneStatus =
  | { state: 'idle' }
  | { state: 'sending' }
  | {
      state: ReportState | 'error';
      tone: Tone;
      headline: string;
      moveText: string | null;
      /** Set while the report waits in the outbox. */
      queued: { key: string; category: ReportCategory } | null;
    };

export type StatusAction =
  | { type: 'sending' }
  | { type: 'finished'; result: ReportResult; strings: Catalog }
  | { type: 'crashed'; strings: Catalog }
  /** Another message was selected (a pinned pane): the last report's line was about the one before. */
  | { type: 'reset' }
  /** The outbox changed (a retry ran): a queued report may have gone out or been refused. */
  | { type: 'outbox'; entries: readonly OutboxEntry[]; strings: Catalog };

export const IDLE: PaneStatus = { state: 'idle' };

export function statusReducer(current: PaneStatus, action: StatusAction): PaneStatus {
  switch (action.type) {
    case 'sending':
      return { state: 'sending' };
    case 'finished': {
      const { result } = action;
      const description = describeReport(result, action.strings);
      const queued =
        result.kind === 'done' && result.outcome.kind === 'queued'
          ? { key: result.outcome.key, category: result.category }
          : null;
      return { ...description, queued };
    }
    case 'crashed':
      return {
        state: 'error',
        tone: 'error',
        headline: action.strings.errors.unexpected,
        moveText: null,
        queued: null,
      };
    case 'outbox':
      return afterOutboxChange(current, action.entries, action.strings);
    case 'reset':
      return IDLE;
  }
}

function afterOutboxChange(current: PaneStatus, entries: readonly OutboxEntry[], strings: Catalog): PaneStatus {
  if (current.state !== 'queued' || current.queued === null) return current;
  const { key, category } = current.queued;
  const entry = entries.find((candidate) => candidate.key === key);
  if (entry?.state === 'pending') return current;
  if (entry?.state === 'failed') {
    return {
      ...current,
      state: 'rejected',
      tone: 'error',
      headline: strings.outcome.rejected(failedEntryText(entry, strings)),
      queued: null,
    };
  }
  // Gone from the outbox: only a 2xx from the server removes an entry.
  return {
    ...current,
    state: 'sent',
    tone: 'success',
    headline: strings.outcome.sent(strings.categories[CATEGORY_FACTS[category].submission]),
    queued: null,
  };
}

/** The plain text of the status, as the data-testid="status" region shows it. */
export function statusText(status: PaneStatus, strings: Catalog): string {
  if (status.state === 'idle') return '';
  if (status.state === 'sending') return strings.pane.sending;
  return [status.headline, status.moveText].filter((part) => part !== null).join(' ');
}
