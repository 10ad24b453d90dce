/**
 * A stored message's body for a safe preview, read with mailparser: the HTML as mailparser gives
 * it (cid: references left in place, nothing sanitised: the browser does that), the plain text,
 * the attachments' names, types and sizes, and inline images (a Content-ID and a raster image
 * type) as data: URLs within a budget.
 *
 * Bounded on hostile input: mailparser refuses more than 1,000 MIME parts on its own (a MIME bomb
 * of 10,000 nested parts is refused in well under a second) and bounds its link scanning; the
 * conversions this preview does not need (HTML to text, text to HTML, links) are off; the bodies
 * and the attachment list are cut to fixed sizes; and a parse that takes longer than a deadline
 * is given up. What cannot be read becomes a MessageUnreadable, never a crash.
 */
import { simpleParser, type Attachment } from 'mailparser';
import type { MessagePreview, PreviewAttachment, PreviewInlineImage } from '../../contracts/preview';

export interface PreviewLimits {
  /** Characters of HTML and of text kept (each). */
  maxBodyChars: number;
  /** Total decoded bytes of the inline images sent as data: URLs; the rest are left out. */
  maxInlineBytes: number;
  /** Attachments listed. */
  maxAttachments: number;
  /** How long a parse may take before the preview is given up. */
  deadlineMs: number;
}

export const PREVIEW_LIMITS: PreviewLimits = {
  maxBodyChars: 2 * 1024 * 1024,
  maxInlineBytes: 2 * 1024 * 1024,
  maxAttachments: 200,
  deadlineMs: 10_000,
};

/** The image types a preview shows inline (the sanitiser in the browser allows the same). */
const INLINE_TYPES = /^image\/(png|gif|jpe?g|webp|bmp)$/i;

/** The message's body could not be read (a structure mailparser refuses, or the deadline passed). */
export class MessageUnreadable extends Error {}

function cut(value: string | false | undefined, max: number): { value: string | null; cut: boolean } {
  if (typeof value !== 'string' || value === '') return { value: null, cut: false };
  return value.length > max ? { value: value.slice(0, max), cut: true } : { value, cut: false };
}

function contentIdOf(attachment: Attachment): string {
  return (attachment.contentId ?? attachment.cid ?? '').replace(/^<|>$/g, '').trim();
}

function isInlineImage(attachment: Attachment): boolean {
  return contentIdOf(attachment) !== '' && INLINE_TYPES.test(attachment.contentType) && attachment.contentDisposition !== 'attachment';
}

async function parse(raw: Buffer, deadlineMs: number): Promise<Awaited<ReturnType<typeof simpleParser>>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new MessageUnreadable(`reading the message took longer than ${deadlineMs} ms`)), deadlineMs);
  });
  try {
    return await Promise.race([
      simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true, keepCidLinks: true }),
      deadline,
    ]);
  } catch (error) {
    if (error instanceof MessageUnreadable) throw error;
    throw new MessageUnreadable(error instanceof Error ? error.message : 'the message could not be read');
  } finally {
    clearTimeout(timer);
  }
}

/** The preview of `raw`; throws MessageUnreadable when mailparser cannot read it. Empty input is an empty preview. */
export async function messagePreview(raw: Buffer, limits: PreviewLimits = PREVIEW_LIMITS): Promise<MessagePreview> {
  if (raw.length === 0) return { html: null, text: null, inlineImages: [], attachments: [], truncated: false };
  const parsed = await parse(raw, limits.deadlineMs);
  const html = cut(parsed.html, limits.maxBodyChars);
  const text = cut(parsed.text, limits.maxBodyChars);
  let truncated = html.cut || text.cut;

  const inlineImages: PreviewInlineImage[] = [];
  const attachments: PreviewAttachment[] = [];
  let inlineBytes = 0;
  for (const attachment of parsed.attachments) {
    if (isInlineImage(attachment)) {
      const contentId = contentIdOf(attachment);
      if (inlineImages.some((i) => i.contentId === contentId)) continue;
      if (inlineBytes + attachment.content.length > limits.maxInlineBytes) {
        truncated = true;
        continue;
      }
      inlineBytes += attachment.content.length;
      inlineImages.push({ contentId, dataUrl: `data:${attachment.contentType.toLowerCase()};base64,${attachment.content.toString('base64')}` });
      continue;
    }
    if (attachments.length >= limits.maxAttachments) {
      truncated = true;
      continue;
    }
    attachments.push({ filename: attachment.filename ?? '', contentType: attachment.contentType, size: attachment.size });
  }
  return { html: html.value, text: text.value, inlineImages, attachments, truncated };
}
