/**
 * decodeHeaders: a raw header block (or whole message) in, DecodedFacts out. Pure and
 * synchronous; never throws on garbage (what it cannot read goes to `problems`). One pass
 * over the fields, dispatching on the lower-cased name.
 */
import type {
  AuthFacts,
  AuthMethodResult,
  CompauthReasonClass,
  DecodedFacts,
  ForefrontFacts,
  HeaderField,
  MailboxAddress,
  MicrosoftFacts,
  ReceivedFacts,
  ReceivedHop,
  ReceivedSpf,
  RspamdFacts,
  SenderFacts,
  SpamAssassinFacts,
} from './types';
import { ProblemLog } from './problem-log';
import { fieldFilter, splitHeaderBlock } from './header-fields';
import { decodeEncodedWords } from './encoded-words';
import { parseAuthenticationResults } from './decoders/auth-results';
import { parseReceivedSpf } from './decoders/received-spf';
import { parseForefrontReport } from './decoders/forefront';
import { applyMicrosoftAntispam, applyOrganizationScl, parseMailboxDelivery } from './decoders/microsoft-antispam';
import { mergeReport, parseSpamReport, parseSpamStatus, parseYesNo } from './decoders/spamassassin';
import { parseRspamdAction, parseSpamdResult } from './decoders/rspamd';
import { buildReceivedChain, parseReceivedHop } from './decoders/received';
import { parseMailbox } from './decoders/sender';

/** Past this many statements per header kind the rest is noise (or an attack) and is skipped. */
const MAX_AUTH_STATEMENTS = 200;
const MAX_HOPS = 500;

export function decodeHeaders(headerBlock: string): DecodedFacts {
  const log = new ProblemLog();
  let fields: HeaderField[];
  let count = 0;
  try {
    const split = splitHeaderBlock(typeof headerBlock === 'string' ? headerBlock : '', log, WANTED);
    fields = split.fields;
    count = split.count;
  } catch (error) {
    // Defensive: the splitter is total, but a verdict must never become a stack trace.
    log.add('(block)', 'unreadableValue', error instanceof Error ? error.message : 'unreadable');
    fields = [];
  }
  const state = new DecodeState(log);
  for (const field of fields) {
    try {
      state.accept(field);
    } catch (error) {
      log.add(field.name, 'unreadableValue', error instanceof Error ? error.message : 'unreadable');
    }
  }
  return state.finish(count);
}

/**
 * The decoded facts. A class, not an object literal: `problemsOmitted` must be a getter (the
 * lazily parsed headers may still add to the log), and a literal with a getter is built on
 * V8's slow path every time. The optional families are own properties holding undefined when
 * absent (one object shape for every message); read them with `!== undefined`, not `in`.
 */
class Facts implements DecodedFacts {
  readonly problems: DecodedFacts['problems'];
  /** Private: the log is where problems are kept, not one of the facts. */
  readonly #log: ProblemLog;
  forefront?: ForefrontFacts;
  spamAssassin?: SpamAssassinFacts;
  rspamd?: RspamdFacts;

  constructor(
    readonly fieldCount: number,
    log: ProblemLog,
    readonly auth: AuthFacts,
    readonly microsoft: MicrosoftFacts,
    readonly received: ReceivedFacts,
    readonly sender: SenderFacts,
  ) {
    this.#log = log;
    this.problems = log.items;
  }

  get problemsOmitted(): number {
    return this.#log.omitted;
  }
}

/** Authentication facts; the secondary headers are parsed when first read. */
class LazyAuth implements AuthFacts {
  readonly results: AuthMethodResult[] = [];
  dkim: AuthMethodResult[] = [];
  spf?: AuthMethodResult;
  dmarc?: AuthMethodResult;
  compauth?: AuthMethodResult & { reasonClass: CompauthReasonClass };
  arcResult?: AuthMethodResult;
  readonly arcFields: HeaderField[] = [];
  readonly spfFields: HeaderField[] = [];
  private arcParsed: AuthMethodResult[] | undefined;
  private spfParsed: ReceivedSpf[] | undefined;

  constructor(private readonly log: ProblemLog) {}

  get arc(): AuthMethodResult[] {
    if (this.arcParsed === undefined) {
      this.arcParsed = [];
      for (const field of this.arcFields) {
        if (this.arcParsed.length >= MAX_AUTH_STATEMENTS) break;
        this.arcParsed.push(...parseAuthenticationResults(field, this.log, true));
      }
    }
    return this.arcParsed;
  }

  get receivedSpf(): ReceivedSpf[] {
    if (this.spfParsed === undefined) {
      this.spfParsed = [];
      for (const field of this.spfFields.slice(0, MAX_AUTH_STATEMENTS)) {
        const spf = parseReceivedSpf(field, this.log);
        if (spf) this.spfParsed.push(spf);
      }
    }
    return this.spfParsed;
  }
}

/** Subject, decoded only when someone reads it (libmime's decoding is the costliest step otherwise). */
class LazySender implements SenderFacts {
  from?: MailboxAddress;
  returnPath?: MailboxAddress;
  messageId?: string;
  date?: string;
  subjectField: HeaderField | undefined;
  private decoded: string | undefined;

  constructor(private readonly log: ProblemLog) {}

  get subject(): string | undefined {
    if (this.decoded === undefined && this.subjectField !== undefined) {
      this.decoded = decodeEncodedWords(this.subjectField.value, this.subjectField.name, this.log);
    }
    return this.decoded;
  }
}

/** The decoder classifies every compauth statement's reason as it reads it. */
function isCompauth(s: AuthMethodResult): s is AuthMethodResult & { reasonClass: CompauthReasonClass } {
  return s.method === 'compauth' && s.reasonClass !== undefined;
}

type Handler = (state: DecodeState, field: HeaderField) => void;

/** What each header feeds; a Map lookup per field instead of comparing names one by one. */
const HANDLERS: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['authentication-results', (s, f) => {
    if (s.auth.results.length >= MAX_AUTH_STATEMENTS) return;
    const statements = parseAuthenticationResults(f, s.log, false);
    s.auth.results.push(...statements);
    s.authHeaders.push(statements);
  }],
  ['arc-authentication-results', (s, f) => {
    if (s.auth.arcFields.length < MAX_AUTH_STATEMENTS) s.auth.arcFields.push(f);
  }],
  ['received-spf', (s, f) => {
    if (s.auth.spfFields.length < MAX_AUTH_STATEMENTS) s.auth.spfFields.push(f);
  }],
  ['x-forefront-antispam-report', (s, f) => {
    s.forefront ??= parseForefrontReport(f, s.log);
  }],
  ['x-microsoft-antispam', (s, f) => applyMicrosoftAntispam(f, s.microsoft, s.log)],
  ['x-ms-exchange-organization-scl', (s, f) => applyOrganizationScl(f, s.microsoft, s.log)],
  ['x-microsoft-antispam-mailbox-delivery', (s, f) => {
    s.microsoft.mailboxDelivery ??= parseMailboxDelivery(f, s.log);
  }],
  ['x-customspam', (s, f) => {
    s.microsoft.customSpam ??= { header: f.name, value: f.value };
  }],
  ['x-spam-status', (s, f) => {
    s.spamAssassin ??= parseSpamStatus(f, s.log);
  }],
  ['x-spam-report', (s, f) => {
    s.spamReport ??= f;
  }],
  ['x-spam-flag', (s, f) => {
    s.spamFlag ??= f;
  }],
  ['x-spamd-result', (s, f) => parseSpamdResult(f, s.rspamd, s.log)],
  ['x-rspamd-action', (s, f) => parseRspamdAction(f, s.rspamd, s.log)],
  ['x-spam', (s, f) => {
    if (s.rspamd.xSpam !== undefined) return;
    const flag = parseYesNo(f, s.log);
    if (flag) s.rspamd.xSpam = flag;
  }],
  ['received', (s, f) => {
    if (s.hops.length < MAX_HOPS) s.hops.push(parseReceivedHop(f, s.log));
  }],
  ['from', (s, f) => {
    if (s.sender.from !== undefined) return;
    const from = parseMailbox(f, s.log);
    if (from) s.sender.from = from;
  }],
  ['return-path', (s, f) => {
    if (s.sender.returnPath !== undefined) return;
    const rp = parseMailbox(f, s.log);
    if (rp) s.sender.returnPath = rp;
  }],
  ['subject', (s, f) => {
    s.sender.subjectField ??= f;
  }],
  ['message-id', (s, f) => {
    s.sender.messageId ??= f.value;
  }],
  ['date', (s, f) => {
    s.sender.date ??= f.value;
  }],
]);

/** Only the fields some decoder reads are cut out of the block at all. */
const WANTED = fieldFilter(HANDLERS.keys());

class DecodeState {
  readonly auth: LazyAuth;
  readonly microsoft: MicrosoftFacts = {};
  readonly sender: LazySender;
  readonly hops: ReceivedHop[] = [];
  readonly rspamd: RspamdFacts = { symbols: [] };
  forefront: ForefrontFacts | undefined;
  spamAssassin: SpamAssassinFacts | undefined;
  spamReport: HeaderField | undefined;
  spamFlag: HeaderField | undefined;
  /** The statements of each Authentication-Results header, in header order. */
  readonly authHeaders: AuthMethodResult[][] = [];

  constructor(readonly log: ProblemLog) {
    this.sender = new LazySender(log);
    this.auth = new LazyAuth(log);
  }

  accept(field: HeaderField): void {
    // Headers no rule reads are never cut out of the block.
    HANDLERS.get(field.lowerName)?.(this, field);
  }

  finish(fieldCount: number): DecodedFacts {
    this.pickEffectiveAuth();
    const facts: DecodedFacts = new Facts(fieldCount, this.log, this.auth, this.microsoft, buildReceivedChain(this.hops), this.sender);
    if (this.forefront) facts.forefront = this.forefront;
    this.finishSpamAssassin(facts);
    if (this.rspamd.header !== undefined || this.rspamd.action !== undefined || this.rspamd.xSpam !== undefined) {
      facts.rspamd = this.rspamd;
    }
    return facts;
  }

  private finishSpamAssassin(facts: DecodedFacts): void {
    let sa = this.spamAssassin;
    const flag = this.spamFlag ? parseYesNo(this.spamFlag, this.log) : undefined;
    if (sa === undefined && (this.spamReport !== undefined || flag !== undefined)) {
      sa = { header: this.spamReport?.name ?? flag?.header ?? 'X-Spam-Flag', tests: [] };
    }
    if (sa === undefined) return;
    if (this.spamReport) mergeReport(sa, parseSpamReport(this.spamReport));
    if (flag) sa.flag = flag;
    facts.spamAssassin = sa;
  }

  /**
   * Our own edge stamps the top-most Authentication-Results; headers further down were
   * written by hops before it. For each method the first header that has it decides.
   */
  private pickEffectiveAuth(): void {
    const auth = this.auth;
    for (const statements of this.authHeaders) {
      // DKIM may have several statements (one per signature): all of the first header with any.
      const takeDkim = auth.dkim.length === 0;
      for (const s of statements) {
        if (s.method === 'dkim') {
          if (takeDkim) auth.dkim.push(s);
        } else if (s.method === 'spf') auth.spf ??= s;
        else if (s.method === 'dmarc') auth.dmarc ??= s;
        else if (s.method === 'arc') auth.arcResult ??= s;
        else if (isCompauth(s)) auth.compauth ??= s;
      }
    }
  }
}
