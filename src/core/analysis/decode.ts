/**
 * decodeHeaders: a raw header block (or whole message) in, DecodedFacts out. Pure and
 * synchronous; never throws on garbage (what it cannot read goes to `problems`).
 *
 * One pass over the fields: Received fields are parsed as they come (they place the
 * organisation's boundary), sender fields too; every field that carries evidence (filter
 * verdicts, authentication results) is only collected, with its position. Once the boundary is
 * known, the fields written inside it are decoded as evidence and those below it as claims.
 */
import type {
  AuthFacts,
  AuthMethodResult,
  ClaimedFacts,
  CompauthReasonClass,
  DecodedFacts,
  FilterVerdict,
  ForefrontFacts,
  HeaderField,
  MailboxAddress,
  MicrosoftFacts,
  ReceivedFacts,
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
import { parseRspamdAction, parseSpamdResult, parseRspamdReport } from './decoders/rspamd';
import { buildReceivedChain, parseReceivedHop } from './decoders/received';
import { parseMailbox } from './decoders/sender';
import { parseSymbolList } from './decoders/symbol-list';
import { arcSealers } from './decoders/arc-seal';
import { findBoundary, isInside, type Boundary, type PlacedHop } from './trust/boundary';
import { compileTrust, DEFAULT_TRUST, type CompiledTrust, type TrustSettings } from './trust/settings';
import { exchangeOnlineVerdict, rspamdVerdict, spamAssassinVerdict } from './families/summaries';
import { FAMILIES } from './families/registry';
import type { FilterFamily } from './families/family';

/** Past this many statements per header kind the rest is noise (or an attack) and is skipped. */
const MAX_AUTH_STATEMENTS = 200;
const MAX_HOPS = 500;
const MAX_FIELDS_PER_KIND = 200;

export interface DecodeOptions {
  /** The organisation's boundary; Exchange Online's defaults otherwise. */
  trust?: Partial<TrustSettings>;
}

/** Evidence-bearing fields, collected in the pass and decoded once the boundary is known. */
const EVIDENCE = [
  'authentication-results',
  'authentication-results-original',
  'arc-authentication-results',
  'arc-seal',
  'received-spf',
  'x-forefront-antispam-report',
  'x-microsoft-antispam',
  'x-ms-exchange-organization-scl',
  'x-microsoft-antispam-mailbox-delivery',
  'x-customspam',
  'x-spam-status',
  'x-spam-report',
  'x-spam-flag',
  'x-spam-result',
  'x-spamd-result',
  'x-rspamd-action',
  'x-rspamd-report',
  'x-rspamd-score',
  'x-rspamd-bar',
  'x-spam',
  'x-forefront-antispam-report-untrusted',
  'x-microsoft-antispam-untrusted',
] as const;
type EvidenceKind = (typeof EVIDENCE)[number];

/**
 * Exchange Online's own verdict headers. Exchange writes them below the message's own fields,
 * not above its Received field, so their position says nothing; its header firewall removes
 * or renames (`-Untrusted`) copies that arrive from outside, so in a message Exchange Online
 * took in, the plain names are its own.
 */
const EXCHANGE_ONLINE_OWN: ReadonlySet<string> = new Set([
  'x-forefront-antispam-report',
  'x-microsoft-antispam',
  'x-ms-exchange-organization-scl',
  'x-microsoft-antispam-mailbox-delivery',
  'x-customspam',
]);
const UNTRUSTED_SUFFIX = '-untrusted';

/**
 * Exchange Online's own authentication fields: an Authentication-Results without an
 * authserv-id (EOP writes none; its header firewall renames every incoming one to
 * Authentication-Results-Original) and a Received-SPF naming protection.outlook.com. In a
 * message exported from a mailbox they sit below the Received chain, so their name and form,
 * not their position, tell they are Exchange Online's.
 */
const NO_AUTHSERV_ID = /^\s*[A-Za-z0-9_.-]+(?:\/\d+)?\s*=/;
function isExchangeOnlineAuth(field: HeaderField): boolean {
  if (field.lowerName === 'authentication-results') return NO_AUTHSERV_ID.test(field.value);
  return field.lowerName === 'received-spf' && field.value.includes('protection.outlook.com');
}

/** Authentication fields a boundary MTA may write just below its own Received field. */
const BOUNDARY_BLOCK: ReadonlySet<string> = new Set([
  'authentication-results',
  'received-spf',
  'arc-seal',
  'arc-message-signature',
  'arc-authentication-results',
]);

/** Which family each evidence header belongs to (for SECOND_LOOK_TRUSTED_FILTERS). */
const FAMILY_OF: ReadonlyMap<string, string> = new Map<string, string>([
  ...['x-spam-status', 'x-spam-report', 'x-spam-flag', 'x-spam-result'].map((h) => [h, 'spamAssassin'] as const),
  ...['x-spamd-result', 'x-rspamd-action', 'x-rspamd-report', 'x-rspamd-score', 'x-rspamd-bar', 'x-spam'].map((h) => [h, 'rspamd'] as const),
  ...[...EXCHANGE_ONLINE_OWN].map((h) => [h, 'exchangeOnline'] as const),
  ...FAMILIES.flatMap((f) => f.headers.map((h) => [h, f.id] as const)),
]);

const FAMILY_HEADERS = FAMILIES.flatMap((f) => f.headers);
/** Which registered families read each header. */
const FAMILIES_OF_HEADER: ReadonlyMap<string, readonly number[]> = (() => {
  const map = new Map<string, number[]>();
  FAMILIES.forEach((family, i) => {
    for (const header of family.headers) map.set(header, [...(map.get(header) ?? []), i]);
  });
  return map;
})();
const SENDER = ['received', 'from', 'return-path', 'subject', 'message-id', 'date'] as const;

/** Only the fields some decoder reads are cut out of the block at all. */
const WANTED = fieldFilter([...EVIDENCE, ...FAMILY_HEADERS, ...SENDER]);

export function decodeHeaders(headerBlock: string, options: DecodeOptions = {}): DecodedFacts {
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
  if (fields.some((f) => REPAIRABLE.has(f.lowerName) && f.value === '')) fields = repairLostIndentation(fields, headerBlock, log);
  const state = new DecodeState(log);
  for (const field of fields) {
    try {
      state.accept(field);
    } catch (error) {
      log.add(field.name, 'unreadableValue', error instanceof Error ? error.message : 'unreadable');
    }
  }
  return state.finish(count, compileTrust(options.trust ?? DEFAULT_TRUST));
}

/** Token-list headers whose folded value a paste often loses the indentation of. */
const REPAIRABLE: ReadonlySet<string> = new Set(['x-forefront-antispam-report', 'x-microsoft-antispam', 'x-microsoft-antispam-mailbox-delivery']);
/** "kl:1;ucf:0;…" read as a field named `kl`: a token key, then a token list. */
const TOKEN_KEY = /^[A-Za-z]{1,6}$/;

/**
 * Headers copied from a web page often lose the whitespace that folds a long value onto its
 * next line, so "X-Microsoft-Antispam-Mailbox-Delivery:" is left empty and its tokens read as
 * a field of their own ("kl: 1;ucf:0;…"). For the token-list headers the analyzer knows, an
 * empty value followed by such a line is joined back, and the repair is recorded as a problem.
 */
function repairLostIndentation(fields: HeaderField[], block: string, log: ProblemLog): HeaderField[] {
  const all = splitHeaderBlock(block, new ProblemLog(), undefined).fields;
  const byIndex = new Map(all.map((f) => [f.index, f] as const));
  return fields.map((field) => {
    if (!REPAIRABLE.has(field.lowerName) || field.value !== '') return field;
    const next = byIndex.get(field.index + 1);
    if (next === undefined || !TOKEN_KEY.test(next.name) || !next.value.includes(';')) return field;
    log.add(field.name, 'malformedLine', `its value was on the next line without indentation: ${next.name}:${next.value.slice(0, 60)}`);
    const value = `${next.name}:${next.value}`;
    return { name: field.name, lowerName: field.lowerName, value, folded: value, index: field.index };
  });
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
    readonly boundary: Boundary,
    readonly auth: AuthFacts,
    readonly microsoft: MicrosoftFacts,
    readonly received: ReceivedFacts,
    readonly sender: SenderFacts,
    readonly claims: ClaimedFacts,
    readonly filters: FilterVerdict[],
    readonly families: ReadonlyMap<string, unknown>,
  ) {
    this.#log = log;
    this.problems = log.items;
  }

  get problemsOmitted(): number {
    return this.#log.omitted;
  }
}

/** Received-SPF fields, parsed when first read (most verdicts never look at them). */
class LazySpf {
  private readonly spfFields: HeaderField[];
  private spfParsed: ReceivedSpf[] | undefined;

  constructor(
    spfFields: readonly HeaderField[],
    private readonly log: ProblemLog,
  ) {
    this.spfFields = [...spfFields];
  }

  addSpfFields(fields: readonly HeaderField[]): void {
    this.spfFields.push(...fields);
  }

  get receivedSpf(): ReceivedSpf[] {
    if (this.spfParsed === undefined) this.spfParsed = parseSpfFields(this.spfFields, this.log);
    return this.spfParsed;
  }
}

/** Authentication facts from trusted fields. */
class TrustedAuth extends LazySpf implements AuthFacts {
  readonly results: AuthMethodResult[] = [];
  dkim: AuthMethodResult[] = [];
  spf?: AuthMethodResult;
  dmarc?: AuthMethodResult;
  compauth?: AuthMethodResult & { reasonClass: CompauthReasonClass };
  arcResult?: AuthMethodResult;
  readonly arc: AuthMethodResult[] = [];
}

/** What the message says about itself from outside the boundary. */
class Claims extends LazySpf implements ClaimedFacts {
  readonly auth: AuthMethodResult[] = [];
  readonly filters: FilterVerdict[] = [];
}

function parseSpfFields(fields: readonly HeaderField[], log: ProblemLog): ReceivedSpf[] {
  const out: ReceivedSpf[] = [];
  for (const field of fields.slice(0, MAX_AUTH_STATEMENTS)) {
    const spf = parseReceivedSpf(field, log);
    if (spf) out.push(spf);
  }
  return out;
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

/** Fields read during the pass: the Received chain and who sent the message. */
const HANDLERS: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['received', (s, f) => {
    if (s.hops.length >= MAX_HOPS) return;
    const hop = parseReceivedHop(f, s.log) as PlacedHop;
    hop.fieldIndex = f.index;
    s.hops.push(hop);
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

/** The evidence fields of one side of the boundary, by kind, newest first. */
class Side {
  private readonly byKind = new Map<string, HeaderField[]>();
  /** Positions in FAMILIES of the registered families with a header on this side. */
  readonly families = new Set<number>();

  add(kind: string, field: HeaderField): void {
    const families = FAMILIES_OF_HEADER.get(kind);
    if (families !== undefined) for (const i of families) this.families.add(i);
    const list = this.byKind.get(kind);
    if (list === undefined) this.byKind.set(kind, [field]);
    else if (list.length < MAX_FIELDS_PER_KIND) list.push(field);
  }

  all(kind: string): readonly HeaderField[] {
    return this.byKind.get(kind) ?? NONE;
  }

  first(kind: EvidenceKind): HeaderField | undefined {
    return this.byKind.get(kind)?.[0];
  }

  get empty(): boolean {
    return this.byKind.size === 0;
  }
}

const NONE: readonly HeaderField[] = [];

/** The verdict headers of one side decoded: Exchange Online's, SpamAssassin's, Rspamd's, each family's. */
interface SideVerdicts {
  forefront: ForefrontFacts | undefined;
  microsoft: MicrosoftFacts;
  spamAssassin: SpamAssassinFacts | undefined;
  rspamd: RspamdFacts | undefined;
  families: Map<string, unknown>;
  verdicts: FilterVerdict[];
}

class DecodeState {
  readonly sender: LazySender;
  readonly hops: PlacedHop[] = [];
  /** Every evidence field, in header order; sorted to a side once the boundary is known. */
  private readonly evidence: HeaderField[] = [];

  constructor(readonly log: ProblemLog) {
    this.sender = new LazySender(log);
  }

  accept(field: HeaderField): void {
    const handler = HANDLERS.get(field.lowerName);
    if (handler !== undefined) handler(this, field);
    else this.evidence.push(field);
  }

  finish(fieldCount: number, trust: CompiledTrust): DecodedFacts {
    const boundary = findBoundary(this.hops, trust);
    const { inside, outside, block } = this.sortEvidence(boundary, trust);
    const auth = new TrustedAuth(inside.all('received-spf'), this.log);
    const claims = new Claims(outside.all('received-spf'), this.log);
    this.readAuthentication(inside, outside, block, boundary, trust, auth, claims);

    const ours = this.readVerdicts(inside);
    const facts = new Facts(
      fieldCount, this.log, boundary, auth, ours.microsoft, buildReceivedChain(this.hops), this.sender, claims, ours.verdicts, ours.families,
    );
    if (ours.forefront !== undefined) facts.forefront = ours.forefront;
    if (ours.spamAssassin !== undefined) facts.spamAssassin = ours.spamAssassin;
    if (ours.rspamd !== undefined) facts.rspamd = ours.rspamd;
    if (!outside.empty) claims.filters.push(...this.readVerdicts(outside).verdicts);
    return facts;
  }

  /**
   * Sorts the evidence to the side of the boundary that wrote it:
   * - Exchange Online's own verdict and authentication headers count by name under an Exchange
   *   Online boundary (EXCHANGE_ONLINE_OWN, isExchangeOnlineAuth); `-Untrusted` copies are claims;
   * - fields at or above the entry Received field count;
   * - authentication fields directly below it are the boundary MTA's own block, if it names
   *   itself as their authserv-id (Gmail and Postfix milters write there): `block`;
   * - headers of a filter the organisation runs (trust.filters) count wherever it put them,
   *   the newest copy first (milters append theirs at the end);
   * - everything else below the entry is a claim.
   */
  private sortEvidence(boundary: Boundary, trust: CompiledTrust): { inside: Side; outside: Side; block: Side } {
    const inside = new Side();
    const outside = new Side();
    const block = new Side();
    const late: Array<[string, HeaderField]> = [];
    const exchangeOnline = boundary.basis === 'exchangeOnline' || boundary.basis === 'exchangeOnlineInternal';
    const entry = boundary.entryIndex;
    // The block directly below the entry: consecutive authentication fields only.
    // Evidence is in header order; the block ends at the first gap or other kind of field.
    let blockEnd = entry === undefined ? -1 : entry;
    if (entry !== undefined) {
      for (const field of this.evidence) {
        if (field.index <= entry) continue;
        if (field.index !== blockEnd + 1 || !BOUNDARY_BLOCK.has(field.lowerName)) break;
        blockEnd = field.index;
      }
    }
    for (const field of this.evidence) {
      const kind = field.lowerName;
      if (kind.endsWith(UNTRUSTED_SUFFIX)) outside.add(kind.slice(0, -UNTRUSTED_SUFFIX.length), field);
      else if (exchangeOnline && (EXCHANGE_ONLINE_OWN.has(kind) || isExchangeOnlineAuth(field))) inside.add(kind, field);
      else if (isInside(boundary, field.index)) inside.add(kind, field);
      else if (field.index <= blockEnd) block.add(kind, field);
      else if (trust.filters.has(FAMILY_OF.get(kind) ?? '')) late.push([kind, field]);
      else outside.add(kind, field);
    }
    for (let i = late.length - 1; i >= 0; i--) {
      const [kind, field] = late[i] as [string, HeaderField];
      inside.add(kind, field);
    }
    return { inside, outside, block };
  }

  /**
   * Authentication-Results count when written inside the boundary and, if authserv-ids are
   * configured, by one of them (Exchange Online writes none: its own field above its own
   * front end counts). ARC-Authentication-Results count only from a trusted sealer whose chain
   * our own boundary found intact. Everything else is a claim.
   */
  private readAuthentication(
    inside: Side, outside: Side, block: Side, boundary: Boundary, trust: CompiledTrust, auth: TrustedAuth, claims: Claims,
  ): void {
    // Trusted Authentication-Results by position: the newest decides each method.
    const trusted: Array<{ index: number; statements: AuthMethodResult[] }> = [];
    const exchangeOnline = boundary.basis === 'exchangeOnline' || boundary.basis === 'exchangeOnlineInternal';
    // The boundary MTA's own block below its Received field: the first Authentication-Results
    // naming that MTA (or a trusted authserv-id), and the Received-SPF beside it.
    const entryHost = boundary.host?.toLowerCase();
    let blockTrusted = false;
    for (const field of block.all('authentication-results')) {
      const statements = this.parseAuth(field, false);
      const id = statements[0]?.authservId?.toLowerCase();
      const own = !blockTrusted && id !== undefined && (id === entryHost || trust.authservIds.has(id));
      if (own) {
        blockTrusted = true;
        trusted.push({ index: field.index, statements });
      } else claims.auth.push(...statements);
    }
    if (blockTrusted) auth.addSpfFields(block.all('received-spf'));
    else claims.addSpfFields(block.all('received-spf'));
    for (const field of block.all('arc-authentication-results')) claims.auth.push(...this.parseAuth(field, true));
    for (const field of inside.all('authentication-results')) {
      const statements = this.parseAuth(field, false);
      const id = statements[0]?.authservId?.toLowerCase();
      const accepted = trust.authservIds.size === 0 || (id === undefined ? exchangeOnline : trust.authservIds.has(id));
      if (accepted) trusted.push({ index: field.index, statements });
      else claims.auth.push(...statements);
    }
    for (const field of outside.all('authentication-results')) claims.auth.push(...this.parseAuth(field, false));
    // An earlier evaluation Exchange kept when it evaluated again: history, never the result.
    for (const field of [...inside.all('authentication-results-original'), ...outside.all('authentication-results-original')]) {
      claims.auth.push(...this.parseAuth(field, false));
    }
    trusted.sort((a, b) => a.index - b.index);
    for (const { statements } of trusted) if (auth.results.length < MAX_AUTH_STATEMENTS) auth.results.push(...statements);
    pickEffectiveAuth(auth, trusted.map((t) => t.statements));

    const arcChainPassed = auth.arcResult?.result === 'pass';
    const sealers = arcSealers([...inside.all('arc-seal')], this.log);
    for (const field of inside.all('arc-authentication-results')) {
      const statements = this.parseAuth(field, true);
      const sealer = sealers.get(statements[0]?.instance ?? -1);
      if (arcChainPassed && sealer !== undefined && trust.arcSealers.has(sealer)) auth.arc.push(...statements);
      else claims.auth.push(...statements);
    }
    for (const field of outside.all('arc-authentication-results')) claims.auth.push(...this.parseAuth(field, true));
  }

  private parseAuth(field: HeaderField, isArc: boolean): AuthMethodResult[] {
    return parseAuthenticationResults(field, this.log, isArc).slice(0, MAX_AUTH_STATEMENTS);
  }

  private readVerdicts(side: Side): SideVerdicts {
    const log = this.log;
    const microsoft: MicrosoftFacts = {};
    const forefrontField = side.first('x-forefront-antispam-report');
    const forefront = forefrontField === undefined ? undefined : parseForefrontReport(forefrontField, log);
    for (const field of side.all('x-microsoft-antispam')) applyMicrosoftAntispam(field, microsoft, log);
    const orgScl = side.first('x-ms-exchange-organization-scl');
    if (orgScl !== undefined) applyOrganizationScl(orgScl, microsoft, log);
    const delivery = side.first('x-microsoft-antispam-mailbox-delivery');
    if (delivery !== undefined) microsoft.mailboxDelivery = parseMailboxDelivery(delivery, log);
    const customSpam = side.first('x-customspam');
    if (customSpam !== undefined) microsoft.customSpam = { header: customSpam.name, value: customSpam.value };

    const spamAssassin = readSpamAssassin(side, log);
    const rspamd = readRspamd(side, log);
    const verdicts: FilterVerdict[] = [];
    const push = (verdict: FilterVerdict | undefined): void => {
      if (verdict !== undefined) verdicts.push(verdict);
    };
    push(exchangeOnlineVerdict(forefront, microsoft));
    if (spamAssassin !== undefined) push(spamAssassinVerdict(spamAssassin));
    if (rspamd !== undefined) push(rspamdVerdict(rspamd));
    const families = new Map<string, unknown>();
    for (const i of side.families) {
      const family = FAMILIES[i] as FilterFamily<unknown>;
      const fields = family.headers.flatMap((name) => side.all(name));
      if (fields.length === 0) continue;
      const decoded = family.decode(fields.sort((a, b) => a.index - b.index), log);
      if (decoded === undefined) continue;
      families.set(family.id, decoded);
      push(family.verdict(decoded));
    }
    return { forefront, microsoft, spamAssassin, rspamd, families, verdicts };
  }
}

/**
 * Our own edge stamps the top-most trusted Authentication-Results; for each method the first
 * trusted header that has it decides.
 */
function pickEffectiveAuth(auth: TrustedAuth, headers: readonly AuthMethodResult[][]): void {
  for (const statements of headers) {
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

/**
 * SpamAssassin's headers (and Stalwart's, which writes X-Spam-Status too, with X-Spam-Result
 * for its symbols): the newest of each on this side.
 */
function readSpamAssassin(side: Side, log: ProblemLog): SpamAssassinFacts | undefined {
  const status = side.first('x-spam-status');
  const report = side.first('x-spam-report');
  const flagField = side.first('x-spam-flag');
  const stalwart = side.first('x-spam-result');
  let sa = status === undefined ? undefined : parseSpamStatus(status, log);
  const flag = flagField === undefined ? undefined : parseYesNo(flagField, log);
  if (sa === undefined && (report !== undefined || flag !== undefined || stalwart !== undefined)) {
    sa = { header: report?.name ?? flag?.header ?? stalwart?.name ?? 'X-Spam-Flag', tests: [] };
  }
  if (sa === undefined) return undefined;
  if (report !== undefined) mergeReport(sa, parseSpamReport(report));
  if (stalwart !== undefined) {
    sa.filter = 'Stalwart';
    if (sa.tests.length === 0) mergeReport(sa, { tests: parseSymbolList(stalwart.value) });
  }
  if (flag) sa.flag = flag;
  return sa;
}

/** Rspamd's headers: milter_headers' X-Spamd-Result / X-Rspamd-Action / X-Spam, and X-Rspamd-Report (WildDuck, Haraka). */
function readRspamd(side: Side, log: ProblemLog): RspamdFacts | undefined {
  const facts: RspamdFacts = { symbols: [] };
  const result = side.first('x-spamd-result');
  if (result !== undefined) parseSpamdResult(result, facts, log);
  const action = side.first('x-rspamd-action');
  if (action !== undefined) parseRspamdAction(action, facts, log);
  parseRspamdReport(side.first('x-rspamd-report'), side.first('x-rspamd-score'), side.first('x-rspamd-bar'), facts, log);
  const xSpam = side.first('x-spam');
  if (xSpam !== undefined) {
    const flag = parseYesNo(xSpam, log);
    if (flag) facts.xSpam = flag;
  }
  return facts.header !== undefined || facts.action !== undefined || facts.xSpam !== undefined ? facts : undefined;
}
