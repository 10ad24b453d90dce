/**
 * The ribbon function commands and the integrated spam-reporting handler. No DOM here:
 * classic Outlook runs this code in a JavaScript-only runtime. Every handler flushes the
 * outbox first, and completes its event in a `finally`, whatever happened.
 */
import { pickCatalog, type Catalog } from '../../i18n';
import { isExplainedFailure, listFailureText } from '../lists/describe';
import { senderAddress } from '../lists/choices';
import type { CommandEvent, SpamReportingEvent, SpamReportCompletion } from '../office/spam-event';
import { completeSpamReport } from '../office/spam-event';
import type { ItemNotice, OfficeMailbox } from '../office/types';
import { categoryFromSpamOptions, type ReportCategory } from '../report/categories';
import { describeReport, spamDialogFor } from '../report/describe';
import type { AddinServices } from '../services/create-services';

/** Notice keys: one for the report's outcome, one for where the message went. */
export const REPORT_NOTICE_KEY = 'secondLook.report';
export const MOVE_NOTICE_KEY = 'secondLook.move';
export const SAFE_SENDER_NOTICE_KEY = 'secondLook.safeSender';

export interface CommandDeps {
  /** Used directly only when the services cannot be built, to still say something. */
  mailbox: OfficeMailbox;
  /** Built on first use (once per runtime); may throw, e.g. when the server's origin is unknown. */
  services: () => AddinServices;
  /** Where unexpected errors go; console.error by default. */
  log?: (message: string, error: unknown) => void;
}

export interface CommandHandlers {
  reportNotJunk(event: CommandEvent): Promise<void>;
  reportJunk(event: CommandEvent): Promise<void>;
  reportPhishing(event: CommandEvent): Promise<void>;
  addSafeSender(event: CommandEvent): Promise<void>;
  onSpamReport(event: SpamReportingEvent): Promise<void>;
}

export function createCommandHandlers(deps: CommandDeps): CommandHandlers {
  const log = deps.log ?? ((message, error) => console.error(`[second-look] ${message}`, error));

  function strings(): Catalog {
    try {
      return deps.services().strings;
    } catch {
      return pickCatalog(deps.mailbox.displayLanguage());
    }
  }

  async function notify(key: string, notice: ItemNotice): Promise<void> {
    try {
      await deps.mailbox.notify(key, notice);
    } catch (error) {
      // The message may already have been moved away; there is nobody left to tell.
      log('could not show a notice', error);
    }
  }

  /** Earlier reports that are still waiting go out first. Never blocks the command on failure. */
  async function flushOutbox(services: AddinServices): Promise<void> {
    try {
      await services.outbox.flush();
    } catch (error) {
      log('outbox flush failed', error);
    }
  }

  function reportCommand(category: ReportCategory) {
    return async (event: CommandEvent): Promise<void> => {
      try {
        const services = deps.services();
        await flushOutbox(services);
        const result = await services.report({ category, comment: '', context: 'command' });
        const description = describeReport(result, services.strings);
        await notify(REPORT_NOTICE_KEY, {
          kind: description.tone === 'error' ? 'error' : 'info',
          message: description.headline,
        });
        if (description.moveText !== null) {
          await notify(MOVE_NOTICE_KEY, { kind: 'info', message: description.moveText });
        }
      } catch (error) {
        log(`report (${category}) failed`, error);
        await notify(REPORT_NOTICE_KEY, { kind: 'error', message: strings().errors.unexpected });
      } finally {
        event.completed();
      }
    };
  }

  /**
   * One click adds the sender's address (never the domain) to the user's safe senders.
   * Clicking a ribbon button labelled "Safe sender" on this message is itself the user's
   * confirmation: a function command has no UI to ask again, and the notice then says
   * exactly which value was saved. The wider choice (the whole domain) is only offered in
   * the task pane, behind a confirmation dialog.
   */
  async function addSafeSender(event: CommandEvent): Promise<void> {
    const text = strings();
    try {
      const services = deps.services();
      await flushOutbox(services);
      const address = senderAddress(services.mailbox.messageFacts());
      if (address === null) {
        await notify(SAFE_SENDER_NOTICE_KEY, { kind: 'error', message: text.safeSender.noSender });
        return;
      }
      const saved = await services.api.addSafeSender(address);
      // The server's displayValue: what was stored, as a person reads it (normalised case, Unicode domain).
      await notify(SAFE_SENDER_NOTICE_KEY, { kind: 'info', message: text.safeSender.added(saved.displayValue) });
    } catch (error) {
      const message = listFailureText(error, text, text.safeSender.failed);
      await notify(SAFE_SENDER_NOTICE_KEY, { kind: 'error', message });
      if (!isExplainedFailure(error)) log('add safe sender failed', error);
    } finally {
      event.completed();
    }
  }

  async function onSpamReport(event: SpamReportingEvent): Promise<void> {
    const text = strings();
    // What Outlook is told if anything below throws: leave the message where it is.
    let completion: SpamReportCompletion = {
      moveTo: 'none',
      dialog: { title: text.spamDialog.failedTitle, description: text.errors.unexpected },
    };
    try {
      const services = deps.services();
      await flushOutbox(services);
      const category = categoryFromSpamOptions(event.options);
      const result = await services.report({
        category,
        comment: event.freeText ?? '',
        context: 'spamEvent',
      });
      const description = describeReport(result, services.strings);
      completion = {
        moveTo: result.kind === 'done' && result.move ? result.move.eventMoveTo : 'none',
        dialog: spamDialogFor(description, services.strings),
      };
    } catch (error) {
      log('spam report failed', error);
    } finally {
      completeSpamReport(event, completion);
    }
  }

  return {
    reportNotJunk: reportCommand('notJunk'),
    reportJunk: reportCommand('junk'),
    reportPhishing: reportCommand('phishing'),
    addSafeSender,
    onSpamReport,
  };
}
