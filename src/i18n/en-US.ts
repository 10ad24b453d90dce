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
  /** The ribbon's one-click "Safe sender" command (notices on the message). */
  safeSender: {
    added: (value: string) => `${value} was added to your safe senders.`,
    failed: (reason: string) => `The sender could not be added: ${reason}`,
    noSender: 'This message has no sender address to add.',
  },
  /** The task pane's "Safe and blocked senders" section. */
  lists: {
    heading: 'Safe and blocked senders',
    help: 'Mail from your safe senders is kept out of Junk Email; mail from your blocked senders goes there. Malware and high-confidence phishing are stopped whatever your lists say.',
    choiceLabel: 'Which sender?',
    chooseAddress: (address: string) => `Only this address: ${address}`,
    chooseDomain: (domain: string) => `Everyone at ${domain}`,
    add: {
      safe: 'Add to safe senders',
      blocked: 'Add to blocked senders',
    },
    confirmTitle: {
      safe: 'Add to your safe senders?',
      blocked: 'Add to your blocked senders?',
    },
    confirmValueLabel: 'To be added',
    confirmEffect: {
      safe: 'Mail from this sender will not be moved to Junk Email. Malware and high-confidence phishing are still stopped.',
      blocked: 'Mail from this sender will be moved to Junk Email.',
    },
    confirm: 'Add',
    cancel: 'Cancel',
    listHeading: {
      safe: 'Your safe senders',
      blocked: 'Your blocked senders',
    },
    used: (used: number, limit: number) =>
      `${used.toLocaleString('en-US')} of ${limit.toLocaleString('en-US')} used`,
    empty: 'None yet.',
    loading: 'Loading…',
    loadFailed: 'This list could not be loaded right now.',
    remove: 'Remove',
    removeLabel: (value: string) => `Remove ${value}`,
    working: 'Saving your change…',
    added: {
      safe: (value: string) => `${value} was added to your safe senders.`,
      blocked: (value: string) => `${value} was added to your blocked senders.`,
    },
    removed: {
      safe: (value: string) => `${value} was removed from your safe senders.`,
      blocked: (value: string) => `${value} was removed from your blocked senders.`,
    },
    addFailed: {
      safe: (value: string, reason: string) => `${value} was not added to your safe senders: ${reason}`,
      blocked: (value: string, reason: string) => `${value} was not added to your blocked senders: ${reason}`,
    },
    removeFailed: {
      safe: (value: string, reason: string) => `${value} was not removed from your safe senders: ${reason}`,
      blocked: (value: string, reason: string) => `${value} was not removed from your blocked senders: ${reason}`,
    },
    notAvailable: 'This server cannot manage safe and blocked senders yet. Ask your IT team.',
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
