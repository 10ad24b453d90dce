/**
 * A stored message's body as the server reads it for a safe preview (GET
 * /api/me/quarantine/{id}/preview, /api/quarantine/{id}/preview, /api/submissions/{id}/preview).
 * The HTML is the sender's, unsanitised: the browser sanitises it (DOMPurify) and shows it in a
 * sandboxed frame. cid: references stay in the HTML; the inline images they name come as data:
 * URLs beside it, within a total budget.
 */
import { Type, type Static } from '@sinclair/typebox';

export const PreviewAttachment = Type.Object({
  /** The attachment's name as the sender gave it; empty when it has none. */
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer({ minimum: 0 }),
});
export type PreviewAttachment = Static<typeof PreviewAttachment>;

export const PreviewInlineImage = Type.Object({
  /** The Content-ID without angle brackets: what `cid:` in the HTML names. */
  contentId: Type.String(),
  /** data:image/…;base64,… */
  dataUrl: Type.String({ pattern: '^data:image/' }),
});
export type PreviewInlineImage = Static<typeof PreviewInlineImage>;

export const MessagePreview = Type.Object({
  /** The HTML body as received (not sanitised); null when the message has none. */
  html: Type.Union([Type.String(), Type.Null()]),
  /** The plain-text body; null when the message has none. */
  text: Type.Union([Type.String(), Type.Null()]),
  inlineImages: Type.Array(PreviewInlineImage),
  attachments: Type.Array(PreviewAttachment),
  /** True when something was left out to keep the preview bounded (a long body, inline images past the budget, many attachments). */
  truncated: Type.Boolean(),
});
export type MessagePreview = Static<typeof MessagePreview>;

/** The refusal when a message's body cannot be read at all (a MIME bomb, say): 422 with this code. */
export const MESSAGE_UNREADABLE = 'message_unreadable';
