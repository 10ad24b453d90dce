/**
 * "My quarantine" as the pane's components use it: the user's own quarantined messages and
 * the actions their policy allows, over the API client, plus the words for what an action did
 * or why it was refused (from the refusal's stable code, never the server's English).
 */
import type { MessagePreview } from '../../contracts/preview';
import type { MyQuarantineActionResult, MyQuarantineDetail, MyQuarantineItem, MyQuarantinePage, UserActionPath } from '../../contracts/quarantine';
import type { Catalog } from '../../i18n';
import type { ApiClient } from '../api/client';
import { ApiError, NetworkError } from '../api/errors';
import { refusalText } from '../refusal/describe';

export interface QuarantineService {
  list(cursor?: string): Promise<MyQuarantinePage>;
  detail(id: string): Promise<MyQuarantineDetail>;
  act(id: string, action: UserActionPath): Promise<MyQuarantineActionResult>;
  /** The message's body for the safe preview (403 when its policy does not allow preview). */
  preview(id: string): Promise<MessagePreview>;
}

export function quarantineFromApi(api: Pick<ApiClient, 'listMyQuarantine' | 'myQuarantineDetail' | 'quarantineAction' | 'myQuarantinePreview'>): QuarantineService {
  return {
    list: (cursor) => api.listMyQuarantine(cursor === undefined ? {} : { cursor }),
    detail: (id) => api.myQuarantineDetail(id),
    act: (id, action) => api.quarantineAction(id, action),
    preview: (id) => api.myQuarantinePreview(id),
  };
}

/** A button on a quarantined message: a server action, or showing its body or its headers. */
export type QuarantineButton = UserActionPath | 'preview' | 'view-headers';

/**
 * The buttons one message gets: exactly what its policy allows (the server's `actions`), less
 * what its release status makes pointless (releasing a released message). Request release stays
 * while requested: asking again is harmless, and the answer says it was asked already. Report
 * needs no permission beyond seeing the message.
 */
export function buttonsFor(item: MyQuarantineItem): QuarantineButton[] {
  const allowed = new Set(item.actions);
  const status = item.releaseStatus;
  const buttons: QuarantineButton[] = [];
  if (allowed.has('preview')) buttons.push('preview');
  if (allowed.has('release') && (status === 'notReleased' || status === 'denied')) buttons.push('release');
  if (allowed.has('requestRelease') && (status === 'notReleased' || status === 'requested')) buttons.push('request-release');
  if (allowed.has('blockSender')) buttons.push('block-sender');
  if (allowed.has('allowSender')) buttons.push('allow-sender');
  buttons.push('report');
  if (allowed.has('viewHeaders')) buttons.push('view-headers');
  if (allowed.has('delete')) buttons.push('delete');
  return buttons;
}

/** The label of a button, in the user's language. */
export function buttonLabel(button: QuarantineButton, strings: Catalog): string {
  const labels = strings.quarantine.actions;
  switch (button) {
    case 'release': return labels.release;
    case 'request-release': return labels.requestRelease;
    case 'block-sender': return labels.blockSender;
    case 'allow-sender': return labels.allowSender;
    case 'report': return labels.report;
    case 'delete': return labels.delete;
    case 'view-headers': return labels.viewHeaders;
    case 'preview': return labels.preview;
  }
}

/** What an action did, as one sentence; `before` is the item as it was listed when clicked. */
export function actionDoneText(action: UserActionPath, before: MyQuarantineItem, result: MyQuarantineActionResult, strings: Catalog): string {
  const done = strings.quarantine.done;
  const subject = before.subject;
  switch (action) {
    case 'release': return done.released(subject);
    case 'request-release': return before.releaseStatus === 'requested' ? done.alreadyRequested(subject) : done.requested(subject);
    case 'delete': return done.deleted(subject);
    case 'block-sender': return done.blocked(result.listValue ?? before.sender);
    case 'allow-sender': return done.allowed(result.listValue ?? before.sender);
    case 'report': return done.reported(subject);
  }
}

/** Why something failed, in the user's language: the refusal's code, or that the server was unreachable. */
export function failureReason(error: unknown, strings: Catalog): string {
  if (error instanceof ApiError) return refusalText(error.refusal, strings);
  if (error instanceof NetworkError) return strings.lists.unreachable;
  return strings.errors.unexpected;
}
