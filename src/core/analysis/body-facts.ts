/**
 * Facts from the body of a full message: how many links, to which domains, and which
 * attachments. Reading MIME is the server's job (server/mail/body-facts.ts, with mailparser);
 * this takes the parts it found and stays a pure function of them.
 */
import type { AttachmentFact, BodyFacts, HeaderProblem } from './types';

/** The decoded parts of a message, as a MIME parser hands them over. */
export interface BodyParts {
  html?: string;
  text?: string;
  attachments: readonly AttachmentFact[];
}

/** href targets in HTML parts; the text part is scanned for bare URLs. */
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const BARE_URL = /\bhttps?:\/\/[^\s<>"'()[\]{}]+/gi;
const MAX_LINKS = 5000;

export function bodyFactsOf(parts: BodyParts): BodyFacts {
  const links = new Set<string>();
  if (parts.html !== undefined) collect(parts.html, HREF, links);
  if (parts.text !== undefined) collect(parts.text, BARE_URL, links);
  const domains = new Set<string>();
  for (const link of links) {
    const host = hostOf(link);
    if (host !== undefined) domains.add(host);
  }
  return { linkCount: links.size, linkDomains: [...domains].sort(), attachments: [...parts.attachments], problems: [] };
}

/** Body facts for a message whose body could not be read: nothing found, and why. */
export function unreadableBody(detail: string): BodyFacts {
  const problem: HeaderProblem = { header: '(body)', problem: 'unreadableValue', detail: detail.slice(0, 160) };
  return { linkCount: 0, linkDomains: [], attachments: [], problems: [problem] };
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
