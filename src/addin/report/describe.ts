/**
 * Words for a report's result, from the user's catalog. The pane, the ribbon notices and
 * the spam-reporting dialog all say the same thing in the same way.
 */
import type { Catalog } from '../../i18n/en-US';
import type { MoveOutcome } from '../move/strategy';
import { refusalText } from '../refusal/describe';
import { CATEGORY_FACTS, type Destination } from './categories';
import type { ReportResult } from './report-message';

export type ReportState = 'sent' | 'queued' | 'rejected' | 'unsaved' | 'noMessage' | 'unreadable';
export type Tone = 'success' | 'warning' | 'error';

export interface ReportDescription {
  state: ReportState;
  tone: Tone;
  headline: string;
  /** Where the message went, or what the user should do with it; null if nothing to say. */
  moveText: string | null;
}

const MOVED: Readonly<Record<Destination, keyof Catalog['move']>> = {
  inbox: 'movedToInbox',
  junk: 'movedToJunk',
  deletedItems: 'movedToDeleted',
};

const MANUAL: Readonly<Record<Destination, keyof Catalog['move']>> = {
  inbox: 'manualInbox',
  junk: 'manualJunk',
  deletedItems: 'manualDeleted',
};

export function describeMove(move: MoveOutcome, strings: Catalog): string {
  const table = move.method === 'manual' ? MANUAL : MOVED;
  return strings.move[table[move.destination]];
}

export function describeReport(result: ReportResult, strings: Catalog): ReportDescription {
  if (result.kind === 'noMessage') {
    return { state: 'noMessage', tone: 'error', headline: strings.pane.noMessage, moveText: null };
  }
  if (result.kind === 'unreadable') {
    return { state: 'unreadable', tone: 'error', headline: strings.outcome.readFailed, moveText: null };
  }
  const moveText = result.move ? describeMove(result.move, strings) : null;
  const { outcome } = result;
  switch (outcome.kind) {
    case 'sent':
      return {
        state: 'sent',
        tone: 'success',
        headline: strings.outcome.sent(strings.categories[CATEGORY_FACTS[result.category].submission]),
        moveText,
      };
    case 'queued':
      return { state: 'queued', tone: 'warning', headline: strings.outcome.queued, moveText };
    case 'rejected':
      return {
        state: 'rejected',
        tone: 'error',
        headline: strings.outcome.rejected(refusalText(outcome.refusal, strings)),
        moveText,
      };
    case 'unsaved':
      return { state: 'unsaved', tone: 'error', headline: strings.outcome.notSaved, moveText };
  }
}

/** Title and text of the spam-reporting event's post-processing dialog. */
export function spamDialogFor(description: ReportDescription, strings: Catalog) {
  const title =
    description.state === 'sent'
      ? strings.spamDialog.title
      : description.state === 'queued'
        ? strings.spamDialog.queuedTitle
        : strings.spamDialog.failedTitle;
  const text = [description.headline, description.moveText].filter((part) => part !== null).join(' ');
  return { title, description: text };
}
