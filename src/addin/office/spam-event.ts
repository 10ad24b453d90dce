/**
 * The integrated spam-reporting event (Mailbox 1.14): what Outlook passes in, and how the
 * handler tells Outlook it is done.
 */
import type { SpamMoveTarget, SpamReportDialog } from './types';

/** The event object Outlook passes to the onSpamReport handler. */
export interface SpamReportingEvent {
  /** One flag per <ReportingOptions> option, in manifest order. */
  options?: boolean[];
  /** The preprocessing dialog's free-text box. */
  freeText?: string;
  completed(options?: Office.SpamReportingEventCompletedOptions): void;
}

/** The event object Outlook passes to a ribbon ExecuteFunction command. */
export interface CommandEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

export interface SpamReportCompletion {
  moveTo: SpamMoveTarget;
  dialog: SpamReportDialog;
}

/**
 * Older classic Outlook builds only know the `postProcessingAction` strings; newer clients
 * have the MoveSpamItemTo enum. Use the enum when the client has it.
 */
const LEGACY_ACTIONS: Record<SpamMoveTarget, string> = {
  junk: 'moveToSpamFolder',
  deletedItems: 'delete',
  none: 'noMove',
};

export function spamCompletionOptions(
  completion: SpamReportCompletion,
): Office.SpamReportingEventCompletedOptions {
  const base: Office.SpamReportingEventCompletedOptions = {
    // Never delete on error: the report may be of legitimate mail the user needs back.
    onErrorDeleteItem: false,
    showPostProcessingDialog: {
      title: completion.dialog.title,
      description: completion.dialog.description,
    },
  };
  const moveTo = Office.MailboxEnums?.MoveSpamItemTo;
  if (!moveTo) return { ...base, postProcessingAction: LEGACY_ACTIONS[completion.moveTo] };
  const moveItemTo =
    completion.moveTo === 'junk'
      ? moveTo.JunkFolder
      : completion.moveTo === 'deletedItems'
        ? moveTo.DeletedItemsFolder
        : moveTo.NoMove;
  return { ...base, moveItemTo };
}

/**
 * Tells Outlook the spam report is handled. If the client refuses the options (an older
 * build), it is still told the event is complete, so Outlook never waits on us.
 */
export function completeSpamReport(event: SpamReportingEvent, completion: SpamReportCompletion): void {
  let options: Office.SpamReportingEventCompletedOptions | null = null;
  try {
    options = spamCompletionOptions(completion);
  } catch {
    options = null;
  }
  if (options === null) {
    event.completed();
    return;
  }
  try {
    event.completed(options);
  } catch {
    event.completed();
  }
}
