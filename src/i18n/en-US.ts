/**
 * English (United States): the reference catalog. Every other catalog has exactly this type,
 * so a string added here and forgotten elsewhere is a compile error, not a blank button.
 *
 * Functions are used where text needs a value (a count, an address, a server's reason) so
 * each language can put it where its grammar wants it.
 */
export const enUS = {
  productName: 'Second Look',
  /** Keyed by the server's SubmissionCategory ("spam" is what users call Junk). */
  categories: {
    notJunk: 'Not junk',
    spam: 'Junk',
    phishing: 'Phishing',
    malware: 'Malware',
  },
  pane: {
    from: 'From',
    subject: 'Subject',
    noSubject: '(no subject)',
    noMessage: 'Open a message to report it.',
    reportHeading: 'Report this message',
    reportHelp:
      'Tell your security team what this message really is. They review every report and can release blocked mail.',
    commentLabel: 'Comment',
    commentHint: 'Optional: anything the security team should know.',
    moreInfo: 'What do these buttons do?',
    reportNotJunk: 'Not junk',
    reportJunk: 'Junk',
    reportPhishing: 'Phishing',
    sending: 'Sending your report…',
    earlierHeading: 'Your earlier reports of this message',
    earlierLoading: 'Loading your earlier reports…',
    earlierNone: 'You have not reported this message before.',
    earlierUnavailable: 'Your earlier reports could not be loaded right now.',
    earlierReportedOn: (date: string) => `Reported ${date}`,
    outboxWaiting: (count: number) =>
      count === 1
        ? '1 report is waiting to be sent.'
        : `${count} reports are waiting to be sent.`,
    outboxFailed: (count: number) =>
      count === 1 ? '1 report was not accepted.' : `${count} reports were not accepted.`,
    dismiss: 'Dismiss',
  },
  status: {
    pending: 'Waiting for review',
    succeeded: 'Reviewed',
    noResultYet: 'No result yet',
  },
  outcome: {
    sent: (category: string) => `Thank you. Your report (${category}) was received.`,
    queued: 'Queued — will be sent when the server is reachable.',
    rejected: (reason: string) => `Your report was not accepted: ${reason}`,
    notSaved: 'Your report could not be sent or saved. Please try again.',
    readFailed: 'Outlook could not give the add-in this message. Please try again.',
  },
  move: {
    movedToInbox: 'The message was moved to your Inbox.',
    movedToJunk: 'The message was moved to Junk Email.',
    movedToDeleted: 'The message was moved to Deleted Items.',
    manualInbox: "Move it to your Inbox with Outlook's Not junk button.",
    manualJunk: "Move it to Junk Email with Outlook's Junk button.",
    manualDeleted: 'Delete the message; do not open its links or attachments.',
  },
  safeSender: {
    added: (address: string) => `${address} was added to your safe senders.`,
    notAvailable: 'This server cannot manage safe senders yet. Ask your IT team.',
    failed: (reason: string) => `The sender could not be added: ${reason}`,
    unreachable: 'The server could not be reached. Please try again later.',
  },
  spamDialog: {
    title: 'Thank you for your report',
    queuedTitle: 'Your report will be sent later',
    failedTitle: 'Your report was not sent',
  },
  errors: {
    unexpected: 'Something went wrong. Please try again.',
  },
};

export type Catalog = typeof enUS;
