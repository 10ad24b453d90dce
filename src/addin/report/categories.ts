/**
 * The three things a user can say about a message, and what each means to the server,
 * to Microsoft Graph and to the mailbox.
 */
import type { SubmissionCategory } from '../../contracts/submissions';

export const REPORT_CATEGORIES = ['notJunk', 'junk', 'phishing'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** Where the message belongs once reported. */
export type Destination = 'inbox' | 'junk' | 'deletedItems';

interface CategoryFacts {
  /** The server's (Graph emailThreatSubmission-style) category. */
  submission: SubmissionCategory;
  /** Graph reportMessage's ReportAction. */
  graphAction: 'notJunk' | 'junk' | 'phish';
  destination: Destination;
}

export const CATEGORY_FACTS: Readonly<Record<ReportCategory, CategoryFacts>> = {
  notJunk: { submission: 'notJunk', graphAction: 'notJunk', destination: 'inbox' },
  junk: { submission: 'spam', graphAction: 'junk', destination: 'junk' },
  phishing: { submission: 'phishing', graphAction: 'phish', destination: 'deletedItems' },
};

/**
 * The category picked in the spam-reporting dialog. Options are, in manifest order, Not junk,
 * Junk, Phishing. If several are ticked the most cautious wins (a message someone thinks may
 * be phishing is treated as phishing); if none is, the user still pressed "Report", so Junk.
 */
export function categoryFromSpamOptions(options: readonly boolean[] | undefined): ReportCategory {
  const [notJunk = false, junk = false, phishing = false] = options ?? [];
  if (phishing) return 'phishing';
  if (junk) return 'junk';
  if (notJunk) return 'notJunk';
  return 'junk';
}
