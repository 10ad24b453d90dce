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
  /**
   * Notices about quarantined messages, in the same way: the answer to a user's release request
   * (approved, denied; placeholders {subject} {sender} {receivedDateTime} {expiresDateTime}
   * {adminMessage}), and the notice to the admins who are told of a request (also {requester}
   * {reason} {link}).
   */
  quarantine: {
    /** {sender} when the message named none. */
    unknownSender: 'an unknown sender',
    approved: {
      subject: 'Release request approved: {subject}',
      body: [
        'Hello,',
        '',
        'Your request to release the message "{subject}" from {sender}, received {receivedDateTime}, was approved. It is being delivered to your inbox.',
        '',
        '{adminMessage}',
        '',
        'Second Look, for your security team',
      ].join('\n'),
    },
    denied: {
      subject: 'Release request denied: {subject}',
      body: [
        'Hello,',
        '',
        'Your request to release the message "{subject}" from {sender}, received {receivedDateTime}, was denied. The message stays in quarantine until {expiresDateTime}, then it is deleted.',
        '',
        '{adminMessage}',
        '',
        'If you think it should be delivered, contact your security team.',
        '',
        'Second Look, for your security team',
      ].join('\n'),
    },
    requested: {
      subject: 'Release requested: {subject}',
      body: [
        '{requester} asked for the release of a quarantined message.',
        '',
        'Subject: {subject}',
        'Sender: {sender}',
        'Received: {receivedDateTime}',
        'Quarantined as: {reason}',
        '',
        'Approve or deny the request in Second Look:',
        '{link}',
        '',
        'Second Look',
      ].join('\n'),
    },
  },
};

export type NoticeCatalog = typeof enUS;
