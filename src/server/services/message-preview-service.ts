/**
 * Safe previews of stored messages: the bytes come from the service that owns the row (so its
 * checks hold: a user's own quarantined message under a policy with the preview bit, a
 * submission the caller may read, any quarantined row for readers), and mail/ reads the body.
 * A body mailparser cannot read is a 422 with a stable code, never a 500.
 */
import { MESSAGE_UNREADABLE, type MessagePreview } from '../../contracts/preview';
import type { Principal } from '../../core/permissions';
import { messagePreview, MessageUnreadable, PREVIEW_LIMITS, type PreviewLimits } from '../mail/message-preview';
import { ServiceError } from './errors';
import type { QuarantineService } from './quarantine-service';
import type { SubmissionsService } from './submissions-service';

export interface MessagePreviewServiceDeps {
  quarantine: Pick<QuarantineService, 'myPreviewMessage' | 'message'>;
  submissions: Pick<SubmissionsService, 'originalMessage'>;
  limits?: PreviewLimits;
}

export class MessagePreviewService {
  constructor(private readonly deps: MessagePreviewServiceDeps) {}

  /** One of the caller's own quarantined messages: 404 unless theirs, 403 `quarantine_action_not_allowed` without the preview bit. */
  async myQuarantined(principal: Principal, id: string): Promise<MessagePreview> {
    return this.preview(await this.deps.quarantine.myPreviewMessage(principal, id));
  }

  /** Any quarantined row (the route admits readers and quarantine admins). */
  async quarantined(id: string): Promise<MessagePreview> {
    return this.preview(await this.deps.quarantine.message(id));
  }

  /** A submission's original message, when the caller may read the submission. */
  async submission(principal: Principal, id: string): Promise<MessagePreview> {
    return this.preview(await this.deps.submissions.originalMessage(principal, id));
  }

  private async preview(bytes: Buffer): Promise<MessagePreview> {
    try {
      return await messagePreview(bytes, this.deps.limits ?? PREVIEW_LIMITS);
    } catch (error) {
      if (error instanceof MessageUnreadable) throw new ServiceError(422, MESSAGE_UNREADABLE, `the message's body cannot be shown: ${error.message}`);
      throw error;
    }
  }
}
