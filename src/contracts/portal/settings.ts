/**
 * Settings an admin changes in the portal: the notice templates, the sender address for
 * notices, the accepted domains, and the policy values decide() reads. Stored in the database
 * and audited; the environment's values are the defaults until an admin saves a change.
 */
import { Type, type Static } from '@sinclair/typebox';
import { EmailAddress, IsoDateTime, literalUnion } from '../common';
import { VerdictLocale } from '../verdict';
import { REVIEW_RESULTS } from './review';

/**
 * A notice's text, with placeholders that depend on the notice (NOTICE_PLACEHOLDERS_OF): for a
 * reviewed report {reporterName}, {subject}, {sender}, {receivedDateTime}, {reportedDateTime},
 * {result}, {adminMessage} (empty when the admin wrote none).
 */
export const NoticeTemplate = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  { additionalProperties: false },
);
export type NoticeTemplate = Static<typeof NoticeTemplate>;

export const NOTICE_PLACEHOLDERS = ['reporterName', 'subject', 'sender', 'receivedDateTime', 'reportedDateTime', 'result', 'adminMessage'] as const;

/**
 * The quarantine's notices, reworded the same way: the answers to a user's release request
 * (approved, denied) and the notice to the admins told of a request.
 */
export const QUARANTINE_NOTICES = ['releaseApproved', 'releaseDenied', 'releaseRequested'] as const;
export type QuarantineNotice = (typeof QUARANTINE_NOTICES)[number];

/** Every notice with a template: a reviewed report's (one per result), then the quarantine's. */
export const NOTICE_KINDS = [...REVIEW_RESULTS, ...QUARANTINE_NOTICES] as const;
export const NoticeKind = literalUnion(NOTICE_KINDS);
export type NoticeKind = Static<typeof NoticeKind>;

const DECISION_PLACEHOLDERS = ['subject', 'sender', 'receivedDateTime', 'expiresDateTime', 'adminMessage'] as const;

/** The placeholders each notice fills in; any other `{name}` is refused when a template is saved. */
export const NOTICE_PLACEHOLDERS_OF: Readonly<Record<NoticeKind, readonly string[]>> = {
  noThreatsFound: NOTICE_PLACEHOLDERS,
  phishing: NOTICE_PLACEHOLDERS,
  spam: NOTICE_PLACEHOLDERS,
  releaseApproved: DECISION_PLACEHOLDERS,
  releaseDenied: DECISION_PLACEHOLDERS,
  releaseRequested: ['requester', 'subject', 'sender', 'receivedDateTime', 'expiresDateTime', 'reason', 'link'],
};

/** One template per notice and language; `custom` is false while the built-in text applies. */
export const StoredTemplate = Type.Composite([NoticeTemplate, Type.Object({ custom: Type.Boolean() })]);
export type StoredTemplate = Static<typeof StoredTemplate>;

const perLocale = Type.Object({ 'en-US': StoredTemplate, 'da-DK': StoredTemplate, 'fr-FR': StoredTemplate });
export const NoticeTemplates = Type.Object({
  noThreatsFound: perLocale,
  phishing: perLocale,
  spam: perLocale,
  releaseApproved: perLocale,
  releaseDenied: perLocale,
  releaseRequested: perLocale,
});
export type NoticeTemplates = Static<typeof NoticeTemplates>;

/** `result`: the notice (a review result, or one of the quarantine's notices). */
export const TemplateParams = Type.Object({ result: NoticeKind, locale: VerdictLocale });

/** POST /api/settings/templates/preview: a template (saved, or the one being edited) filled in. */
export const TemplatePreviewRequest = Type.Object(
  {
    result: NoticeKind,
    locale: VerdictLocale,
    /** The text being edited; the saved one when absent. */
    template: Type.Optional(NoticeTemplate),
    /** Fill in from this report (a review result's notice only); from a made-up example when absent. */
    submissionId: Type.Optional(Type.String({ maxLength: 64 })),
    message: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type TemplatePreviewRequest = Static<typeof TemplatePreviewRequest>;

export const RenderedNotice = Type.Object({ from: Type.String(), to: Type.String(), subject: Type.String(), body: Type.String() });
export type RenderedNotice = Static<typeof RenderedNotice>;

const Action = literalUnion(['inbox', 'junk', 'quarantine'] as const);

/** The policy values decide() reads, plus who sends notices and which domains are ours. */
export const PolicySettings = Type.Object(
  {
    /** The From address of notices to reporters. */
    noticeSender: EmailAddress,
    /** The organisation's own domains: never allowed or blocked as a sender. */
    acceptedDomains: Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 500 }),
    /** Who is told when a user requests the release of a quarantined message (one notice each); none when empty. */
    releaseRequestRecipients: Type.Array(EmailAddress, { maxItems: 50 }),
    /**
     * The organisation's language for notices: those to admins (a release request), and the
     * answers to users whose own language is not known (they never reported from the add-in).
     */
    noticeLanguage: VerdictLocale,
    /** A message whose BCL is at or above this is bulk (1–9, Defender's default policy 7). */
    bulkThreshold: Type.Integer({ minimum: 1, maximum: 9 }),
    actions: Type.Object(
      {
        spam: Action,
        highConfidenceSpam: Action,
        phishing: Action,
        bulk: Action,
        spoof: Action,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PolicySettings = Static<typeof PolicySettings>;

export const PolicySettingsResponse = Type.Composite([
  PolicySettings,
  Type.Object({
    /** When an admin last saved the policy; null while the environment's defaults apply. */
    modifiedDateTime: Type.Union([IsoDateTime, Type.Null()]),
    modifiedBy: Type.Union([Type.String(), Type.Null()]),
  }),
]);
export type PolicySettingsResponse = Static<typeof PolicySettingsResponse>;
