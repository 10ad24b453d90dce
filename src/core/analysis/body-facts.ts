/**
 * Facts from the body of a full message: how many links, to which domains, and which
 * attachments. MIME is mailparser's job (simpleParser is async, hence this function is
 * too); the header path stays synchronous. Never rejects: a message mailparser cannot
 * read gives empty facts and a problem.
 */
import { simpleParser } from 'mailparser';
import type { AttachmentFact, BodyFacts } from './types';

/** href targets in HTML parts; the text part is scanned for bare URLs. */
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const BARE_URL = /\bhttps?:\/\/[^\s<>"'()[\]{}]+/gi;
const MAX_LINKS = 5000;

export async function extractBodyFacts(raw: Buffer | string): Promise<BodyFacts> {
  const facts: BodyFacts = { linkCount: 0, linkDomains: [], attachments: [], problems: [] };
  try {
    const parsed = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true });
    const links = new Set<string>();
    if (typeof parsed.html === 'string') collect(parsed.html, HREF, links);
    if (typeof parsed.text === 'string') collect(parsed.text, BARE_URL, links);
    const domains = new Set<string>();
    for (const link of links) {
      const host = hostOf(link);
      if (host !== undefined) domains.add(host);
    }
    facts.linkCount = links.size;
    facts.linkDomains = [...domains].sort();
    facts.attachments = parsed.attachments.map((a) => {
      const fact: AttachmentFact = { contentType: a.contentType, size: a.size };
      if (a.filename !== undefined && a.filename.length > 0) fact.filename = a.filename;
      return fact;
    });
  } catch (error) {
    facts.problems.push({
      header: '(body)',
      problem: 'unreadableValue',
      detail: error instanceof Error ? error.message.slice(0, 160) : 'unreadable body',
    });
  }
  return facts;
}

function collect(text: string, pattern: RegExp, into: Set<string>): void {
  for (const m of text.matchAll(pattern)) {
    if (into.size >= MAX_LINKS) return;
    const url = (m[1] ?? m[2] ?? m[3] ?? m[0]).trim();
    if (/^https?:\/\//i.test(url)) into.add(url.replace(/&amp;/g, '&'));
  }
}

/** The WHATWG URL parser normalises the host (lower case, IDN to punycode). */
function hostOf(link: string): string | undefined {
  try {
    const host = new URL(link).hostname;
    return host.length > 0 ? host : undefined;
  } catch {
    return undefined;
  }
}
