/**
 * Reads a full message's MIME body with mailparser (its parser is async, so this is too) and
 * hands the parts to the analyzer's pure bodyFactsOf. Never rejects: a message mailparser
 * cannot read gives empty facts and a problem.
 */
import { simpleParser } from 'mailparser';
import { bodyFactsOf, unreadableBody } from '../../core/analysis';
import type { AttachmentFact, BodyFacts } from '../../core/analysis';

export async function readBodyFacts(raw: Buffer | string): Promise<BodyFacts> {
  try {
    const parsed = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true });
    return bodyFactsOf({
      ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
      ...(typeof parsed.text === 'string' ? { text: parsed.text } : {}),
      attachments: parsed.attachments.map((a) => {
        const fact: AttachmentFact = { contentType: a.contentType, size: a.size };
        if (a.filename !== undefined && a.filename.length > 0) fact.filename = a.filename;
        return fact;
      }),
    });
  } catch (error) {
    return unreadableBody(error instanceof Error ? error.message : 'unreadable body');
  }
}
