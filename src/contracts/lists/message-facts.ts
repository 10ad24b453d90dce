/** What a decision needs to know about a message: its sender, authentication and the filter's verdict. */
import { Type, type Static } from '@sinclair/typebox';
import { literalUnion } from '../common';

// Vocabularies are listed one value a line, so each change is one line: alike in shape by nature, not copied.
/** The filter's own verdict, before lists and policy (the X-Forefront-Antispam-Report CAT). */
export const FILTER_VERDICTS = [
  'none',
  'bulk',
  'spam',
  'highConfidenceSpam',
  'spoof',
  'phishing',
  'highConfidencePhishing',
  'malware',
] as const;
export const FilterVerdict = literalUnion(FILTER_VERDICTS);
export type FilterVerdict = Static<typeof FilterVerdict>;

export const SpfResult = literalUnion(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'] as const);
export const DkimResult = literalUnion(['pass', 'fail', 'neutral', 'policy', 'none', 'temperror', 'permerror'] as const);
export const DmarcResult = literalUnion(['pass', 'fail', 'bestguesspass', 'none', 'temperror', 'permerror'] as const);
/** Microsoft's composite authentication (compauth) result. */
export const CompAuthResult = literalUnion(['pass', 'fail', 'softpass', 'none'] as const);

export const AuthenticationResults = Type.Object({
  spf: Type.Optional(SpfResult),
  dkim: Type.Optional(DkimResult),
  dmarc: Type.Optional(DmarcResult),
  compauth: Type.Optional(CompAuthResult),
});
export type AuthenticationResults = Static<typeof AuthenticationResults>;

/** What decide() needs to know about a message. */
export const MessageFacts = Type.Object({
  /** The sender's address (header From), as found in the message. */
  senderAddress: Type.String({ maxLength: 998 }),
  /** The sender's domain, when it is known separately (defaults to the address's domain). */
  senderDomain: Type.Optional(Type.String({ maxLength: 998 })),
  authentication: AuthenticationResults,
  verdict: FilterVerdict,
  /** Bulk complaint level 0–9, when the filter reported one. */
  bcl: Type.Optional(Type.Integer({ minimum: 0, maximum: 9 })),
});
export type MessageFacts = Static<typeof MessageFacts>;
