/**
 * The decoded facts of one message's header block: what the filters that handled it
 * wrote down, in a shape the rules can read without re-parsing. Everything is optional
 * because a header set from the wild may lack any of it; what could not be read is
 * listed in `problems` with the header it came from.
 */

import type { Boundary } from './trust/boundary';

/** One header field as received. `value` is unfolded but not RFC 2047 decoded. */
export interface HeaderField {
  /** The name exactly as written (the evidence names headers the way the admin sees them). */
  name: string;
  lowerName: string;
  /** Unfolded value (CRLF + WSP joined), leading whitespace trimmed. */
  value: string;
  /** The value with its original line breaks, for formats that are line-oriented (X-Spam-Report). */
  folded: string;
  /** 0-based position in the block, top (newest) first. */
  index: number;
}

export type ProblemCode =
  | 'malformedLine'
  | 'continuationWithoutHeader'
  | 'invalidHeaderName'
  | 'emptyValue'
  | 'unreadableValue'
  | 'unknownValue'
  | 'badEncodedWord'
  | 'badDate'
  | 'truncated';

/** Something the decoder could not read. Decoding records these instead of throwing. */
export interface HeaderProblem {
  header: string;
  problem: ProblemCode;
  detail: string;
}

/** One `method=result` statement of an Authentication-Results style header (RFC 8601 resinfo). */
export interface AuthMethodResult {
  method: string;
  result: string;
  /** `reason=` (compauth's numeric reason code lives here). */
  reason?: string;
  /** ptype.property=value pairs, plus Microsoft's bare `action=` (key lower-cased). */
  properties: Record<string, string>;
  /** Text of the comments, joined; Microsoft and Gmail put the client IP there. */
  comment?: string;
  /** An IP address found in the statement (comment or smtp.remote-ip / policy.iprev). */
  ip?: string;
  /** The exact text of the statement, as evidence. */
  text: string;
  header: string;
  authservId?: string;
  /** ARC instance (`i=`) for ARC-Authentication-Results. */
  instance?: number;
  /** compauth only: what its reason code means. */
  reasonClass?: CompauthReasonClass;
}

export interface ReceivedSpf {
  result: string;
  clientIp?: string;
  envelopeFrom?: string;
  helo?: string;
  comment?: string;
  text: string;
  header: string;
}

export type CompauthReasonClass =
  | 'explicitFail'
  | 'implicitFail'
  | 'orgProhibitsSpoof'
  | 'dmarcFailAcceptedDomain'
  | 'arcOverride'
  | 'pass'
  | 'softPass'
  | 'notChecked'
  | 'bypassed'
  | 'implicitFailAcceptedDomain'
  | 'unknown';

export interface AuthFacts {
  /** Every statement of every Authentication-Results header, top header first. */
  results: AuthMethodResult[];
  /**
   * Every statement of every ARC-Authentication-Results header, and every Received-SPF.
   * Parsed on first read: the verdict needs them only when Authentication-Results is
   * missing, and they are a large share of the decoding cost otherwise.
   */
  readonly arc: AuthMethodResult[];
  readonly receivedSpf: ReceivedSpf[];
  /**
   * The statements of the top-most Authentication-Results header that has each method:
   * the one our own edge stamped, which is the one that decided.
   */
  spf?: AuthMethodResult;
  dkim: AuthMethodResult[];
  dmarc?: AuthMethodResult;
  compauth?: AuthMethodResult & { reasonClass: CompauthReasonClass };
  arcResult?: AuthMethodResult;
}

/** One `KEY:value` token of X-Forefront-Antispam-Report or X-Microsoft-Antispam. */
export interface KeyedToken {
  value: string;
  /** The exact token, e.g. `SFV:BLK`. */
  text: string;
}

export interface ForefrontFacts {
  header: string;
  /** Upper-cased key -> first token with that key. */
  tokens: Record<string, KeyedToken>;
  sfv?: string;
  cat?: string;
  scl?: number;
  ipv?: string;
  sfty?: string;
  srv?: string;
  cip?: string;
  ctry?: string;
  lang?: string;
  ptr?: string;
  h?: string;
  dir?: string;
}

export interface MailboxDeliveryFacts {
  header: string;
  tokens: Record<string, KeyedToken>;
  ucf?: string;
  jmr?: string;
  dest?: string;
  ofr?: string;
}

export interface MicrosoftFacts {
  antispamHeader?: string;
  bcl?: KeyedToken & { level: number };
  pcl?: KeyedToken & { level: number };
  orgScl?: { header: string; value: number; text: string };
  mailboxDelivery?: MailboxDeliveryFacts;
  /** X-CustomSpam: an Advanced Spam Filter (ASF) setting matched. */
  customSpam?: { header: string; value: string };
}

export interface SpamTest {
  name: string;
  score?: number;
  description?: string;
}

export interface SpamAssassinFacts {
  header: string;
  /** The filter that wrote the SpamAssassin-style headers (Stalwart writes them too). */
  filter?: string;
  isSpam?: boolean;
  score?: number;
  required?: number;
  /** The exact `score=` / `required=` tokens, as evidence. */
  scoreText?: string;
  tests: SpamTest[];
  flag?: { header: string; value: boolean; text: string };
}

export interface RspamdSymbol {
  name: string;
  weight?: number;
  options: string[];
  text: string;
}

export interface RspamdFacts {
  header?: string;
  isSpam?: boolean;
  score?: number;
  threshold?: number;
  /** The exact `default: True [16.50 / 15.00]` part. */
  metricText?: string;
  symbols: RspamdSymbol[];
  action?: { header: string; value: string };
  xSpam?: { header: string; value: boolean; text: string };
}

export interface ReceivedHop {
  /** Position of its Received field in the header block (0 = newest). */
  fieldIndex?: number;
  from?: string;
  by?: string;
  with?: string;
  id?: string;
  ip?: string;
  /** The date text after the last `;`. */
  date?: string;
  /** Milliseconds since the epoch, when the date could be read. */
  time?: number;
  /** Seconds since the previous hop (negative when clocks disagree). */
  delaySeconds?: number;
}

export interface ReceivedFacts {
  /** Oldest first: the order the message travelled. */
  hops: ReceivedHop[];
  totalDelaySeconds?: number;
}

export interface MailboxAddress {
  address: string;
  /** Lower-cased. */
  domain: string;
  /** The display name, RFC 2047 decoded (on first read: nothing on the hot path needs it). */
  readonly name?: string | undefined;
}

export interface SenderFacts {
  from?: MailboxAddress;
  returnPath?: MailboxAddress;
  /** RFC 2047 decoded (on first read). */
  readonly subject?: string | undefined;
  messageId?: string;
  date?: string;
}

/** What a filter did with the message, in one shape whatever filter wrote it. */
export type FilterAction = 'reject' | 'quarantine' | 'junk' | 'tag' | 'defer' | 'deliver';

/**
 * One filter's verdict, summarised from its own headers: what the judge needs to name the
 * filter that acted and quote its evidence, for every family alike (Exchange Online,
 * SpamAssassin, Rspamd, and each family in families/).
 */
export interface FilterVerdict {
  /** The family's id (`exchangeOnline`, `spamAssassin`, `proofpoint` ...). */
  family: string;
  /** The filter's name as admins know it ("Proofpoint", "Barracuda"). */
  filter: string;
  /** The header and exact token the verdict rests on. */
  evidence: { header: string; value: string };
  /** True when the filter judged the message spam or unwanted; false when it passed it. */
  flagged?: boolean;
  /** What the filter did, when its headers say. */
  action?: FilterAction;
  /** A verdict stronger than spam. */
  threat?: 'phishing' | 'malware' | 'bulk';
  /** An allow or block list of the organisation or the user decided instead of the filter. */
  list?: 'allow' | 'block';
  score?: number;
  threshold?: number;
  /** Written by the sender's own outbound filter (Exchange Online's DIR:OUT). */
  outbound?: boolean;
  /** The rules or symbols that scored, largest first when the filter says. */
  tests: SpamTest[];
}

/**
 * What the message says about itself from outside the organisation's boundary: fields written
 * below the Received field recording entry (by the sender or anyone on the way), fields from
 * an authserv-id or ARC sealer that is not trusted, and Authentication-Results-Original.
 * Claims are reported as such and are never a pass, never a reason to allow.
 */
export interface ClaimedFacts {
  auth: AuthMethodResult[];
  receivedSpf: ReceivedSpf[];
  filters: FilterVerdict[];
}

export interface DecodedFacts {
  fieldCount: number;
  /** Where the message entered the organisation; only fields at or above it are evidence. */
  boundary: Boundary;
  claims: ClaimedFacts;
  /** Every filter verdict written inside the boundary, newest first. */
  filters: FilterVerdict[];
  /** Each registered filter family's own decoded facts (families/), by family id. */
  families: ReadonlyMap<string, unknown>;
  problems: HeaderProblem[];
  /** Problems beyond the recorded ones (the list is capped so garbage cannot bloat a verdict). */
  readonly problemsOmitted: number;
  auth: AuthFacts;
  forefront?: ForefrontFacts;
  microsoft: MicrosoftFacts;
  spamAssassin?: SpamAssassinFacts;
  rspamd?: RspamdFacts;
  received: ReceivedFacts;
  sender: SenderFacts;
}

/** Facts from the body, when the full message was given. */
export interface AttachmentFact {
  filename?: string;
  contentType: string;
  size: number;
}

export interface BodyFacts {
  linkCount: number;
  linkDomains: string[];
  attachments: AttachmentFact[];
  problems: HeaderProblem[];
}
