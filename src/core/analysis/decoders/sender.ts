/**
 * Who the message claims to be from. The common shapes (`Name <a@b>` and a bare `a@b`)
 * are read directly because this runs for every header set in the hot path; anything
 * else (groups, comments, quoted pairs) goes to nodemailer's address tokenizer, which reads
 * the RFC 5322 grammar leniently, as mail clients do. It is a pure function of the string
 * (the rest of nodemailer, the I/O, is never loaded here).
 */
import addressparser from 'nodemailer/lib/addressparser';
import type { HeaderField, MailboxAddress } from '../types';
import type { ProblemLog } from '../problem-log';
import { decodeEncodedWords } from '../encoded-words';

const ANGLE_ADDR = /^(.*)<([^<>\s@"]+@[^<>\s@"]+)>\s*$/s;
const BARE_ADDR = /^\s*([^<>\s@"(),;:]+@[^<>\s@"(),;:]+)\s*$/;
/** Longer values go to the library; the regexes above stay linear on short input. */
const FAST_PATH_LIMIT = 1000;

/** No real address header is this long; reading only the start keeps the cost bounded. */
const MAX_VALUE = 8192;

export function parseMailbox(field: HeaderField, log: ProblemLog): MailboxAddress | undefined {
  let value = field.value;
  if (value.length > MAX_VALUE) {
    log.add(field.name, 'truncated', `longer than ${MAX_VALUE} characters; only the start was read`);
    value = value.slice(0, MAX_VALUE);
  }
  if (value.length <= FAST_PATH_LIMIT) {
    const bare = BARE_ADDR.exec(value);
    if (bare?.[1] !== undefined) return new Mailbox(bare[1], undefined, field.name, log);
    const angle = ANGLE_ADDR.exec(value);
    if (angle?.[2] !== undefined) {
      const rawName = (angle[1] ?? '').trim().replace(/^"(.*)"$/s, '$1');
      return new Mailbox(angle[2], rawName.length > 0 ? rawName : undefined, field.name, log);
    }
  }
  try {
    const parsed = addressparser(value, { flatten: true })[0];
    if (parsed?.address) return new Mailbox(parsed.address, parsed.name || undefined, field.name, log);
  } catch (error) {
    log.add(field.name, 'unreadableValue', error instanceof Error ? error.message : 'unreadable address');
    return undefined;
  }
  if (value.trim() !== '<>') log.add(field.name, 'unreadableValue', `no address in ${value}`);
  return undefined;
}

/** An address whose display name is RFC 2047 decoded only when read. */
class Mailbox implements MailboxAddress {
  readonly domain: string;
  private decodedName: string | undefined;

  constructor(
    readonly address: string,
    private readonly rawName: string | undefined,
    private readonly header: string,
    private readonly log: ProblemLog,
  ) {
    const at = address.lastIndexOf('@');
    this.domain = at === -1 ? '' : address.slice(at + 1).toLowerCase();
  }

  get name(): string | undefined {
    if (this.decodedName === undefined && this.rawName !== undefined) {
      this.decodedName = decodeEncodedWords(this.rawName, this.header, this.log);
    }
    return this.decodedName;
  }

  /** A plain object for JSON and tests. */
  toJSON(): { address: string; domain: string; name?: string } {
    const name = this.name;
    return name === undefined ? { address: this.address, domain: this.domain } : { address: this.address, domain: this.domain, name };
  }
}
