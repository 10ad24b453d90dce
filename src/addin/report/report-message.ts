/**
 * The report use case, shared by the ribbon commands, the spam-reporting event and the
 * task pane: read the message, hand the report to the outbox (stored before it is sent),
 * then move the message.
 */
import type { MoveContext, MoveDeps, MoveOutcome } from '../move/strategy';
import { EVENT_MOVE_TARGET, moveReportedMessage } from '../move/strategy';
import type { OfficeMailbox } from '../office/types';
import type { Outbox } from '../outbox/outbox';
import type { SubmitOutcome } from '../outbox/types';
import { buildSubmission, IncompleteMessageError, type MessageContent } from './build-submission';
import { CATEGORY_FACTS, type ReportCategory } from './categories';

export type ReportResult =
  | { kind: 'noMessage' }
  /** Outlook would not give us enough of the message to report it. */
  | { kind: 'unreadable'; reason: string }
  | { kind: 'done'; category: ReportCategory; outcome: SubmitOutcome; move: MoveOutcome | null };

export interface ReportDeps {
  mailbox: OfficeMailbox;
  outbox: Pick<Outbox, 'submit'>;
  /** Resolved lazily: it may need the server's config, which may be unreachable. */
  moveDeps: () => Promise<MoveDeps>;
  now: () => number;
}

export interface ReportRequest {
  category: ReportCategory;
  comment: string;
  context: MoveContext;
}

async function orNull(read: () => Promise<string>): Promise<string | null> {
  try {
    const value = await read();
    return value === '' ? null : value;
  } catch {
    return null;
  }
}

/** The EML where the client can give it; the header block either way (the fallback). */
export async function readMessageContent(mailbox: OfficeMailbox): Promise<MessageContent> {
  const [eml, headers] = await Promise.all([
    orNull(() => mailbox.messageAsEml()),
    orNull(() => mailbox.internetHeaders()),
  ]);
  return { eml, headers };
}

export async function reportMessage(request: ReportRequest, deps: ReportDeps): Promise<ReportResult> {
  const facts = deps.mailbox.messageFacts();
  if (!facts) return { kind: 'noMessage' };
  const content = await readMessageContent(deps.mailbox);
  let built;
  try {
    built = buildSubmission({
      category: request.category,
      comment: request.comment,
      facts,
      user: deps.mailbox.user(),
      content,
      displayLanguage: deps.mailbox.displayLanguage(),
      now: deps.now(),
    });
  } catch (error) {
    if (error instanceof IncompleteMessageError) return { kind: 'unreadable', reason: error.message };
    throw error;
  }
  const outcome = await deps.outbox.submit(
    built.submission,
    built.fallback ? { fallback: built.fallback } : {},
  );
  // A report that is neither sent nor stored leaves the message where it is, so the user
  // can simply try again on it.
  const move =
    outcome.kind === 'unsaved' ? null : await moveSafely(request, facts.itemId, deps);
  return { kind: 'done', category: request.category, outcome, move };
}

async function moveSafely(
  request: ReportRequest,
  itemId: string,
  deps: ReportDeps,
): Promise<MoveOutcome> {
  try {
    return await moveReportedMessage(request.category, itemId, request.context, await deps.moveDeps());
  } catch (error) {
    // Without the means to move it (no config, no token), the user is told how to do it.
    const reason = error instanceof Error ? error.message : String(error);
    const { destination } = CATEGORY_FACTS[request.category];
    const eventMoveTo = EVENT_MOVE_TARGET[destination];
    return request.context === 'spamEvent' && eventMoveTo !== 'none'
      ? { destination, method: 'spamEvent', eventMoveTo, graphSkipped: reason }
      : { destination, method: 'manual', eventMoveTo: 'none', graphSkipped: reason };
  }
}
