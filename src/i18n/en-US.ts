/**
 * English (United States): the reference catalog. Every other catalog has exactly this type,
 * so a string added here and forgotten elsewhere is a compile error, not a blank button.
 *
 * Functions are used where text needs a value (a count, an address, a server's reason) so
 * each language can put it where its grammar wants it.
 */
import type { ListErrorCode } from '../contracts/lists';
import type { ReviewResult } from '../contracts/portal/review';
import type { QuarantineReason, ReleaseStatus } from '../contracts/quarantine';

/**
 * The stable codes of the server's error bodies (ErrorBody.code) that the add-in can meet,
 * besides the list codes. The server's `message` is English and written for logs; the add-in
 * words every refusal from its code instead.
 */
export type RequestErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'message_or_headers_required'
  | 'invalid_headers'
  | 'invalid_message'
  | 'too_large'
  | 'unsupported_media_type'
  | 'quota_exceeded'
  | 'rate_limited'
  | 'overloaded'
  | 'invalid_token'
  | 'forbidden'
  | 'not_found'
  | 'no_route'
  | 'internal'
  | QuarantineErrorCode;

/** The quarantine's end-user refusals (src/server/services/quarantine-service.ts). */
export type QuarantineErrorCode =
  | 'quarantine_action_not_allowed'
  | 'quarantine_hard_rule'
  | 'already_released'
  | 'release_denied'
  | 'release_status_conflict'
  | 'no_sender'
  | 'message_unreadable';

/** Every code that has its own words in `serverErrors.codes`. */
export type ServerErrorCode = RequestErrorCode | ListErrorCode;

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
    /** One refused report in the outbox: what it was, about which message, and why. */
    outboxRefused: (category: string, subject: string, reason: string) => `${category} · ${subject}: ${reason}`,
    dismiss: 'Dismiss',
  },
  /** The security team's answer to one of the user's reports, under "earlier reports". */
  review: {
    waiting: 'Waiting for review',
    answerHeading: 'Your security team’s answer',
    /** Keyed by the admin's result (Defender's "Mark as"). */
    results: {
      noThreatsFound: 'No threats found',
      phishing: 'Phishing',
      spam: 'Spam',
    } satisfies Record<ReviewResult, string>,
    answeredOn: (date: string) => `Answered ${date}`,
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
  /** "My quarantine": the user's own quarantined messages (a view of the task pane, or a page in a browser). */
  quarantine: {
    heading: 'My quarantine',
    help: 'Messages addressed to you that were held back before reaching your mailbox. What you may do with each depends on why it was held.',
    open: 'My quarantine',
    back: 'Back to this message',
    loading: 'Loading your quarantined messages…',
    loadFailed: (reason: string) => `Your quarantined messages could not be loaded: ${reason}`,
    empty: 'You have no quarantined messages.',
    more: 'Show more',
    from: 'From',
    received: 'Received',
    reason: 'Reason',
    expires: 'Deleted on',
    releaseStatus: 'Release',
    reasons: {
      spam: 'Spam',
      highConfidenceSpam: 'High-confidence spam',
      bulk: 'Bulk mail',
      phishing: 'Phishing',
      highConfidencePhishing: 'High-confidence phishing',
      malware: 'Malware',
      organisationRule: 'Your organisation’s mail rule',
    } satisfies Record<QuarantineReason, string>,
    statuses: {
      notReleased: 'Not released',
      requested: 'Release requested',
      released: 'Released',
      denied: 'Release denied',
    } satisfies Record<ReleaseStatus, string>,
    actions: {
      release: 'Release to Inbox',
      requestRelease: 'Request release',
      delete: 'Delete',
      blockSender: 'Block sender',
      allowSender: 'Allow sender',
      report: 'Report as not junk',
      viewHeaders: 'View headers',
      hideHeaders: 'Hide headers',
      preview: 'Preview',
      hidePreview: 'Hide preview',
    },
    headersLabel: 'Message headers',
    noHeaders: 'The headers are not available.',
    preview: {
      help: 'Scripts, forms and links are removed; remote images stay blocked until you load them.',
      plainText: 'This message has only plain text.',
      loadImages: 'Load remote images',
      imagesLoaded: 'Remote images are shown.',
      blockedImages: (n: number) => (n === 1 ? '1 remote image blocked' : `${n} remote images blocked`),
      frameTitle: 'Message body (sanitised)',
      noBody: 'The message has no readable body.',
      attachments: 'Attachments',
      truncated: 'Part of the message was left out of the preview (a long body, large inline images or many attachments).',
    },
    working: 'Working on it…',
    done: {
      released: (subject: string) => `“${subject}” was released to your Inbox.`,
      requested: (subject: string) => `Release of “${subject}” was requested. Your administrators will decide; you will be told.`,
      alreadyRequested: (subject: string) => `Release of “${subject}” was already requested. Your administrators will decide; you will be told.`,
      deleted: (subject: string) => `“${subject}” was deleted.`,
      blocked: (value: string) => `${value} was added to your blocked senders.`,
      allowed: (value: string) => `${value} was added to your safe senders.`,
      reported: (subject: string) => `“${subject}” was reported to your security team.`,
    },
    failed: (reason: string) => `That did not work: ${reason}`,
    signIn: {
      heading: 'Sign in to see your quarantine',
      help: 'Add-ins cannot run here, so sign in to see the messages held back for you.',
      addressLabel: 'Your email address',
      button: 'Sign in',
      failed: (reason: string) => `You could not be signed in: ${reason}`,
      signedInAs: (address: string) => `Signed in as ${address}`,
    },
  },
  errors: {
    unexpected: 'Something went wrong. Please try again.',
  },
  /**
   * Why the server refused a request, by the error's `code`: whole sentences, put where the
   * sentences above take a `reason`. Every code the add-in can meet has its words here.
   */
  serverErrors: {
    codes: {
      validation_failed: 'Part of what was sent did not pass the server’s checks.',
      invalid_json: 'The server could not read what was sent.',
      message_or_headers_required: 'Outlook gave neither the message nor its headers to send.',
      invalid_headers: 'The message’s headers could not be read.',
      invalid_message: 'The message could not be read.',
      too_large: 'The message is larger than the server accepts.',
      unsupported_media_type: 'The server does not accept this kind of content.',
      quota_exceeded: 'You have made as many reports today as the server takes from one person. Try again tomorrow.',
      rate_limited: 'Too many requests in a short time. Please wait a minute and try again.',
      overloaded: 'The server is busy right now. Please try again shortly.',
      invalid_token: 'Your sign-in was not accepted. Close and reopen Outlook, then try again.',
      forbidden: 'You are not allowed to do this.',
      not_found: 'The server could not find it.',
      no_route: 'This server does not offer this yet.',
      internal: 'The server ran into a problem. Please try again later.',
      quarantine_action_not_allowed: 'The quarantine policy of this message does not allow this.',
      quarantine_hard_rule: 'Messages held as malware or high-confidence phishing can only be released by an administrator. Request release instead.',
      already_released: 'This message has already been released.',
      release_denied: 'Your administrators have denied the release of this message.',
      message_unreadable: 'The body of this message cannot be shown: it is malformed or too complex to read safely.',
      release_status_conflict: 'The release of this message has changed in the meantime. Reload and try again.',
      no_sender: 'This message names no sender address.',
      invalidSyntax: 'This is not a valid email address or domain.',
      localPartTooLong: 'The part before @ is too long.',
      domainTooLong: 'The domain is too long.',
      addressTooLong: 'The address is too long.',
      duplicate: 'This sender is already on the list.',
      ownAcceptedDomain: 'This is one of your organisation’s own domains; add single addresses instead.',
      limitReached: 'The list is full. Remove an entry first.',
      wildcardBlockOnly: 'A domain with all its subdomains can only be blocked.',
      noteTooLong: 'The note is too long.',
      noteInvalidCharacters: 'The note contains characters that are not allowed, such as line breaks.',
      invalidExpiration: 'The expiry is not valid.',
      expiryInPast: 'The expiry date is in the past.',
      expiryTooFar: 'The expiry is too far away.',
      neverExpiryBlockOnly: 'Only blocked senders can be kept without an expiry.',
      lastUsedRuleNeedsSubmission: '“Remove after last used” is only for entries made from a report.',
    } satisfies Record<ServerErrorCode, string>,
    /** limitReached, with the figures the server gave. */
    limitReached: (used: number, limit: number) =>
      `The list is full: ${used.toLocaleString('en-US')} of ${limit.toLocaleString('en-US')} entries are used. Remove one first.`,
    /** expiryTooFar, with the longest expiry the server allows. */
    expiryTooFar: (maxDays: number) => `The expiry must be within ${maxDays.toLocaleString('en-US')} days.`,
    /** A code this version of the add-in has no words for. */
    unknown: (code: string) => `The server refused the request (${code}).`,
    /** No code at all: a server or proxy that does not speak Second Look's errors, or a refusal stored before codes were kept. */
    withoutCode: (status: number | null) =>
      status === null ? 'The server did not accept it.' : `The server did not accept it (HTTP ${status}).`,
  },
};

export type Catalog = typeof enUS;
