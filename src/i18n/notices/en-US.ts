/**
 * The built-in notices to a reporter once an admin has reviewed their report, one per
 * result. Admins can replace each in the portal (Settings); these stay the defaults.
 * Placeholders: {reporterName} {subject} {sender} {receivedDateTime} {reportedDateTime}
 * {result} {adminMessage}. A line holding only {adminMessage} disappears when there is none.
 */
export const enUS = {
  results: {
    noThreatsFound: 'No threats found',
    phishing: 'Phishing',
    spam: 'Spam',
  },
  /** Shown for {adminMessage}: the admin's own words, introduced. */
  adminMessage: 'A note from your security team: {message}',
  /** {reporterName} when the report carried no display name. */
  colleague: 'colleague',
  templates: {
    noThreatsFound: {
      subject: 'Your report: "{subject}" is safe',
      body: [
        'Hello {reporterName},',
        '',
        'Thank you for reporting the message "{subject}" from {sender}, received {receivedDateTime}.',
        '',
        'Our security team reviewed it and found no threats: it is legitimate mail. If it was in your Junk Email folder, you can move it back to your Inbox.',
        '',
        '{adminMessage}',
        '',
        'Result: {result}',
        '',
        'Second Look, for your security team',
      ].join('\n'),
    },
    phishing: {
      subject: 'Your report: "{subject}" is phishing',
      body: [
        'Hello {reporterName},',
        '',
        'Thank you for reporting the message "{subject}" from {sender}, received {receivedDateTime}.',
        '',
        'Our security team reviewed it: it is phishing. Do not click its links, open its attachments or reply to it. If you already did, tell your security team now.',
        '',
        '{adminMessage}',
        '',
        'Result: {result}',
        '',
        'Second Look, for your security team',
      ].join('\n'),
    },
    spam: {
      subject: 'Your report: "{subject}" is spam',
      body: [
        'Hello {reporterName},',
        '',
        'Thank you for reporting the message "{subject}" from {sender}, received {receivedDateTime}.',
        '',
        'Our security team reviewed it: it is spam. You can delete it; similar messages will be filtered.',
        '',
        '{adminMessage}',
        '',
        'Result: {result}',
        '',
        'Second Look, for your security team',
      ].join('\n'),
    },
  },
};

export type NoticeCatalog = typeof enUS;
